using System.Globalization;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Collects a specimen's genotypes at the TPMT and NUDT15 defining positions and calls star-allele diplotypes:
/// every pair of defined alleles (with *1, the reference haplotype) whose summed variants equal the observed
/// genotype is a candidate; a phased genotype keeps only the pair matching its two haplotypes; an explicit
/// no-call lets the position take any value (a no-call is not reference); a position with no record at all is
/// taken as reference, as variant-only VCFs omit reference sites, and the call says how many were absent. When
/// the candidates differ in phenotype the phenotype is <c>Indeterminate</c> and every candidate is listed.
/// </summary>
internal sealed class PgxGenotypeCollector
{
    private static readonly string[] Genes = ["TPMT", "NUDT15"];
    private readonly KnowledgeBase _kb;
    private readonly GenomeAssembly _assembly;
    private readonly List<PgxVariant> _variants = [];
    private readonly Dictionary<string, List<(string Star, HashSet<PgxVariant> Variants)>> _alleles = [];
    private readonly Dictionary<PgxVariant, PgxObservation> _observed = [];
    private readonly List<string> _undefinedOnAssembly = [];
    private readonly List<string> _undocumented = [];
    private readonly HashSet<PgxVariant> _conflicts = [];

    // Genes with a record of the file within CoverageWindow of their defining positions: a file that was called there.
    private readonly HashSet<string> _covered = [];

    // The contigs of the defining variants.
    private readonly HashSet<string> _contigs = new(StringComparer.Ordinal);

    public PgxGenotypeCollector(KnowledgeBase kb, GenomeAssembly assembly)
    {
        _kb = kb;
        _assembly = assembly;
        var byKey = new Dictionary<(string, long, TrimmedAllele), PgxVariant>();
        foreach (var gene in Genes)
        {
            var alleles = new List<(string, HashSet<PgxVariant>)> { ("*1", []) };
            foreach (var group in kb.PgxAlleles.Where(a => a.Gene == gene).GroupBy(a => a.StarAllele))
            {
                var set = new HashSet<PgxVariant>();
                var complete = true;
                foreach (var definition in group)
                {
                    var position = definition.PositionOn(assembly);
                    if (position == 0)
                    {
                        complete = false;
                        break;
                    }

                    var trimmed = TrimmedAllele.Trim(position, definition.Reference, definition.Alternate);
                    var key = (definition.Contig, position, trimmed);
                    if (!byKey.TryGetValue(key, out var variant))
                    {
                        variant = new PgxVariant(gene, definition.Contig, position, trimmed, $"{(definition.RsId.Length > 0 ? definition.RsId : "no rsID")} {definition.Contig}:{position.ToString(CultureInfo.InvariantCulture)} {definition.Reference}>{definition.Alternate}", definition.Reference.ToUpperInvariant());
                        byKey[key] = variant;
                        _variants.Add(variant);
                    }

                    set.Add(variant);
                }

                if (complete)
                {
                    alleles.Add((group.Key, set));
                }
                else
                {
                    _undefinedOnAssembly.Add($"{gene}{group.Key}");
                }
            }

            _alleles[gene] = alleles;
        }

        _contigs.UnionWith(_variants.Select(v => v.Contig));
    }

