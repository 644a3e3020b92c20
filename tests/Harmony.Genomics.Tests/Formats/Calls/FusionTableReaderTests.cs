using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Tests.Formats.Calls;

/// <summary>Arriba and STAR-Fusion tables written by hand in each caller's documented column layout.</summary>
public sealed class FusionTableReaderTests
{
    internal const string ArribaHeader = "#gene1\tgene2\tstrand1(gene/fusion)\tstrand2(gene/fusion)\tbreakpoint1\tbreakpoint2\tsite1\tsite2\ttype\tsplit_reads1\tsplit_reads2\tdiscordant_mates\tcoverage1\tcoverage2\tconfidence\treading_frame\tdirection1\tdirection2\n";

    private static FusionTableFile Parse(string text) => FusionTableReader.Parse(Encoding.UTF8.GetBytes(text), "fusions.tsv");

    [Fact]
    public void Arriba_line_gives_breakpoints_strands_sides_and_support()
    {
        var file = Parse(ArribaHeader + "BCR\tABL1\t+/+\t+/+\tchr22:23290413\tchr9:130854064\tsplice-site\tsplice-site\ttranslocation\t20\t15\t30\t100\t90\thigh\tin-frame\tdownstream\tupstream\n");
        Assert.Equal(FusionTableFormat.Arriba, file.Format);
        var call = Assert.Single(file.Calls);
        Assert.Equal(["BCR"], call.GeneA);
        Assert.Equal(("chr22", 23290413L, '+', BreakendSide.Left), (call.ContigA, call.PositionA, call.StrandA!.Value, call.SideA!.Value));
        Assert.Equal(("chr9", 130854064L, '+', BreakendSide.Right), (call.ContigB, call.PositionB, call.StrandB!.Value, call.SideB!.Value));
        Assert.Equal(35L, call.SplitReads);
        Assert.Equal(30L, call.SpanningPairs);
        Assert.Equal("high", call.Confidence);
        Assert.Equal("in-frame", call.ReadingFrame);
        Assert.True(call.OrientationFromCaller);
    }

    [Fact]
    public void Arriba_intergenic_neighbours_and_unknown_fusion_strand()
    {
        var call = Assert.Single(Parse(ArribaHeader + "IGHJ6(100),IGHM(2000)\tCRLF2\t-/.\t-/.\tchr14:105863000\tchrX:1190000\t.\t.\ttranslocation\t3\t2\t0\t1\t1\tlow\t.\t.\t.\n").Calls);
        Assert.Equal(["IGHJ6", "IGHM"], call.GeneA);
        Assert.Equal('-', call.StrandA);
        Assert.Null(call.SideA);
        Assert.False(call.OrientationFromCaller);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Star_fusion_full_and_abridged_list_the_five_prime_gene_first(bool full)
    {
        var header = "#FusionName\tJunctionReadCount\tSpanningFragCount\tSpliceType\tLeftGene\tLeftBreakpoint\tRightGene\tRightBreakpoint\tLargeAnchorSupport\tFFPM" + (full ? "\tJunctionReads\tSpanningFrags" : string.Empty) + "\n";
        var line = "TCF3--PBX1\t12\t4\tONLY_REF_SPLICE\tTCF3^ENSG00000071564.18\tchr19:1615286:-\tPBX1^ENSG00000185630.19\tchr1:164792423:+\tYES_LDAS\t3.1" + (full ? "\tr1,r2\tr3" : string.Empty) + "\n";
        var file = Parse(header + line);
        Assert.Equal(full ? FusionTableFormat.StarFusion : FusionTableFormat.StarFusionAbridged, file.Format);
        var call = Assert.Single(file.Calls);
        Assert.Equal(["TCF3"], call.GeneA);
        Assert.Equal(["PBX1"], call.GeneB);
        // TCF3 is on the minus strand: its 5' part lies right of the breakpoint; PBX1 (+) keeps its 3' part, also right.
        Assert.Equal((BreakendSide.Right, BreakendSide.Right), (call.SideA!.Value, call.SideB!.Value));
        Assert.Equal((12L, 4L), (call.SplitReads!.Value, call.SpanningPairs!.Value));
    }

    [Fact]
    public void Unknown_header_and_bad_breakpoint_are_refused_with_line_and_column()
    {
        var unknown = Assert.Throws<InputFormatException>(() => Parse("a\tb\n1\t2\n"));
        Assert.Equal(1, unknown.Line);
        Assert.Contains("Arriba", unknown.Expected, StringComparison.Ordinal);
        var bad = Assert.Throws<InputFormatException>(() => Parse(ArribaHeader + "BCR\tABL1\t+/+\t+/+\tchr22-23290413\tchr9:130854064\t.\t.\t.\t1\t1\t1\t1\t1\thigh\t.\tdownstream\tupstream\n"));
        Assert.Equal((2L, "breakpoint1"), (bad.Line!.Value, bad.Column));
    }
}
