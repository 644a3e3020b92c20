using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Calls;

/// <summary>
/// Files from the callers' own test data (testdata/callers/README.md for provenance), read with this library's
/// readers; every expected value was typed from the file by hand.
/// </summary>
public sealed class CallerTestDataTests
{
    private static string File(string caller, string name) => Path.Combine(TestPaths.TestDataRoot, "callers", caller, name);

    [Fact]
    public void Arriba_test_file_reads_and_names_bcr_abl1_on_grch37()
    {
        var table = FusionTableReader.Read(File("arriba", "arriba_test_fusions.tsv"));
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
    public void Arriba_v2_column_order_reads_the_same_breakpoints_and_names_bcr_abl1()
    {
        // Arriba 2 moved direction1/direction2 after the gene and transcript ids; columns are found by name.
        var table = FusionTableReader.Read(File("arriba", "arriba_v2_test_fusions.tsv"));
        Assert.Equal(FusionTableFormat.Arriba, table.Format);
        var call = Assert.Single(table.Calls);
        Assert.Equal(2, call.Line);
        Assert.Equal(["BCR"], call.GeneA);
        Assert.Equal(["ABL1"], call.GeneB);
        Assert.Equal(("22", 23632600L, BreakendSide.Left, '+', "9", 133729451L, BreakendSide.Right, '+'), (call.ContigA, call.PositionA, call.SideA!.Value, call.StrandA!.Value, call.ContigB, call.PositionB, call.SideB!.Value, call.StrandB!.Value));
        Assert.Equal((11L, 0L, "high", "in-frame"), (call.SplitReads!.Value, call.SpanningPairs!.Value, call.Confidence, call.ReadingFrame));
        var caller = new FusionCaller(GenomeAssembly.GRCh37);
        caller.AddFusionCalls(table, "arriba_v2_test_fusions.tsv");
        var finding = Assert.Single(caller.Findings());
        Assert.Equal("BCR::ABL1", finding.Fusion);
        Assert.True(finding.Evidence[0].InSense);
    }

    [Fact]
    public void Star_fusion_ffpm_table_reads_all_24_predictions_with_strands_and_counts()
    {
        var table = FusionTableReader.Read(File("star-fusion", "star-fusion.fusion_candidates.final.abridged.FFPM"));
        Assert.Equal(FusionTableFormat.StarFusionAbridged, table.Format);
        Assert.Equal(24, table.Calls.Count);

        // ACACA--STAC2: both genes on the minus strand, so the 5' partner keeps the bases after its breakpoint.
        var first = table.Calls[0];
        Assert.Equal(("ACACA", "chr17", 35479453L, '-', BreakendSide.Right), (Assert.Single(first.GeneA), first.ContigA, first.PositionA, first.StrandA!.Value, first.SideA!.Value));
        Assert.Equal(("STAC2", "chr17", 37374426L, '-', BreakendSide.Left), (Assert.Single(first.GeneB), first.ContigB, first.PositionB, first.StrandB!.Value, first.SideB!.Value));
        Assert.Equal((12L, 51L), (first.SplitReads!.Value, first.SpanningPairs!.Value));

        // VAPB--IKZF3 (line 4): + then -, across chromosomes 20 and 17.
        var vapb = table.Calls[2];
        Assert.Equal((4, "chr20", 56964573L, BreakendSide.Left, "chr17", 37934020L, BreakendSide.Left), (vapb.Line, vapb.ContigA, vapb.PositionA, vapb.SideA!.Value, vapb.ContigB, vapb.PositionB, vapb.SideB!.Value));
        var last = table.Calls[^1];
        Assert.Equal(("PIP4K2B", "RAD51C", 1L, 4L), (Assert.Single(last.GeneA), Assert.Single(last.GeneB), last.SplitReads!.Value, last.SpanningPairs!.Value));

        // Breast-cancer cell-line fusions (BT-474): 18 distinct gene pairs, none an ALL subtype-defining fusion.
        var caller = new FusionCaller(GenomeAssembly.GRCh37);
        caller.AddFusionCalls(table, "star-fusion.FFPM");
        var findings = caller.Findings();
        Assert.Equal(18, findings.Count);
        Assert.Contains(findings, f => f.Fusion == "VAPB::IKZF3" && f.Evidence.Count == 3);
        Assert.All(findings, f => Assert.Null(f.Subtype));
    }

    [Fact]
    public void Cnvkit_call_cns_gives_a_heterozygous_cdkn2a_deletion_on_grch37()
    {
        var file = SegmentReader.Read(File("cnvkit", "cnvkit_p2-9_2.call.excerpt.cns"));
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

    [Fact]
    public void Cnvkit_seg_export_reads_dnacopy_x_and_y_numbers_and_finds_the_9p21_deletion()
    {
        var file = SegmentReader.Read(File("cnvkit", "cw-tr-log2.TR_06_T.excerpt.seg"));
        Assert.Equal(SegmentFormat.Seg, file.Format);
        Assert.Equal(74, file.Segments.Count);
        Assert.All(file.Segments, s => Assert.Equal("TR_06_T", s.Sample));
        var cdkn2a = file.Segments[26];
        Assert.Equal((28, "9", 21675000L, 23775000L, 15L, -0.608), (cdkn2a.Line, cdkn2a.Contig, cdkn2a.Start, cdkn2a.End, cdkn2a.Markers!.Value, cdkn2a.Log2!.Value));

        // DNAcopy numbers X and Y as 23 and 24; they are read as X and Y.
        Assert.Equal(["X", "X", "X", "Y"], file.Segments.Skip(70).Select(s => s.Contig).ToArray());
        Assert.Equal((2925000L, 148425000L, 0.2087), (file.Segments[71].Start, file.Segments[71].End, file.Segments[71].Log2!.Value));

        // CNVkit's test data is on hg19. log2 -0.608 lies between the het-del (-0.25) and hom-del (-1.1) thresholds.
        var profile = CopyNumberCaller.Call(file, GenomeAssembly.GRCh37, "cw-tr-log2.seg");
        GeneCopyState State(string gene) => profile.Genes.Single(g => g.Gene == gene).State;
        Assert.Equal(GeneCopyState.HeterozygousDeletion, State("CDKN2A"));
        Assert.Equal(GeneCopyState.HeterozygousDeletion, State("CDKN2B"));
        Assert.Equal(GeneCopyState.NotDeleted, State("PAX5"));    // 27675000-140925000 at -0.1
        Assert.Equal(GeneCopyState.NotDeleted, State("ETV6"));    // 225000-69075000 at -0.2263, above -0.25
        Assert.Equal(GeneCopyState.NotDeleted, State("BTG1"));    // 81375000-102075000 at -0.2489, above -0.25
        Assert.Equal(GeneCopyState.NotDeleted, State("IKZF1"));   // all of chr7 at 0.0653
        Assert.Contains(profile.Abnormalities, a => a.Name == "CDKN2A deletion");
        Assert.NotNull(profile.Chromosomes.Single(c => c.Chromosome == "chrX" && c.Arm == "whole").CopyNumber);
    }

    [Fact]
    public void Gatk_model_final_reads_posterior_medians_and_calls_a_20p_gain()
    {
        var file = SegmentReader.Read(File("gatk", "single-sample-cr-ac-nac.modelFinal.seg"));
        Assert.Equal(SegmentFormat.GatkModelFinal, file.Format);
        Assert.Equal(8, file.Segments.Count);
        var first = file.Segments[0];
        Assert.Equal((5, "SM-74P4M-1", "20", 68100L, 10032789L, 809L, 0.661499, 0.315203), (first.Line, first.Sample, first.Contig, first.Start, first.End, first.Markers!.Value, first.Log2!.Value, first.MinorAlleleFraction!.Value));
        var last = file.Segments[^1];
        Assert.Equal((39316268L, 62905205L, 0.107970, 0.495731), (last.Start, last.End, last.Log2!.Value, last.MinorAlleleFraction!.Value));

        // 20p: 2·2^0.931931 = 3.8 copies over most of the arm; 20q: 2·2^0.10797 = 2.2 over 23.6 of its 31 Mb covered.
        var profile = CopyNumberCaller.Call(file, GenomeAssembly.GRCh37, "modelFinal.seg");
        var arms = profile.Chromosomes.Where(c => c.Chromosome == "chr20").ToDictionary(c => c.Arm);
        Assert.Equal((4, "gain"), (arms["p"].CopyNumber!.Value, arms["p"].State));
        Assert.Equal((2, "neutral"), (arms["q"].CopyNumber!.Value, arms["q"].State));
        Assert.Contains(profile.Abnormalities, a => a.Name == "gain 20p");
        Assert.DoesNotContain(profile.Abnormalities, a => a.Name == "+20");
    }

    [Fact]
    public void Delly_example_deletions_read_with_ends_intervals_and_filters()
    {
        var file = StructuralVariantReader.Read(File("delly", "DEL.excerpt.vcf"));
        Assert.Equal(12, file.Records.Count);
        Assert.All(file.Records, r => Assert.Equal((StructuralVariantType.Deletion, "chr16", "chr16"), (r.Type, r.Contig, r.MateContig)));
        Assert.Equal(7, file.Records.Count(r => r.Passed));
        var first = file.Records[0];
        Assert.Equal((34L, "DEL00000066", 212531L, 1615426L, 1402895L, true, false), (first.Line, first.Id, first.Position, first.MatePosition!.Value, first.Length!.Value, first.Imprecise, first.Passed));
        Assert.Equal((-188, 188), first.PositionInterval!.Value);
        Assert.Equal((-188, 188), first.EndInterval!.Value);

        // Each sample's GT as written (the deletion rules read zygosity from it).
        Assert.Equal(["./."], first.Genotypes);
        Assert.Equal(["1/1"], file.Records[2].Genotypes);

        // CT=3to5: the deletion keeps the bases before POS and after END.
        Assert.Equal((BreakendSide.Left, BreakendSide.Right), (first.Side!.Value, first.MateSide!.Value));
        var precise = file.Records[4];
        Assert.Equal(("DEL00000070", 1177298L, 1178854L, false, true), (precise.Id, precise.Position, precise.MatePosition!.Value, precise.Imprecise, precise.Passed));
    }

    [Fact]
    public void Gridss_breakends_read_with_inserted_sequence_mates_and_empty_info_values()
    {
        var file = StructuralVariantReader.Read(File("gridss", "gridss294.colo829.somatic.excerpt.vcf"));
        Assert.Equal(5, file.Records.Count);
        Assert.All(file.Records, r => Assert.Equal((StructuralVariantType.Breakend, true), (r.Type, r.Passed)));

        // G → GTTG…TTTTTC[1:9424908[: inserted bases, then the mate's right side; the mate record is its mirror.
        var o = file.Records[0];
        Assert.Equal(("gridss0fb_12021o", "1", 9424907L, BreakendSide.Left, "1", 9424908L, BreakendSide.Right), (o.Id, o.Contig, o.Position, o.Side!.Value, o.MateContig, o.MatePosition!.Value, o.MateSide!.Value));
        Assert.Equal(("gridss0fb_12021h", "gridss0fb_12021"), (o.MateId, o.EventId));
        var h = file.Records[1];
        Assert.Equal((9424908L, BreakendSide.Right, 9424907L, BreakendSide.Left), (h.Position, h.Side!.Value, h.MatePosition!.Value, h.MateSide!.Value));
        Assert.Equal((-1, 1), file.Records[2].PositionInterval!.Value);

        // T]10:36119127]: left side here joined to the left side on chromosome 10 (the mate record was cut).
        var translocation = file.Records[4];
        Assert.Equal((87337011L, BreakendSide.Left, "10", 36119127L, BreakendSide.Left), (translocation.Position, translocation.Side!.Value, translocation.MateContig, translocation.MatePosition!.Value, translocation.MateSide!.Value));
    }
}
