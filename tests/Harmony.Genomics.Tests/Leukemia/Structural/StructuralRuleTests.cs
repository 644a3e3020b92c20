using System.Text;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.Formats.Calls;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>More literal cases: Ig juxtapositions, RNA listings, GRCh37 deletions, CNV VCF conventions.</summary>
public sealed class StructuralRuleTests
{
    [Theory]
    // DUX4 (chr4:190,173,774-190,185,942 GRCh38) into IGH: the locus is named first whatever the side.
    [InlineData("chr14\t105700000\tb1\tN\t[chr4:190180000[N\t.\tPASS\tSVTYPE=BND", "IGH::DUX4")]
    // MYC lies 60 kb from the chr8 breakpoint: the nearest knowledge-base gene within the window.
    [InlineData("chr8\t127800000\tb1\tN\tN]chr14:106100000]\t.\tPASS\tSVTYPE=BND", "IGH::MYC")]
    public void Ig_locus_breakpoints_name_the_locus_first(string record, string expected)
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38);
        caller.AddStructuralVariants(StructuralVariantReaderTests.Parse(record + "\n"), "sv.vcf");
        var finding = Assert.Single(caller.Findings());
        Assert.Equal(expected, finding.Fusion);
        Assert.Null(finding.Evidence[0].InSense);
    }

    [Fact]
    public void Ig_breakpoint_with_no_gene_in_the_window_is_not_a_fusion()
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38, new StructuralCallOptions { LocusPartnerWindow = 1000 });
        caller.AddStructuralVariants(StructuralVariantReaderTests.Parse("chr8\t127800000\tb1\tN\tN]chr14:106100000]\t.\tPASS\tSVTYPE=BND\n"), "sv.vcf");
        Assert.Empty(caller.Findings());
    }

    [Fact]
    public void Star_fusion_kmt2a_aff1_and_arriba_without_direction_keep_the_callers_order()
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38);
        var star = "#FusionName\tJunctionReadCount\tSpanningFragCount\tSpliceType\tLeftGene\tLeftBreakpoint\tRightGene\tRightBreakpoint\n" +
                   "KMT2A--AFF1\t30\t12\tONLY_REF_SPLICE\tKMT2A^ENSG00000118058.24\tchr11:118482495:+\tAFF1^ENSG00000172493.21\tchr4:87012000:+\n";
        caller.AddFusionCalls(FusionTableReader.Parse(Encoding.UTF8.GetBytes(star), "sf.tsv"), "sf.tsv");
        var arriba = FusionTableReaderTests.ArribaHeader + "TCF3\tPBX1\t-/.\t+/.\tchr19:1615286\tchr1:164792423\t.\t.\ttranslocation\t5\t5\t2\t1\t1\tmedium\t.\t.\t.\n";
        caller.AddFusionCalls(FusionTableReader.Parse(Encoding.UTF8.GetBytes(arriba), "a.tsv"), "a.tsv");
        var findings = caller.Findings();
        Assert.Equal(["KMT2A::AFF1", "TCF3::PBX1"], findings.Select(f => f.Fusion).ToArray());
        Assert.True(findings[0].Evidence[0].InSense);
        Assert.Contains("as listed by the caller", findings[1].Evidence[0].Detail, StringComparison.Ordinal);
        Assert.Equal("KMT2A", findings[0].Subtype!.Subtype);
    }

    [Fact]
    public void Grch37_cdkn2a_homozygous_deletion_and_cnv_vcf_reports_changes_only()
    {
        // GRCh37 CDKN2A chr9:21,967,751-21,995,300; CDKN2B 22,002,902-22,009,362 (knowledge base).
        var vcf = "##fileformat=VCFv4.2\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n##INFO=<ID=CN,Number=1,Type=Integer,Description=\"c\">\n" +
                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n9\t21950000\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22020000;CN=0\n";
        var file = SegmentReader.Parse(Encoding.UTF8.GetBytes(vcf), "cnv.vcf");
        var profile = CopyNumberCaller.Call(file, GenomeAssembly.GRCh37, "cnv.vcf");
        var cdkn2a = profile.Genes.Single(g => g.Gene == "CDKN2A");
        Assert.Equal((GeneCopyState.HomozygousDeletion, "whole-gene"), (cdkn2a.State, cdkn2a.Extent));
        Assert.Equal(GeneCopyState.HomozygousDeletion, profile.Genes.Single(g => g.Gene == "CDKN2B").State);
        // No record elsewhere: copy-neutral by the CNV VCF convention, so not deleted (not "not assessable").
        Assert.Equal(GeneCopyState.NotDeleted, profile.Genes.Single(g => g.Gene == "IKZF1").State);
        Assert.Equal(46, profile.Ploidy.ModalNumber);
        Assert.Equal(PloidyClass.NearDiploid, profile.Ploidy.Class);
    }

    [Fact]
    public void Cnv_vcf_records_failing_their_filters_or_without_copy_number_leave_genes_unmeasured()
    {
        // GRCh37: a LowQual CN=0 deletion over CDKN2A/B, a PASS DEL without CN over PAX5 (chr9:36.8-37.0 Mb), a PASS CN=1
        // deletion over ERG (chr21:39.75-40.03 Mb), and IKZF1 (chr7) without any record.
        var vcf = "##fileformat=VCFv4.2\n##FILTER=<ID=LowQual,Description=\"l\">\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n##INFO=<ID=CN,Number=1,Type=Integer,Description=\"c\">\n" +
                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
                  "9\t21950000\t.\tN\t<DEL>\t.\tLowQual\tSVTYPE=DEL;END=22020000;CN=0\n" +
                  "9\t36800000\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=37100000\n" +
                  "21\t39700000\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=40100000;CN=1\n";
        var file = SegmentReader.Parse(Encoding.UTF8.GetBytes(vcf), "cnv.vcf");
        var profile = CopyNumberCaller.Call(file, GenomeAssembly.GRCh37, "cnv.vcf");

        // The filtered deletion is not called, and CDKN2A is not taken as copy-neutral either.
        var cdkn2a = profile.Genes.Single(g => g.Gene == "CDKN2A");
        Assert.Equal(GeneCopyState.NotAssessable, cdkn2a.State);
        Assert.Contains("FILTER LowQual", cdkn2a.Detail, StringComparison.Ordinal);
        Assert.Equal("cnv.vcf:7", cdkn2a.Evidence);
        Assert.Equal(GeneCopyState.NotAssessable, profile.Genes.Single(g => g.Gene == "PAX5").State);
        Assert.Equal(GeneCopyState.HeterozygousDeletion, profile.Genes.Single(g => g.Gene == "ERG").State);
        Assert.Equal(GeneCopyState.NotDeleted, profile.Genes.Single(g => g.Gene == "IKZF1").State);
        Assert.DoesNotContain(profile.Abnormalities, a => a.Name is "CDKN2A deletion" or "PAX5 deletion");
    }

    [Fact]
    public void Whole_gene_deletion_with_exons_lists_every_exon_and_keeps_the_name_plain()
    {
        // ETV6 GRCh38 chr12:11,649,674-11,895,377 with GeneFuse exons in the knowledge base: all lost.
        var seg = "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS\t12\t11000000\t12500000\t80\t-0.8\n";
        var profile = CopyNumberCaller.Call(SegmentReader.Parse(Encoding.UTF8.GetBytes(seg), "t.seg"), GenomeAssembly.GRCh38, "t.seg");
        var etv6 = profile.Genes.Single(g => g.Gene == "ETV6");
        Assert.Equal((GeneCopyState.HeterozygousDeletion, "whole-gene"), (etv6.State, etv6.Extent));
        Assert.Equal(KnowledgeBase.Default.Exons.Count(e => e.Symbol == "ETV6" && e.Assembly == GenomeAssembly.GRCh38), etv6.ExonsLost.Count);
        Assert.Contains(profile.Abnormalities, a => a.Name == "ETV6 deletion");
    }
}
