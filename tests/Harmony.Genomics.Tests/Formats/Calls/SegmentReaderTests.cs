using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Tests.Formats.Calls;

/// <summary>Each segment format from a literal file in its tool's documented layout.</summary>
public sealed class SegmentReaderTests
{
    private static SegmentFile Parse(string text, string name = "s.seg") => SegmentReader.Parse(Encoding.UTF8.GetBytes(text), name);

    [Fact]
    public void Seg_dnacopy_with_markers()
    {
        var file = Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS1\t7\t50300000\t50400000\t120\t-0.9\n");
        Assert.Equal(SegmentFormat.Seg, file.Format);
        Assert.Equal(new CopyNumberSegment(2, "S1", "7", 50300000, 50400000, 120, -0.9, null, null, null), Assert.Single(file.Segments));
    }

    [Fact]
    public void Cnvkit_cns_converts_the_zero_based_start_and_folds_baf()
    {
        var file = Parse("chromosome\tstart\tend\tgene\tlog2\tcn\tdepth\tprobes\tweight\tbaf\nchr9\t21900000\t22100000\tCDKN2A,CDKN2B\t-3.2\t0\t10.5\t40\t12\t0.8\n", "t.cns");
        Assert.Equal(SegmentFormat.Cnvkit, file.Format);
        var s = Assert.Single(file.Segments);
        Assert.Equal((21900001L, 22100000L, 40L, -3.2, 0.0), (s.Start, s.End, s.Markers!.Value, s.Log2!.Value, s.CopyNumber!.Value));
        Assert.Equal(0.2, s.MinorAlleleFraction!.Value, 6);
    }

    [Fact]
    public void Gatk_model_final_and_called()
    {
        var model = Parse("@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:248956422\n@RG\tID:GATKCopyNumber\tSM:TUMOR1\nCONTIG\tSTART\tEND\tNUM_POINTS_COPY_RATIO\tNUM_POINTS_ALLELE_FRACTION\tLOG2_COPY_RATIO_POSTERIOR_10\tLOG2_COPY_RATIO_POSTERIOR_50\tLOG2_COPY_RATIO_POSTERIOR_90\tMINOR_ALLELE_FRACTION_POSTERIOR_10\tMINOR_ALLELE_FRACTION_POSTERIOR_50\tMINOR_ALLELE_FRACTION_POSTERIOR_90\nchr1\t1\t1000000\t50\t20\t0.5\t0.58\t0.6\t0.3\t0.33\t0.36\nchr2\t1\t5000\t3\t0\t0\t0\t0\tNaN\tNaN\tNaN\n", "t.modelFinal.seg");
        Assert.Equal(SegmentFormat.GatkModelFinal, model.Format);
        Assert.Equal(("TUMOR1", 0.58, 0.33), (model.Segments[0].Sample, model.Segments[0].Log2!.Value, model.Segments[0].MinorAlleleFraction!.Value));
        Assert.Null(model.Segments[1].MinorAlleleFraction);
        var called = Parse("@RG\tID:x\tSM:T2\nCONTIG\tSTART\tEND\tNUM_POINTS_COPY_RATIO\tMEAN_LOG2_COPY_RATIO\tCALL\nchr9\t21000000\t23000000\t30\t-1.2\t-\n", "t.called.seg");
        Assert.Equal(SegmentFormat.GatkCalled, called.Format);
        Assert.Equal(("-", -1.2), (called.Segments[0].Call, called.Segments[0].Log2!.Value));
    }

    [Fact]
    public void Cnv_vcf_segments_start_after_the_padding_base_and_carry_cn()
    {
        var file = Parse(
            "##fileformat=VCFv4.2\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n" +
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=CN,Number=1,Type=Integer,Description=\"c\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\nchr9\t21900000\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\tGT:CN\t1/1:0\n", "c.vcf");
        Assert.Equal(SegmentFormat.CnvVcf, file.Format);
        Assert.True(file.ReportsOnlyChanges);
        var s = Assert.Single(file.Segments);
        Assert.Equal((21900001L, 22100000L, 0.0, "DEL", "T"), (s.Start, s.End, s.CopyNumber!.Value, s.Call, s.Sample));
    }

    [Fact]
    public void Cnv_vcf_sequence_resolved_deletions_start_after_their_padding_base()
    {
        // REF ACGTA, ALT A: the deleted bases are POS+1..POS+4, with or without END; an unpadded record (REF and ALT of
        // one length) starts at POS.
        var file = Parse(
            "##fileformat=VCFv4.2\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n" +
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=CN,Number=1,Type=Integer,Description=\"c\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n" +
            "chr9\t1000\t.\tACGTA\tA\t.\tPASS\tSVTYPE=DEL\tGT:CN\t0/1:1\n" +
            "chr9\t2000\t.\tACGTA\tA\t.\tPASS\tSVTYPE=DEL;END=2004\tGT:CN\t0/1:1\n" +
            "chr9\t3000\t.\tAC\tGT\t.\tPASS\tSVTYPE=CNV;END=3001\tGT:CN\t0/1:3\n", "c.vcf");
        Assert.Equal([(1001L, 1004L), (2001L, 2004L), (3000L, 3001L)], file.Segments.Select(s => (s.Start, s.End)).ToArray());
    }

