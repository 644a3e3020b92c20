using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A Manta-like somatic SV VCF: each planted fusion as a BND pair (MATEID, bracket ALTs oriented from the genes'
/// strands), each planted focal deletion as a symbolic &lt;DEL&gt;, plus noise: small PASS deletions and filtered
/// breakend pairs away from ALL genes. REF is N: no reference sequence is embedded.
/// </summary>
internal static class StructuralVariantVcfWriter
{
    public static void Write(string path, SyntheticPatient patient, GenomeLayout layout, ulong seed)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 4);
        var lines = new List<VcfLine>();
        var id = 0;
        foreach (var f in patient.Fusions)
        {
            id++;
            AddBreakendPair(r, lines, layout, id, f.Contig5, f.Breakpoint5, f.KeepsLeft5, f.Contig3, f.Breakpoint3, f.KeepsLeft3, "PASS");
        }

        foreach (var d in patient.Deletions)
        {
            id++;
            lines.Add(Deletion(r, layout, id, d.Contig, d.Start, d.End, d.Homozygous, "PASS"));
        }

        var noise = r.Poisson(1.5);
        for (var i = 0; i < noise; i++)
        {
            id++;
            var (contig, position) = layout.RandomNeutralPosition(r);
            if (r.Chance(0.5))
            {
                var length = r.Between(300, 20_000);
                lines.Add(Deletion(r, layout, id, contig, position, position + length - 1, false, r.Chance(0.5) ? "PASS" : "MinSomaticScore"));
            }
            else
            {
                var (contig2, position2) = layout.RandomNeutralPosition(r);
                AddBreakendPair(r, lines, layout, id, contig, position, r.Chance(0.5), contig2, position2, r.Chance(0.5), "MinSomaticScore");
            }
        }

        lines.Sort();
        using var w = Create(path);
        w.WriteLine("##fileformat=VCFv4.2");
        w.WriteLine("##source=harmony synth: Manta-like somatic structural variants (synthetic data, no real patient)");
        WriteReferenceAndContigs(w, layout);
        w.WriteLine("##ALT=<ID=DEL,Description=\"Deletion\">");
        w.WriteLine("##FILTER=<ID=PASS,Description=\"All filters passed\">");
        w.WriteLine("##FILTER=<ID=MinSomaticScore,Description=\"Somatic score is less than 30\">");
        w.WriteLine("##INFO=<ID=IMPRECISE,Number=0,Type=Flag,Description=\"Imprecise structural variation\">");
        w.WriteLine("##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type of structural variant\">");
        w.WriteLine("##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"Difference in length between REF and ALT alleles\">");
        w.WriteLine("##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the variant described in this record\">");
        w.WriteLine("##INFO=<ID=CIPOS,Number=2,Type=Integer,Description=\"Confidence interval around POS\">");
        w.WriteLine("##INFO=<ID=MATEID,Number=.,Type=String,Description=\"ID of mate breakend\">");
        w.WriteLine("##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description=\"Somatic mutation\">");
        w.WriteLine("##INFO=<ID=SOMATICSCORE,Number=1,Type=Integer,Description=\"Somatic variant quality score\">");
        w.WriteLine("##INFO=<ID=BND_DEPTH,Number=1,Type=Integer,Description=\"Read depth at local translocation breakend\">");
        w.WriteLine("##INFO=<ID=MATE_BND_DEPTH,Number=1,Type=Integer,Description=\"Read depth at remote translocation mate breakend\">");
        w.WriteLine("##FORMAT=<ID=PR,Number=.,Type=Integer,Description=\"Spanning paired-read support for the ref and alt alleles in the order listed\">");
        w.WriteLine("##FORMAT=<ID=SR,Number=.,Type=Integer,Description=\"Split reads for the ref and alt alleles in the order listed\">");
        w.WriteLine($"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{patient.GermlineSpecimen}\t{patient.TumourSpecimen}");
        foreach (var line in lines)
        {
            w.WriteLine(line.Text);
        }
    }

    private static void AddBreakendPair(Xoshiro256StarStar r, List<VcfLine> lines, GenomeLayout layout, int id, string contigA, long positionA, bool keepsLeftA, string contigB, long positionB, bool keepsLeftB, string filter)
    {
        var idA = $"MantaBND:{I(id)}:0:1:0:0:0:0";
        var idB = $"MantaBND:{I(id)}:0:1:0:0:0:1";
        var score = filter == "PASS" ? (int)r.Between(60, 250) : (int)r.Between(5, 29);
        var depthA = (int)r.Between(25, 60);
        var depthB = (int)r.Between(25, 60);
        var support = Support(r, filter == "PASS");
        var altA = FusionPlanner.BreakendAlt('N', keepsLeftA, layout.FileName(contigB), positionB, keepsLeftB);
        var altB = FusionPlanner.BreakendAlt('N', keepsLeftB, layout.FileName(contigA), positionA, keepsLeftA);
        lines.Add(new VcfLine(layout.Order(contigA), positionA, $"{layout.FileName(contigA)}\t{I(positionA)}\t{idA}\tN\t{altA}\t.\t{filter}\tSVTYPE=BND;MATEID={idB};SOMATIC;SOMATICSCORE={I(score)};BND_DEPTH={I(depthA)};MATE_BND_DEPTH={I(depthB)}\tPR:SR\t{support}"));
        lines.Add(new VcfLine(layout.Order(contigB), positionB, $"{layout.FileName(contigB)}\t{I(positionB)}\t{idB}\tN\t{altB}\t.\t{filter}\tSVTYPE=BND;MATEID={idA};SOMATIC;SOMATICSCORE={I(score)};BND_DEPTH={I(depthB)};MATE_BND_DEPTH={I(depthA)}\tPR:SR\t{support}"));
    }

    private static VcfLine Deletion(Xoshiro256StarStar r, GenomeLayout layout, int id, string contig, long start, long end, bool homozygous, string filter)
    {
        // VCF symbolic deletions start at the base before the deleted stretch and END at its last base.
        var position = start - 1;
        var score = filter == "PASS" ? (int)r.Between(60, 250) : (int)r.Between(5, 29);
        var support = Support(r, filter == "PASS", homozygous);
        var text = $"{layout.FileName(contig)}\t{I(position)}\tMantaDEL:{I(id)}:0:0:0:0:0:0\tN\t<DEL>\t.\t{filter}\tEND={I(end)};SVTYPE=DEL;SVLEN=-{I(end - start + 1)};IMPRECISE;CIPOS=-150,150;SOMATIC;SOMATICSCORE={I(score)}\tPR:SR\t{support}";
        return new VcfLine(layout.Order(contig), position, text);
    }

    // Normal column first: reference-only support; tumour: alt support (none of the reference on a homozygous loss).
    private static string Support(Xoshiro256StarStar r, bool strong, bool homozygous = false)
    {
        var normalRef = (int)r.Between(20, 45);
        var normalSplit = (int)r.Between(15, 40);
        var alt = strong ? (int)r.Between(8, 40) : (int)r.Between(2, 5);
        var tumourRef = homozygous ? 0 : (int)r.Between(10, 35);
        return $"{I(normalRef)},0:{I(normalSplit)},0\t{I(tumourRef)},{I(alt)}:{I(tumourRef)},{I(alt * 3 / 4)}";
    }
}