    /// <summary>
    /// Records the genotype of the sample at any defining variant the record covers; a record that failed its filters
    /// counts as a no-call there (the caller doubted it, so the position is not known to be reference either).
    /// </summary>
    public void Observe(VcfRecord record, string contig, string reference, IReadOnlyList<string> alts, int sample, string evidence, bool filtered = false)
    {
        // Called for every record of a file: the TPMT and NUDT15 contigs only go further.
        if (!_contigs.Contains(contig))
        {
            return;
        }

        foreach (var v in _variants)
        {
            if (v.Contig == contig && Math.Abs(v.Position - record.Position) <= CoverageWindow)
            {
                _covered.Add(v.Gene);
                break;
            }
        }

        // A gVCF reference block (ALT only <NON_REF>/<*>, or none) speaks for every base to INFO/END: 0/0 there is
        // reference, ./. a no-call. Without END, a no-call block over a defining position read as "no record", i.e.
        // reference (GATK/DRAGEN gVCF, bcftools gvcf blocks).
        var end = record.Position + Math.Max(reference.Length, 1) - 1;
        if (alts.All(a => a is "" or "." or "<NON_REF>" or "<*>"))
        {
            end = Math.Max(end, record.EndPosition);
        }

        var covered = _variants.Where(v => v.Contig == contig && v.Position >= record.Position && v.Position <= end).ToList();
        var nearIndel = _variants.Any(v => v.Contig == contig && v.Allele.Reference.Length != v.Allele.Alternate.Length && Math.Abs(v.Position - record.Position) <= RepeatWindow);
        if (covered.Count == 0 && !nearIndel)
        {
            return;
        }

        var alleles = sample >= 0 && record.HasGenotypes ? record.GetAlleles(sample).ToArray() : [];
        var phasing = sample >= 0 && record.HasGenotypes ? record.GetPhasing(sample).ToArray() : [];
        // TPMT and NUDT15 are autosomal: a haploid (GT 1) or polyploid (GT 0/1/1) genotype is not a diplotype's two
        // copies (a hemizygous ALT may sit on a deletion of the other allele), so it is a no-call there, not *1/*X.
        var nonDiploid = alleles.Length is not (0 or 2);
        var noCall = filtered || alleles.Length != 2 || alleles.Any(a => a < 0);
        if (nonDiploid)
        {
            evidence += $" (GT with {alleles.Length.ToString(CultureInfo.InvariantCulture)} alleles, not diploid)";
        }
        var phased = alleles.Length == 2 && phasing.Length == 2 && phasing[1];
        var phaseSet = phased ? PhaseSet(record, sample) ?? contig : null;
        if (nearIndel)
        {
            ObserveShiftedIndels(record, contig, reference, alts, alleles, noCall, phased, phaseSet, evidence, covered);
        }

        foreach (var variant in covered)
        {
            if (noCall)
            {
                // Keep a real observation from another record at the same site (e.g. a split multi-allelic).
                _observed.TryAdd(variant, new PgxObservation(null, null, null, evidence));
                continue;
            }

            var haplotypes = new List<int>();
            for (var a = 0; a < alts.Count; a++)
            {
                if (TrimmedAllele.Trim(record.Position, reference, alts[a]) == variant.Allele)
                {
                    haplotypes.AddRange(HaplotypesCarrying(alleles, a + 1));
                }
            }

            var copies = haplotypes.Count;

            if (_conflicts.Contains(variant))
            {
                continue;
            }

            if (!_observed.TryGetValue(variant, out var previous) || previous.Copies is null or 0)
            {
                _observed[variant] = new PgxObservation(copies, phased ? [.. haplotypes] : null, phaseSet, evidence);
            }
            else if (copies > 0 && copies != previous.Copies)
            {
                // Two records carry the variant in different numbers (0/1 and 1/1 at rs1800584): the file does not say
                // which is right, so the position is open (the first record alone made a *4/*4 an *1/*4).
                _conflicts.Add(variant);
                _observed[variant] = new PgxObservation(null, null, null, $"{previous.Evidence} and {evidence} (records disagree: x{previous.Copies.Value.ToString(CultureInfo.InvariantCulture)}, x{copies.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        // A carried ALT at a defining position that no definition names (chr6:18130687 T>A, a 12-bp insertion in the
        // NUDT15 repeat) leaves that position reference for the diplotype; the call says so rather than staying silent.
        if (!noCall && covered.Count > 0)
        {
            for (var a = 0; a < alts.Count; a++)
            {
                if (!alleles.Contains(a + 1) || !IsSequence(reference, alts[a]))
                {
                    continue;
                }

                var trimmed = TrimmedAllele.Trim(record.Position, reference, alts[a]);
                if (_variants.Any(v => v.Contig == contig && v.Allele == trimmed))
                {
                    continue;
                }

                var touched = covered.FirstOrDefault(v => v.Position >= trimmed.Position - 1 && v.Position <= trimmed.End);
                if (touched is not null)
                {
                    var label = $"{touched.Gene} {contig}:{record.Position.ToString(CultureInfo.InvariantCulture)} {reference}>{alts[a]} x{alleles.Count(x => x == a + 1).ToString(CultureInfo.InvariantCulture)} ({evidence})";
                    if (!_undocumented.Contains(label))
                    {
                        _undocumented.Add(label);
                    }
                }
            }
        }
    }

    // The haplotypes (GT positions) that carry allele index `allele`.
    private static List<int> HaplotypesCarrying(int[] alleles, int allele)
    {
        var haplotypes = new List<int>();
        for (var h = 0; h < alleles.Length; h++)
        {
            if (alleles[h] == allele)
            {
                haplotypes.Add(h);
            }
        }

        return haplotypes;
    }

    // A REF and ALT written as bases (not symbolic, '*' or empty): only those are compared with the definitions.
    private static bool IsSequence(string reference, string alt) => alt.Length > 0 && alt.All(char.IsLetter) && reference.All(char.IsLetter);

    // How far from a defining indel another indel is compared with it (NUDT15 rs746071566 lies in a GAGTCG repeat).
    private const int RepeatWindow = 100;

    /// <summary>
    /// Indels of the record written at another place than a defining indel (e.g. right-aligned, or 3'-shifted as HGVS
    /// writes them, instead of PharmCAT's left-aligned form): an ALT the record carries that is the same change, shown
    /// from the reference bases the definition and the record give, counts as that defining indel; one that may be the
    /// same (a rotation of its bases, the bases between unknown) makes the defining position a no-call.
    /// </summary>
    private void ObserveShiftedIndels(VcfRecord record, string contig, string reference, IReadOnlyList<string> alts, int[] alleles, bool noCall, bool phased, string? phaseSet, string evidence, List<PgxVariant> covered)
    {
        for (var a = 0; a < alts.Count; a++)
        {
            if ((!noCall && !alleles.Contains(a + 1)) || !IsSequence(reference, alts[a]))
            {
                continue;
            }

            var trimmed = TrimmedAllele.Trim(record.Position, reference, alts[a]);
            if (trimmed.Reference.Length > 0 && trimmed.Alternate.Length > 0)
            {
                continue;
            }

            foreach (var variant in _variants)
            {
                var defined = variant.Allele;
                if (variant.Contig != contig || covered.Contains(variant)
                    || (defined.Reference.Length > 0) != (trimmed.Reference.Length > 0)
                    || defined.Reference.Length + defined.Alternate.Length != trimmed.Reference.Length + trimmed.Alternate.Length
                    || (defined.Reference.Length > 0 && defined.Alternate.Length > 0)
                    || Math.Abs(defined.Position - trimmed.Position) > RepeatWindow)
                {
                    continue;
                }

                var same = SameIndel(variant, defined, trimmed, record.Position, reference.ToUpperInvariant());
                if (same is null || (same == true && noCall))
                {
                    // A change in the repeat that cannot be placed (maybe the defining indel, maybe not), like a no-call or
                    // filtered record of the defining indel written elsewhere, leaves the defining position open.
                    if (!_observed.TryGetValue(variant, out var previous) || previous.Copies is null or 0)
                    {
                        _observed[variant] = new PgxObservation(null, null, null, same is null ? evidence + " (indel in the repeat written at another position; normalise the VCF, e.g. bcftools norm -f)" : evidence);
                    }

                    continue;
                }

                if (same == false)
                {
                    continue;
                }

                var haplotypes = HaplotypesCarrying(alleles, a + 1);
                if (!_observed.TryGetValue(variant, out var prior) || prior.Copies is null or 0)
                {
                    _observed[variant] = new PgxObservation(haplotypes.Count, phased ? [.. haplotypes] : null, phaseSet, evidence);
                }
            }
        }
    }

    /// <summary>
    /// Whether two pure indels of the same kind and length give the same sequence: true or false when every reference
    /// base between them is known (from the definition's REF and the record's REF), null when a base is unknown and
    /// the changed bases of one are a rotation of the other's (a repeat could make them one change).
    /// </summary>
    private static bool? SameIndel(PgxVariant variant, TrimmedAllele defined, TrimmedAllele observed, long recordPosition, string recordReference)
    {
        var changedA = defined.Reference + defined.Alternate;
        var changedB = observed.Reference + observed.Alternate;
        var rotation = (changedA + changedA).Contains(changedB, StringComparison.Ordinal);
        var known = new Dictionary<long, char>();
        for (var i = 0; i < variant.DefinitionReference.Length; i++)
        {
            known[variant.Position + i] = variant.DefinitionReference[i];
        }

        for (var i = 0; i < recordReference.Length; i++)
        {
            if (known.TryGetValue(recordPosition + i, out var b) && b != recordReference[i])
            {
                return rotation ? null : false;
            }

            known[recordPosition + i] = recordReference[i];
        }

        var lo = Math.Min(defined.Position, observed.Position);
        var hi = Math.Max(defined.Position + defined.Reference.Length, observed.Position + observed.Reference.Length) - 1;
        for (var p = lo; p <= hi; p++)
        {
            if (!known.ContainsKey(p))
            {
                return rotation ? null : false;
            }
        }

        string Apply(TrimmedAllele t)
        {
            var text = new System.Text.StringBuilder();
            for (var p = lo; p < t.Position; p++)
            {
                text.Append(known[p]);
            }

            text.Append(t.Alternate);
            for (var p = t.Position + t.Reference.Length; p <= hi; p++)
            {
                text.Append(known[p]);
            }

            return text.ToString();
        }

        return Apply(defined) == Apply(observed);
    }

    /// <summary>
    /// How near (bases) to a gene's defining positions one record of any kind shows that the file was called there.
    /// Absent positions are taken as reference only then: a WGS or exome VCF has records every few kilobases around
    /// TPMT and NUDT15, while a panel that does not cover the gene (or contigs named in a way not recognised) has none,
    /// and its silence is no evidence of *1/*1 (PharmCAT does not read missing positions as reference either) [P].
    /// </summary>
    internal const long CoverageWindow = 100_000;

    public List<PgxCall> Call() => Genes.Select(CallGene).ToList();

    private PgxCall CallGene(string gene)
    {
        var variants = _variants.Where(v => v.Gene == gene).ToList();
        var alleles = _alleles[gene];
        var notCalled = variants.Where(v => _observed.TryGetValue(v, out var o) && o.Copies is null).ToList();
        var absent = variants.Count(v => !_observed.ContainsKey(v));
        int Copies(PgxVariant v) => _observed.TryGetValue(v, out var o) ? o.Copies ?? -1 : 0;

        if (absent == variants.Count && !_covered.Contains(gene))
        {
            var window = (CoverageWindow / 1000).ToString(CultureInfo.InvariantCulture);
            return new PgxCall(gene, "unknown", "Indeterminate", $"not called: the file has no record within {window} kb of the {variants.Count.ToString(CultureInfo.InvariantCulture)} {gene} defining positions, so it does not cover {gene} (a panel without it, or contig names not recognised) and absent positions are not taken as reference [P]", [], Certainty.Partial, [], [.. variants.Select(v => v.Label)], Covered: false);
        }

        var carried = variants.Where(v => Copies(v) > 0).ToList();
        var hets = carried.Where(v => Copies(v) == 1).ToList();
        var phaseSets = hets.Select(v => _observed[v].PhaseSet).Distinct().ToList();
        var fullyPhased = hets.Count >= 2 && phaseSets.Count == 1 && phaseSets[0] is not null;
        var candidates = new List<(string A, string B)>();
        for (var i = 0; i < alleles.Count; i++)
        {
            for (var j = i; j < alleles.Count; j++)
            {
                var (a, setA) = alleles[i];
                var (b, setB) = alleles[j];
                var fits = variants.All(v => Copies(v) < 0 || (setA.Contains(v) ? 1 : 0) + (setB.Contains(v) ? 1 : 0) == Copies(v));
                if (fits && fullyPhased)
                {
                    var hap0 = hets.Where(v => _observed[v].Haplotypes!.Contains(0)).ToHashSet();
                    var hap1 = hets.Where(v => _observed[v].Haplotypes!.Contains(1)).ToHashSet();
                    bool Holds(HashSet<PgxVariant> set, HashSet<PgxVariant> hap) => hets.All(v => set.Contains(v) == hap.Contains(v));
                    fits = (Holds(setA, hap0) && Holds(setB, hap1)) || (Holds(setA, hap1) && Holds(setB, hap0));
                }

                if (fits)
                {
                    candidates.Add((a, b));
                }
            }
        }

        var notes = new List<string>();
        if (hets.Count >= 2 && !fullyPhased)
        {
            notes.Add($"phase unknown for {hets.Count.ToString(CultureInfo.InvariantCulture)} heterozygous defining variants");
        }
        else if (fullyPhased)
        {
            notes.Add("phased genotypes");
        }

        if (notCalled.Count > 0)
        {
            notes.Add("defining positions not called (a no-call, or a record that failed its filters, is not reference): " + string.Join(", ", notCalled.Select(v => v.Label)));
        }

        var undocumented = _undocumented.Where(u => u.StartsWith(gene + " ", StringComparison.Ordinal)).Select(u => u[(gene.Length + 1)..]).ToList();
        if (undocumented.Count > 0)
        {
            notes.Add("variants at defining positions that no allele definition names, read as reference there (an allele not in the table; confirm): " + string.Join(", ", undocumented));
        }

        if (absent > 0)
        {
            notes.Add($"{absent.ToString(CultureInfo.InvariantCulture)} of {variants.Count.ToString(CultureInfo.InvariantCulture)} defining positions have no record in the file and are taken as reference (variant-only VCF)");
        }

        if (_undefinedOnAssembly.Any(u => u.StartsWith(gene + "*", StringComparison.Ordinal)))
        {
            notes.Add($"not callable on {_assembly} (no position in the allele table): " + string.Join(", ", _undefinedOnAssembly.Where(u => u.StartsWith(gene + "*", StringComparison.Ordinal))));
        }

        if (_assembly == GenomeAssembly.GRCh37)
        {
            notes.Add("GRCh37 positions from PyPGx with GRCh38 alleles [D]");
        }

        notes.Add("CPIC/ClinPGx definitions 2025-11-05");

        // Reference inferred from absence (a panel that does not cover the gene looks the same), or GRCh37 positions
        // derived from GRCh38 alleles: the call is weaker than its data.
        var certainty = absent > 0 ? Certainty.Partial : _assembly == GenomeAssembly.GRCh37 ? Certainty.Derived : Certainty.VerifiedData;
        var evidence = carried.Concat(notCalled).Select(v => $"{_observed[v].Evidence} {v.Label}").Distinct().ToList();
        var labels = carried.Concat(notCalled).Select(v => v.Label).Distinct().ToList();
        var absentLabels = variants.Where(v => !_observed.ContainsKey(v)).Select(v => v.Label).ToList();
        if (candidates.Count == 0)
        {
            notes.Insert(0, "genotype matches no defined diplotype: " + string.Join(", ", carried.Select(v => $"{v.Label} x{Copies(v).ToString(CultureInfo.InvariantCulture)}")));
            return new PgxCall(gene, "unknown", "Indeterminate", string.Join("; ", notes), evidence, certainty, labels, absentLabels);
        }

        var diplotypes = candidates.Select(c => KnowledgeBase.DiplotypeKey(c.A, c.B)).Distinct().ToList();
        var phenotypes = diplotypes.Select(d => (Diplotype: d, Phenotype: Phenotype(gene, d))).ToList();
        var functions = string.Join(", ", diplotypes.Take(4).Select(d => d + ": " + string.Join(" + ", d.Split('/').Select(s => $"{s} {Function(gene, s)}"))));
        notes.Insert(0, functions + (diplotypes.Count > 4 ? $" (+{(diplotypes.Count - 4).ToString(CultureInfo.InvariantCulture)} more)" : string.Empty));
        var distinct = phenotypes.Select(p => p.Phenotype).Distinct().ToList();
        if (distinct.Count == 1)
        {
            return new PgxCall(gene, string.Join(" or ", diplotypes), distinct[0], string.Join("; ", notes), evidence, certainty, labels, absentLabels);
        }

        notes.Insert(0, "candidates differ in phenotype: " + string.Join(", ", phenotypes.Take(6).Select(p => $"{p.Diplotype} {p.Phenotype}")));
        var shown = diplotypes.Count <= 4 ? string.Join(" or ", diplotypes) : "ambiguous";
        return new PgxCall(gene, shown, "Indeterminate", string.Join("; ", notes), evidence, certainty, labels, absentLabels);
    }

    private string Phenotype(string gene, string diplotype) =>
        // Alleles without a CPIC function (PharmCAT-only definitions) have no phenotype entry.
        _kb.PgxPhenotypes[gene].TryGetValue(diplotype, out var p) ? p : "Indeterminate";

    private string Function(string gene, string star) =>
        _kb.PgxFunctions[gene].TryGetValue(star, out var f) ? f : "function not assigned by CPIC";

    private static string? PhaseSet(VcfRecord record, int sample)
    {
        for (var f = 0; f < record.Format.Count; f++)
        {
            if (record.Format[f].Id == "PS")
            {
                var values = record.GetSampleValues(sample, f);
                if (values.IsMissing)
                {
                    return null;
                }

                return record.Format[f].Type == VcfValueType.Integer
                    ? record.Integers[values.Start].ToString(CultureInfo.InvariantCulture)
                    : record.GetString(record.Texts[values.Start]);
            }
        }

        return null;
    }
}
