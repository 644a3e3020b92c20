using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A germline (remission/normal) VCF genotyped at the TPMT/NUDT15 defining positions and a fingerprint SNP panel, as a
/// PGx-ready pipeline writes it: every site present, hom-ref included, PGx sites phased within one phase set per
/// gene so that *1/*3A is told apart from *3B/*3C (ALL-knowledge.md §5.1 pitfall).
/// </summary>
internal sealed class GermlineVcfWriter
{
    private readonly GenomeLayout _layout;
    private readonly FingerprintPanel _panel;
    private readonly List<PgxSite> _sites = [];
    private readonly Dictionary<(string Gene, string Star), List<(PgxSite Site, int AltIndex)>> _alleles = [];

    public GermlineVcfWriter(GenomeLayout layout, CohortParameters parameters, FingerprintPanel panel)
    {
        _layout = layout;
        _panel = panel;
        var planted = parameters.TpmtAlleles.Keys.Select(k => ("TPMT", k)).Concat(parameters.Nudt15Alleles.Keys.Select(k => ("NUDT15", k))).ToHashSet();
        var definitions = layout.Kb.PgxAlleles.Where(a => planted.Contains((a.Gene, a.StarAllele))).ToList();
        var missing = definitions.Where(d => d.PositionOn(layout.Assembly) == 0).Select(d => d.Gene + d.StarAllele).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"no {layout.Assembly} position for {string.Join(", ", missing)}: leave these alleles out of the parameters");
        }

        foreach (var group in definitions.GroupBy(d => (d.Gene, d.Contig, Position: d.PositionOn(layout.Assembly))).OrderBy(g => g.Key.Position))
        {
            var references = group.Select(d => d.Reference).Distinct().ToList();
            if (references.Count != 1)
            {
                throw new InvalidOperationException($"{group.Key.Gene} {group.Key.Position}: defining variants with different REF");
            }

            var alts = group.Select(d => d.Alternate).Distinct(StringComparer.Ordinal).ToList();
            var rsids = group.Select(d => d.RsId).Where(s => s.Length > 0).Distinct().ToList();
            var site = new PgxSite(group.Key.Gene, group.Key.Contig, group.Key.Position, references[0], alts, rsids.Count == 1 ? rsids[0] : ".");
            _sites.Add(site);
            foreach (var d in group)
            {
                var key = (d.Gene, d.StarAllele);
                if (!_alleles.TryGetValue(key, out var list))
                {
                    _alleles[key] = list = [];
                }

                list.Add((site, alts.IndexOf(d.Alternate) + 1));
            }
        }
    }

    public void Write(string path, SyntheticPatient patient, ulong seed)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 3);
        var lines = new List<VcfLine>();
        foreach (var gene in new[] { "TPMT", "NUDT15" })
        {
            var diplotype = patient.Diplotypes.First(d => d.Gene == gene);
            var geneSites = _sites.Where(s => s.Gene == gene).ToList();
            if (geneSites.Count == 0)
            {
                continue;
            }

            // One phase set per gene, named after its first genotyped position (GATK's PS convention).
            var phaseSet = geneSites[0].Position;
            foreach (var site in geneSites)
            {
                var a = AlleleAt(gene, diplotype.Allele1, site);
                var b = AlleleAt(gene, diplotype.Allele2, site);
                var depth = (int)Math.Max(15, r.Normal(40, 8));
                var (refReads, altReads) = Reads(r, depth, (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0));
                var ad = site.Alternates.Count == 1 ? $"{I(refReads)},{I(altReads)}" : AdMulti(site.Alternates.Count, refReads, altReads, a, b);
                var text = $"{_layout.FileName(site.Contig)}\t{I(site.Position)}\t{site.RsId}\t{site.Reference}\t{string.Join(",", site.Alternates)}\t.\tPASS\t.\tGT:AD:DP:PS\t{I(a)}|{I(b)}:{ad}:{I(depth)}:{I(phaseSet)}";
                lines.Add(new VcfLine(_layout.Order(site.Contig), site.Position, text));
            }
        }

        var genotypes = _panel.Genotypes(seed, patient.Index);
        for (var i = 0; i < _panel.Sites.Count; i++)
        {
            var (contig, position, reference, alt, _) = _panel.Sites[i];
            var copies = genotypes[i];
            var depth = (int)Math.Max(15, r.Normal(40, 8));
            var (refReads, altReads) = Reads(r, depth, copies);
            var gt = copies switch { 0 => "0/0", 1 => "0/1", _ => "1/1" };
            var text = $"{_layout.FileName(contig)}\t{I(position)}\t.\t{reference}\t{alt}\t.\tPASS\t.\tGT:AD:DP\t{gt}:{I(refReads)},{I(altReads)}:{I(depth)}";
            lines.Add(new VcfLine(_layout.Order(contig), position, text));
        }

        lines.Sort();
        using var w = Create(path);
        w.WriteLine("##fileformat=VCFv4.2");
        w.WriteLine("##source=harmony synth: germline genotypes at TPMT/NUDT15 defining positions and fingerprint SNPs (synthetic data)");
        WriteReferenceAndContigs(w, _layout);
        w.WriteLine("##FILTER=<ID=PASS,Description=\"All filters passed\">");
        w.WriteLine("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
        w.WriteLine("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles in the order listed\">");
        w.WriteLine("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth\">");
        w.WriteLine("##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set identifier\">");
        w.WriteLine($"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{patient.GermlineSpecimen}");
        foreach (var line in lines)
        {
            w.WriteLine(line.Text);
        }
    }

    // The ALT index a haplotype carrying star allele 'star' has at 'site' (0 = REF; *1 is the reference haplotype).
    private int AlleleAt(string gene, string star, PgxSite site) =>
        _alleles.TryGetValue((gene, star), out var variants) ? variants.Where(v => v.Site == site).Select(v => v.AltIndex).FirstOrDefault() : 0;

    private static (int Ref, int Alt) Reads(Xoshiro256StarStar r, int depth, int copies)
    {
        var alt = copies switch { 0 => r.Chance(0.05) ? 1 : 0, 1 => r.Binomial(depth, 0.5), _ => depth - (r.Chance(0.05) ? 1 : 0) };
        return (depth - alt, alt);
    }

    private static string AdMulti(int altCount, int refReads, int altReads, int a, int b)
    {
        var counts = new int[altCount + 1];
        counts[0] = refReads;
        if (a > 0 && b > 0 && a != b)
        {
            counts[a] = altReads / 2;
            counts[b] = altReads - altReads / 2;
        }
        else if (a > 0 || b > 0)
        {
            counts[Math.Max(a, b)] = altReads;
        }
        else
        {
            counts[0] += altReads;
        }

        return string.Join(",", counts.Select(c => I(c)));
    }
}