    [Fact]
    public void Errors_name_line_and_column()
    {
        var unknown = Assert.Throws<InputFormatException>(() => Parse("foo\tbar\n1\t2\n"));
        Assert.Contains("SEG", unknown.Expected, StringComparison.Ordinal);
        var bad = Assert.Throws<InputFormatException>(() => Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS1\t7\t10\t5\t1\t0.1\nS1\t7\tx\t5\t1\t0.1\n"));
        Assert.Equal((2L, "loc.end"), (bad.Line!.Value, bad.Column));
        var number = Assert.Throws<InputFormatException>(() => Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS1\t7\t1\t5\t1\tlow\n"));
        Assert.Equal((2L, "seg.mean"), (number.Line!.Value, number.Column));
    }

    [Fact]
    public void Seg_reads_dnacopy_23_and_24_as_x_and_y()
    {
        var file = Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS1\t22\t1\t100\t5\t0.1\nS1\t23\t1\t100\t5\t0.2\nS1\t24\t1\t100\t5\t-0.3\nS1\tchr23\t200\t300\t5\t0\n");
        Assert.Equal(["22", "X", "Y", "chrX"], file.Segments.Select(s => s.Contig).ToArray());
    }

    [Fact]
    public void Seg_with_two_samples_is_an_error_naming_the_line()
    {
        var e = Assert.Throws<InputFormatException>(() => Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nTR_01_T\t1\t975000\t248775000\t1401\t0.0037\nTR_02_T\t1\t975000\t145125000\t758\t0.2696\n", "cw.seg"));
        Assert.Equal(3L, e.Line);
        Assert.Contains("found 'TR_02_T' after 'TR_01_T'", e.Message, StringComparison.Ordinal);
    }

    // DNAcopy's segments.p() writes bstat, pval, lcl and ucl after seg.mean: the mean is found by its name, not taken
    // from the last column; an unnamed wide layout is refused rather than guessed.
    [Fact]
    public void Seg_finds_the_mean_and_markers_by_name()
    {
        var file = Parse("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\tbstat\tpval\tlcl\tucl\nS1\t9\t21900000\t22100000\t40\t-5.6\t12.1\t0.001\t-5.9\tNA\n");
        var s = Assert.Single(file.Segments);
        Assert.Equal((40L, -5.6), (s.Markers!.Value, s.Log2!.Value));
        var igv = Parse("Sample\tChromosome\tStart\tEnd\tSegment_Mean\tNum_Probes\nS1\t9\t1\t100\t-1.2\t7\n");
        Assert.Equal((7L, -1.2), (igv.Segments[0].Markers!.Value, igv.Segments[0].Log2!.Value));
        var e = Assert.Throws<InputFormatException>(() => Parse("ID\tchrom\tstart\tend\ta\tb\tc\nS1\t9\t1\t100\t1\t2\t3\n"));
        Assert.Contains("naming its mean log2 column", e.Message, StringComparison.Ordinal);
    }

    // ASCAT and FACETS give absolute copy numbers (and their tables have the chromosome second, as SEG does).
    [Fact]
    public void Ascat_and_facets_are_read_as_absolute_copy_numbers()
    {
        var ascat = Parse("sample\tchr\tstartpos\tendpos\tnMajor\tnMinor\nPT18\t21\t1\t46700000\t3\t1\nPT18\t7\t1\t159000000\t1\t0\n", "a.segments.txt");
        Assert.Equal(SegmentFormat.Ascat, ascat.Format);
        Assert.Equal((4.0, 0.25), (ascat.Segments[0].CopyNumber!.Value, ascat.Segments[0].MinorAlleleFraction!.Value));
        Assert.Equal((1.0, 0.0), (ascat.Segments[1].CopyNumber!.Value, ascat.Segments[1].MinorAlleleFraction!.Value));

        var facets = Parse("ID\tchrom\tloc.start\tloc.end\tseg\tnum.mark\tnhet\tcnlr.median\tmafR\tsegclust\tcnlr.median.clust\tmafR.clust\tcf.em\ttcn.em\tlcn.em\n" +
            "PT17\t23\t1\t156000000\t1\t900\t40\t-0.9\t1.2\t1\t-0.9\t1.2\t0.9\t1\t0\nPT17\t10\t1\t133000000\t2\t800\t60\t0.01\t0.01\t2\t0\t0\t1\t2\tNA\n", "f.cncf.txt");
        Assert.Equal(SegmentFormat.Facets, facets.Format);
        Assert.Equal(("X", 1.0, 0.0, 900L, -0.9), (facets.Segments[0].Contig, facets.Segments[0].CopyNumber!.Value, facets.Segments[0].MinorAlleleFraction!.Value, facets.Segments[0].Markers!.Value, facets.Segments[0].Log2!.Value));
        Assert.Null(facets.Segments[1].MinorAlleleFraction);
    }
}
