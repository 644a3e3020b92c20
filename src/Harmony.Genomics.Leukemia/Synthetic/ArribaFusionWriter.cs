using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// An Arriba-like <c>fusions.tsv</c> for the planted fusions as RNA sees them: breakpoints at the exon boundaries
/// (splice sites) of the last 5' exon and first 3' exon, directions from the strands, and the genomic breakpoints
/// in <c>closest_genomic_breakpoint1/2</c>. Columns follow Arriba 2.x.
/// </summary>
internal static class ArribaFusionWriter
{
    public const string Header = "#gene1\tgene2\tstrand1(gene/fusion)\tstrand2(gene/fusion)\tbreakpoint1\tbreakpoint2\tsite1\tsite2\ttype\tsplit_reads1\tsplit_reads2\tdiscordant_mates\tcoverage1\tcoverage2\tconfidence\treading_frame\ttags\tretained_protein_domains\tclosest_genomic_breakpoint1\tclosest_genomic_breakpoint2\tgene_id1\tgene_id2\ttranscript_id1\ttranscript_id2\tdirection1\tdirection2\tfilters\tfusion_transcript\tpeptide_sequence\tread_identifiers";

    public static void Write(string path, SyntheticPatient patient, GenomeLayout layout, ulong seed)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 6);
        using var w = Create(path);
        w.WriteLine(Header);
        foreach (var f in patient.Fusions)
        {
            var type = f.Contig5 != f.Contig3 ? "translocation" : f.Strand5 == f.Strand3 ? "deletion/read-through" : "inversion";
            // Arriba: 'downstream' = the partner is fused at coordinates above the breakpoint, i.e. this side keeps the left.
            var direction1 = f.KeepsLeft5 ? "downstream" : "upstream";
            var direction2 = f.KeepsLeft3 ? "downstream" : "upstream";
            var transcript5 = layout.Exons(f.Gene5)[0].Transcript;
            var transcript3 = layout.Exons(f.Gene3)[0].Transcript;
            w.WriteLine(string.Join('\t',
                f.Gene5, f.Gene3, $"{f.Strand5}/{f.Strand5}", $"{f.Strand3}/{f.Strand3}",
                $"{layout.FileName(f.Contig5)}:{I(f.ExonBoundary5)}", $"{layout.FileName(f.Contig3)}:{I(f.ExonBoundary3)}",
                "splice-site", "splice-site", type,
                I(r.Between(5, 60)), I(r.Between(5, 60)), I(r.Between(3, 40)), I(r.Between(50, 400)), I(r.Between(50, 400)),
                "high", "in-frame", ".", ".",
                $"{layout.FileName(f.Contig5)}:{I(f.Breakpoint5)}", $"{layout.FileName(f.Contig3)}:{I(f.Breakpoint3)}",
                ".", ".", transcript5, transcript3, direction1, direction2, ".", ".", ".", "."));
        }
    }
}
