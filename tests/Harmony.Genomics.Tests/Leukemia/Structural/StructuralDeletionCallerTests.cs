using System.Text;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>
/// Gene deletions from hand-written SV VCFs. Coordinates from the knowledge base: IKZF1 exons on GRCh37 (NM_006060.6:
/// exon 3 50367234-50367353, 4 starts 50444231, 7 ends 50459561, 8 starts 50467616; Ikzf1ExonDeletionTests), CDKN2A
/// GRCh38 chr9:21967752-21995301, CDKN2B chr9:22002903-22009305, PAX5 chr9:36833269-37034268.
/// </summary>
public sealed class StructuralDeletionCallerTests
{
    // The reader tests' meta lines (11) and GT: the column line is line 13, the first record line 14.
    private const string Header = Formats.Calls.StructuralVariantReaderTests.Meta + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n";

    private const string SitesOnly = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    // IKZF1 intron 3 to intron 7 on GRCh37: symbolic DEL from POS+1 to END.
    private const string Delta4To7 = "7\t50400000\tMantaDEL:1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50465000;SVLEN=-65000\n";

    private static StructuralDeletionProfile Call(string body, GenomeAssembly assembly = GenomeAssembly.GRCh37, string columns = SitesOnly, StructuralCallOptions? options = null, string meta = "") =>
        StructuralDeletionCaller.Call(StructuralVariantReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Header + meta + columns + body)), "sv.vcf"), assembly, "sv.vcf", options, SpecimenType.Tumour, "P1-DX");

    private static GeneCopyNumberCall Gene(StructuralDeletionProfile p, string gene) => p.Genes.Single(g => g.Gene == gene);

    [Fact]
    public void Ikzf1_delta_4_to_7_from_a_manta_del_is_the_same_finding_as_from_segments()
    {
        var profile = Call(Delta4To7);
        var ikzf1 = Gene(profile, "IKZF1");
        Assert.Equal((GeneCopyState.HeterozygousDeletion, "intragenic", "Δ4–7", "NM_006060.6"), (ikzf1.State, ikzf1.Extent, ikzf1.ExonText, ikzf1.Transcript));
        Assert.Equal("sv.vcf:14 (MantaDEL:1)", ikzf1.Evidence);
        // A junction is not a copy number: §3.5 rule 4 [P] caps the certainty, even on verified exons.
        Assert.Equal(Certainty.Partial, ikzf1.Certainty);
        Assert.Contains("DEL chr7:50400001-50465000 (65,000 bp lost; line 14, ID MantaDEL:1; no GT: counted as heterozygous", ikzf1.Detail, StringComparison.Ordinal);
        var row = Assert.Single(profile.Abnormalities);
        Assert.Equal(("IKZF1 deletion", "deletion", "sv.vcf:14 (MantaDEL:1)", Certainty.Partial), (row.Name, row.Category, row.Evidence, row.Certainty));
        Assert.StartsWith("intragenic Δ4–7; intragenic heterozygous deletion of IKZF1", row.Detail, StringComparison.Ordinal);
        Assert.Contains("exons 4-7 (Δ4–7) lost of 8 on NM_006060.6", row.Detail, StringComparison.Ordinal);
        Assert.EndsWith(new StructuralCallOptions().DescribeStructuralDeletions(), row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gene_without_a_deletion_is_not_assessable_never_not_deleted()
    {
        var profile = Call(Delta4To7);
        Assert.All(profile.Genes.Where(g => g.Gene != "IKZF1"), g => Assert.Equal(GeneCopyState.NotAssessable, g.State));
        Assert.Contains("no PASS deletion in sv.vcf overlaps CDKN2A; not assessable from an SV file (a caller's silence is not two copies", Gene(profile, "CDKN2A").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Filtered_records_do_not_count()
    {
        var profile = Call(Delta4To7.Replace("\tPASS\t", "\tLowQual\t", StringComparison.Ordinal));
        Assert.Equal(GeneCopyState.NotAssessable, Gene(profile, "IKZF1").State);
        Assert.Empty(profile.Abnormalities);
    }

    [Fact]
    public void A_deletion_removing_no_exon_is_not_counted_and_leaves_the_gene_not_assessable()
    {
        // Intron 3: after exon 3 (ends 50,367,353), before exon 4 (starts 50,444,231).
        var ikzf1 = Gene(Call("7\t50380000\tintronic\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50440000\n"), "IKZF1");
        Assert.Equal(GeneCopyState.NotAssessable, ikzf1.State);
        Assert.Contains("removes no exon of NM_006060.6", ikzf1.Detail, StringComparison.Ordinal);
        Assert.Equal("sv.vcf:14 (intronic)", ikzf1.Evidence);
    }

    [Fact]
    public void Gt_1_1_of_the_specimen_is_homozygous_and_0_0_is_not_the_specimens_deletion()
    {
        const string columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1-DX\n";
        var homozygous = Call("chr9\t21900000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\tGT\t1/1\n", GenomeAssembly.GRCh38, columns);
        Assert.Equal((GeneCopyState.HomozygousDeletion, "whole-gene"), (Gene(homozygous, "CDKN2A").State, Gene(homozygous, "CDKN2A").Extent));
        Assert.Equal(GeneCopyState.HomozygousDeletion, Gene(homozygous, "CDKN2B").State);
        Assert.Contains("GT 1/1: homozygous", Gene(homozygous, "CDKN2A").Detail, StringComparison.Ordinal);
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(Call("chr9\t21900000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\tGT\t0/1\n", GenomeAssembly.GRCh38, columns), "CDKN2A").State);
        var absent = Call("chr9\t21900000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\tGT\t0/0\n", GenomeAssembly.GRCh38, columns);
        Assert.Equal(GeneCopyState.NotAssessable, Gene(absent, "CDKN2A").State);

        // A breakend pair is one deletion: a genotype on either record applies to it.
        var pair = Call(
            "chr9\t21900000\tb1\tN\tN[chr9:22100001[\t.\tPASS\tSVTYPE=BND;MATEID=b2\tGT\t./.\n" +
            "chr9\t22100001\tb2\tN\t]chr9:21900000]N\t.\tPASS\tSVTYPE=BND;MATEID=b1\tGT\t1/1\n", GenomeAssembly.GRCh38, columns);
        Assert.Equal(GeneCopyState.HomozygousDeletion, Gene(pair, "CDKN2A").State);
        Assert.Contains("GT ./.: heterozygous; GT 1/1: homozygous", Gene(pair, "CDKN2A").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guessed_sample_column_is_not_read_and_a_warning_says_so()
    {
        // Manta's somatic layout: NORMAL first. Without ##tumor_sample the column is a guess, and NORMAL's 0/0 is not read.
        const string columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR\n";
        const string body = "chr9\t21900000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\tGT\t0/0\t1/1\n";
        var guessed = Call(body, GenomeAssembly.GRCh38, columns);
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(guessed, "CDKN2A").State);
        Assert.Contains("GT not read, the specimen's column is a guess", Gene(guessed, "CDKN2A").Detail, StringComparison.Ordinal);
        Assert.StartsWith("sv.vcf: SV deletions: GT not read", guessed.Warning, StringComparison.Ordinal);

        var declared = Call(body, GenomeAssembly.GRCh38, columns, meta: "##tumor_sample=TUMOR\n");
        Assert.Equal(GeneCopyState.HomozygousDeletion, Gene(declared, "CDKN2A").State);
        Assert.Null(declared.Warning);
    }

    [Fact]
    public void Two_different_deletions_over_the_same_bases_are_homozygous_there()
    {
        // A large loss 21.9-22.1 Mb and a focal one 21.97-21.99 Mb inside CDKN2A: both copies of that stretch are gone.
        var profile = Call(
            "chr9\t21900000\tbig\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\n" +
            "chr9\t21970000\tfocal\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=21990000\n", GenomeAssembly.GRCh38);
        var cdkn2a = Gene(profile, "CDKN2A");
        Assert.Equal(GeneCopyState.HomozygousDeletion, cdkn2a.State);
        Assert.Equal("sv.vcf:14,15 (big, focal)", cdkn2a.Evidence);
        Assert.Contains("chr9:21970001-21990000 lost on both copies: two different deletions over it (lines 14 and 15)", cdkn2a.Detail, StringComparison.Ordinal);
        // CDKN2B lies only under the large one.
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(profile, "CDKN2B").State);
    }

    [Theory]
    [InlineData("chr9\t21900000\ta\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\n")] // the same record twice
    [InlineData("chr9\t21900040\ta\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100030\n")] // two callers, ends within 100 bp
    [InlineData("chr9\t21900300\ta\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000;IMPRECISE;CIPOS=-400,400\n")] // within the confidence interval
    public void The_same_deletion_written_twice_stays_heterozygous(string second)
    {
        var profile = Call("chr9\t21900000\tb\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\n" + second, GenomeAssembly.GRCh38);
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(profile, "CDKN2A").State);
        Assert.Single(profile.Abnormalities, a => a.Name == "CDKN2A deletion");
    }

    [Fact]
    public void A_gridss_deletion_type_breakend_pair_is_one_deletion_and_adjacent_breakends_are_none()
    {
        // t[p[ at the lower end keeps the bases up to 50,400,000; ]p]t at the higher end those from 50,465,001: Δ4–7.
        var profile = Call(
            "7\t50400000\tgridss1o\tN\tN[7:50465001[\t.\tPASS\tSVTYPE=BND;MATEID=gridss1h\n" +
            "7\t50465001\tgridss1h\tN\t]7:50400000]N\t.\tPASS\tSVTYPE=BND;MATEID=gridss1o\n" +
            "9\t21970000\tins1o\tN\tNTTTT[9:21970001[\t.\tPASS\tSVTYPE=BND;MATEID=ins1h\n" +
            "9\t21970001\tins1h\tN\t]9:21970000]TTTTN\t.\tPASS\tSVTYPE=BND;MATEID=ins1o\n");
        var ikzf1 = Gene(profile, "IKZF1");
        Assert.Equal((GeneCopyState.HeterozygousDeletion, "Δ4–7"), (ikzf1.State, ikzf1.ExonText));
        Assert.Equal("sv.vcf:14,15 (gridss1o, gridss1h)", ikzf1.Evidence);
        Assert.Contains("deletion-type breakend pair chr7:50400001-50465000 (65,000 bp lost; line 14,15", ikzf1.Detail, StringComparison.Ordinal);
        Assert.Single(profile.Abnormalities);
    }

    [Theory]
    [InlineData("N]7:50465000]")] // left kept at both ends: an inversion-type junction
    [InlineData("]7:50465000]N")] // right side at the lower end: a duplication-type junction
    public void Other_breakend_junctions_are_not_deletions(string alt)
    {
        Assert.Empty(Call($"7\t50400000\tx\tN\t{alt}\t.\tPASS\tSVTYPE=BND\n").Abnormalities);
    }

    [Fact]
    public void Deletions_beyond_the_focal_limit_or_below_50_bp_leave_the_gene_not_assessable_and_say_why()
    {
        // 20 Mb over CDKN2A/B and PAX5 (chr9:20-40 Mb), and 30 bp inside CDKN2A exon territory.
        var large = Call("chr9\t20000000\thuge\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=40000000\n", GenomeAssembly.GRCh38);
        Assert.Empty(large.Abnormalities);
        var pax5 = Gene(large, "PAX5");
        Assert.Equal(GeneCopyState.NotAssessable, pax5.State);
        Assert.Contains("(20,000,000 bp lost; line 14, ID huge; no GT: counted as heterozygous (at least one copy lost)): longer than 10000000 bp, not read as a focal deletion", pax5.Detail, StringComparison.Ordinal);
        Assert.Equal("sv.vcf:14 (huge)", pax5.Evidence);
        // The limit is an option: raised, the same record is a whole-gene deletion.
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(Call("chr9\t20000000\thuge\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=40000000\n", GenomeAssembly.GRCh38, options: new StructuralCallOptions { StructuralDeletionMaximumLength = 30_000_000 }), "PAX5").State);

        var indel = Call("chr9\t21970000\tsmall\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=21970030\n", GenomeAssembly.GRCh38);
        Assert.Empty(indel.Abnormalities);
        Assert.Contains("shorter than 50 bp, an indel", Gene(indel, "CDKN2A").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_adds_the_sv_evidence_to_the_copy_number_row_and_keeps_its_call()
    {
        var sv = Gene(Call(Delta4To7), "IKZF1");
        var owner = new Abnormality("IKZF1 deletion", "deletion", ["IKZF1"], "intragenic Δ4–6; from segments", "t.seg:3", "unknown", Certainty.VerifiedData);
        var joined = StructuralDeletionCaller.Join(owner, sv);
        Assert.Equal(("t.seg:3; sv.vcf:14 (MantaDEL:1)", Certainty.VerifiedData), (joined.Evidence, joined.Certainty));
        Assert.Equal("intragenic Δ4–6; from segments; also an SV deletion: intragenic heterozygous Δ4–7 (sv.vcf:14 (MantaDEL:1))", joined.Detail);
    }
}
