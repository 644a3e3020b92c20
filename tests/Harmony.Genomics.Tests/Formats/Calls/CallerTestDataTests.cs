using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Calls;

/// <summary>Files from Arriba's and CNVkit's own test data (testdata/callers/README.md for provenance).</summary>
public sealed class CallerTestDataTests
{
    private static string File(string name) => Path.Combine(TestPaths.TestDataRoot, "callers", name);

    [Fact]
    public void Arriba_test_file_reads_and_names_bcr_abl1_on_grch37()
    {
        var table = FusionTableReader.Read(File("arriba_test_fusions.tsv"));
        Assert.Equal(FusionTableFormat.Arriba, table.Format);
        var call = Assert.Single(table.Calls);
        Assert.Equal(("22", 23632600L, BreakendSide.Left, "9", 133729451L, BreakendSide.Right), (call.ContigA, call.PositionA, call.SideA!.Value, call.ContigB, call.PositionB, call.SideB!.Value));
        Assert.Equal((4L, 0L, "high", "in-frame"), (call.SplitReads!.Value, call.SpanningPairs!.Value, call.Confidence, call.ReadingFrame));
        var caller = new FusionCaller(GenomeAssembly.GRCh37);
        caller.AddFusionCalls(table, "arriba_test_fusions.tsv");
        var finding = Assert.Single(caller.Findings());
        Assert.Equal("BCR::ABL1", finding.Fusion);
        Assert.True(finding.Evidence[0].InSense);
    }

    [Fact]
    public void Cnvkit_call_cns_gives_a_heterozygous_cdkn2a_deletion_on_grch37()
    {
        var file = SegmentReader.Read(File("cnvkit_p2-9_2.call.excerpt.cns"));
        Assert.Equal(SegmentFormat.Cnvkit, file.Format);
        Assert.Equal(22, file.Segments.Count);
        var profile = CopyNumberCaller.Call(file, GenomeAssembly.GRCh37, "p2-9_2.call.cns");
        GeneCopyState State(string gene) => profile.Genes.Single(g => g.Gene == gene).State;
        Assert.Equal(GeneCopyState.HeterozygousDeletion, State("CDKN2A"));
        Assert.Equal(GeneCopyState.HeterozygousDeletion, State("CDKN2B"));
        Assert.Equal(GeneCopyState.NotDeleted, State("PAX5"));
        Assert.Equal(GeneCopyState.NotDeleted, State("ETV6"));
        Assert.Equal(GeneCopyState.NotAssessable, State("IKZF1"));
    }
}
