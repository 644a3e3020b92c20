using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>Copy-number rules on hand-written SEG files (GRCh38); expected calls worked out by hand.</summary>
public sealed class CopyNumberCallerTests
{
    // Illustrative IKZF1 exon coordinates inside the knowledge base's GRCh38 IKZF1 span (chr7:50,304,068-50,405,101),
    // passed as StructuralCallOptions.Exons: NOT the real exons (the knowledge base's own are tested in
    // Ikzf1ExonDeletionTests); they check that caller-given exons replace the knowledge base's for that gene.
    private static readonly ExonEntry[] Ikzf1Exons =
    [
        Exon(1, 50304068, 50304400), Exon(2, 50319000, 50319150), Exon(3, 50327600, 50327800), Exon(4, 50358600, 50358800),
        Exon(5, 50367200, 50367400), Exon(6, 50376600, 50376800), Exon(7, 50382500, 50382800), Exon(8, 50398000, 50405101),
    ];

    private const string SegHeader = "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n";

    private static ExonEntry Exon(int n, long start, long end) => new(GenomeAssembly.GRCh38, "IKZF1", "ENST00000331340 (illustrative)", n, new GenomicInterval("chr7", start, end), new KbSource("test", n));

    private static CopyNumberProfile Call(string seg, StructuralCallOptions? options = null, bool etv6Runx1 = false) =>
        CopyNumberCaller.Call(SegmentReader.Parse(Encoding.UTF8.GetBytes(SegHeader + seg), "t.seg"), GenomeAssembly.GRCh38, "t.seg", (options ?? new StructuralCallOptions()) with { Exons = Ikzf1Exons }, etv6Runx1);

    private static GeneCopyNumberCall Gene(CopyNumberProfile p, string gene) => p.Genes.Single(g => g.Gene == gene);

    [Fact]
    public void Ikzf1_delta_4_to_7_from_a_segment_covering_exons_4_to_7()
    {
        var profile = Call("S\t7\t50300000\t50340000\t10\t0\nS\t7\t50340001\t50390000\t10\t-1.0\nS\t7\t50390001\t50410000\t10\t0\n");
        var ikzf1 = Gene(profile, "IKZF1");
        Assert.Equal(GeneCopyState.HeterozygousDeletion, ikzf1.State);
        Assert.Equal("intragenic", ikzf1.Extent);
        Assert.Equal([4, 5, 6, 7], ikzf1.ExonsLost);
        Assert.Equal("Δ4–7", ikzf1.ExonText);
        var row = Assert.Single(profile.Abnormalities, a => a.Genes.Contains("IKZF1"));
        Assert.Equal("IKZF1 deletion", row.Name);
        Assert.StartsWith("intragenic Δ4–7", row.Detail, StringComparison.Ordinal);
        Assert.Contains("CNVkit call defaults", row.Detail, StringComparison.Ordinal);
        Assert.Equal("t.seg:3", row.Evidence);
    }

    [Fact]
    public void Whole_gene_homozygous_cdkn2a_and_cdkn2b_and_not_assessable_kept_apart_from_not_deleted()
    {
        var profile = Call("S\t9\t21900000\t22100000\t40\t-3.0\nS\t12\t11600000\t11900000\t40\t0.02\n");
        Assert.Equal((GeneCopyState.HomozygousDeletion, "whole-gene"), (Gene(profile, "CDKN2A").State, Gene(profile, "CDKN2A").Extent));
        Assert.Equal(GeneCopyState.HomozygousDeletion, Gene(profile, "CDKN2B").State);
        Assert.Equal(GeneCopyState.NotDeleted, Gene(profile, "ETV6").State);
        Assert.Equal(GeneCopyState.NotAssessable, Gene(profile, "PAX5").State);
        Assert.Equal(GeneCopyState.NotAssessable, Gene(profile, "IKZF1").State);
        Assert.Contains(profile.Abnormalities, a => a.Name == "CDKN2A deletion");
    }

    [Fact]
    public void Intronic_deletion_removing_no_exon_is_not_counted()
    {
        // Between PAX5 exons 3 (37,014,997-37,015,194) and 4 (37,006,473-37,006,537) of the knowledge base (GeneFuse).
        var profile = Call("S\t9\t36800000\t37006600\t10\t0\nS\t9\t37006601\t37014900\t5\t-1.0\nS\t9\t37014901\t37100000\t10\t0\n");
        var pax5 = Gene(profile, "PAX5");
        Assert.Equal(GeneCopyState.NotDeleted, pax5.State);
        Assert.Contains("removes no exon", pax5.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Purity_turns_the_same_log2_into_a_homozygous_deletion_and_is_recorded()
    {
        const string seg = "S\t9\t21900000\t22100000\t40\t-1.0\n";
        Assert.Equal(GeneCopyState.HeterozygousDeletion, Gene(Call(seg), "CDKN2A").State);
        var pure = Call(seg, new StructuralCallOptions { Purity = 0.5 });
        Assert.Equal(GeneCopyState.HomozygousDeletion, Gene(pure, "CDKN2A").State);
        Assert.Contains("purity 0.5", pure.Thresholds, StringComparison.Ordinal);
    }

    [Fact]
    public void Par1_at_one_copy_like_all_of_chrx_is_not_assessable()
    {
        var profile = Call("S\tX\t1\t156040895\t1000\t-1.0\n");
        var par1 = Gene(profile, "PAR1");
        Assert.Equal(GeneCopyState.NotAssessable, par1.State);
        Assert.Contains("haploid chrX", par1.Detail, StringComparison.Ordinal);
        var focal = Gene(Call("S\tX\t1\t1250000\t10\t0\nS\tX\t1250001\t1500000\t10\t-1.0\nS\tX\t1500001\t156040895\t1000\t0\n"), "PAR1");
        Assert.Equal(GeneCopyState.HeterozygousDeletion, focal.State);
    }

    /// <summary>
    /// A male with an extra X: all of chrX at 1.61 copies (log2 -0.31) rounds to two copies, yet PAR1 at that level
    /// was a heterozygous deletion, which made UKALL-CNA poor risk. Only a PAR1 lower than the rest of chrX counts.
    /// </summary>
    [Fact]
    public void Par1_at_the_level_of_a_gained_male_chrx_is_not_assessable_but_a_lower_par1_is_deleted()
    {
        var whole = Gene(Call("S\tX\t1\t156040895\t1000\t-0.313\n"), "PAR1");
        Assert.Equal(GeneCopyState.NotAssessable, whole.State);
        Assert.Contains("level of the rest of chrX (copy number 1.61", whole.Detail, StringComparison.Ordinal);

        var lower = Gene(Call("S\tX\t1\t1250000\t10\t-0.313\nS\tX\t1250001\t1500000\t10\t-1.0\nS\tX\t1500001\t156040895\t1000\t-0.313\n"), "PAR1");
        Assert.Equal(GeneCopyState.HeterozygousDeletion, lower.State);
    }

    [Theory]
    [InlineData(23, PloidyClass.Unclassified)]
    [InlineData(24, PloidyClass.NearHaploid)]
    [InlineData(30, PloidyClass.NearHaploid)]
    [InlineData(31, PloidyClass.LowHypodiploid)]
    [InlineData(39, PloidyClass.LowHypodiploid)]
    [InlineData(40, PloidyClass.HighHypodiploid)]
    [InlineData(45, PloidyClass.HighHypodiploid)]
    [InlineData(46, PloidyClass.NearDiploid)]
    [InlineData(47, PloidyClass.LowHyperdiploid)]
    [InlineData(50, PloidyClass.LowHyperdiploid)]
    [InlineData(51, PloidyClass.HighHyperdiploid)]
    [InlineData(67, PloidyClass.HighHyperdiploid)]
    [InlineData(68, PloidyClass.AboveHighHyperdiploid)]
    public void Default_ploidy_boundaries(int modal, PloidyClass expected) => Assert.Equal(expected, PloidyDefinition.Default.Classify(modal));

    [Theory]
    // A modal number in a gap between a definition's ranges is near-diploid only around 46 (44-50); elsewhere the
    // definition gives no class.
    [InlineData(30, PloidyClass.Unclassified, PloidyClass.NearHaploid)]
    [InlineData(31, PloidyClass.Unclassified, PloidyClass.NearHaploid)]
    [InlineData(32, PloidyClass.Unclassified, PloidyClass.LowHypodiploid)]
    [InlineData(33, PloidyClass.LowHypodiploid, PloidyClass.LowHypodiploid)]
    [InlineData(41, PloidyClass.Unclassified, PloidyClass.Unclassified)]
    [InlineData(44, PloidyClass.HighHypodiploid, PloidyClass.NearDiploid)]
    [InlineData(48, PloidyClass.NearDiploid, PloidyClass.NearDiploid)]
    [InlineData(66, PloidyClass.AboveHighHyperdiploid, PloidyClass.Unclassified)]
    public void Definitions_differ_at_their_boundaries(int modal, PloidyClass harrison, PloidyClass holmfeldt)
    {
        Assert.Equal(harrison, PloidyDefinition.Harrison2004.Classify(modal));
        Assert.Equal(holmfeldt, PloidyDefinition.Holmfeldt2013.Classify(modal));
    }

    [Fact]
    public void Definitions_are_chosen_by_name_and_the_default_is_tagged_by_its_weakest_source()
    {
        Assert.Same(PloidyDefinition.Harrison2004, PloidyDefinition.Parse("harrison2004"));
        Assert.Same(PloidyDefinition.MdAll, PloidyDefinition.Parse("MD-ALL"));
        Assert.Contains("expected one of default, harrison2004, holmfeldt2013, md-all", Assert.Throws<Harmony.Genomics.Core.HarmonyException>(() => PloidyDefinition.Parse("x")).Message, StringComparison.Ordinal);
        Assert.Equal(Certainty.VerifiedData, PloidyDefinition.Default.Certainty);
    }

    internal static string Genome(IReadOnlyDictionary<int, double> log2ByChromosome, string sample = "S")
    {
        // Whole-chromosome segments from 1 to the knowledge base's GRCh38 length (bedtools2 genome file).
        var sizes = KnowledgeBase.Default.ChromosomeSizes[GenomeAssembly.GRCh38];
        var text = new StringBuilder();
        for (var c = 1; c <= 23; c++)
        {
            var name = c == 23 ? "X" : c.ToString(CultureInfo.InvariantCulture);
            var log2 = log2ByChromosome.TryGetValue(c, out var l) ? l : 0;
            text.Append(CultureInfo.InvariantCulture, $"{sample}\t{name}\t1\t{sizes["chr" + name]}\t1000\t{log2.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void High_hyperdiploid_from_whole_chromosome_gains_records_the_definition()
    {
        // Gains of X, 4, 6, 10, 14, 17, 18 (trisomy, log2 log2(3/2)) and 21 (tetrasomy, log2 1) in a female: 46 + 9 = 55.
        var trisomy = Math.Log2(1.5);
        var gains = new Dictionary<int, double> { [4] = trisomy, [6] = trisomy, [10] = trisomy, [14] = trisomy, [17] = trisomy, [18] = trisomy, [21] = 1.0, [23] = trisomy };
        var profile = Call(Genome(gains), new StructuralCallOptions { Sex = "female" });
        Assert.Equal((55, PloidyClass.HighHyperdiploid), (profile.Ploidy.ModalNumber!.Value, profile.Ploidy.Class!.Value));
        var ploidy = Assert.Single(profile.Abnormalities, a => a.Category == "ploidy");
        Assert.Equal("high hyperdiploidy", ploidy.Name);
        Assert.Contains("Safavi & Paulsson 2017", ploidy.Detail, StringComparison.Ordinal);
        Assert.Equal(["+4", "+6", "+10", "+14", "+17", "+18", "+21", "+X"], profile.Abnormalities.Where(a => a.Category == "aneuploidy").Select(a => a.Name).ToArray());
        Assert.Contains("tetrasomy", profile.Abnormalities.Single(a => a.Name == "+21").Detail, StringComparison.Ordinal);
        Assert.Equal(("q", 3), (profile.Chromosomes.First(c => c.Chromosome == "chr4" && c.Arm == "q").Arm, profile.Chromosomes.First(c => c.Chromosome == "chr4" && c.Arm == "q").CopyNumber!.Value));
    }

    [Fact]
    public void Low_hypodiploid_and_arm_level_loss()
    {
        // Monosomy of 3, 4, 7, 9, 12, 13, 15 and 16 → 38 in a female; 9p loss alone would be an arm-level call.
        var losses = new[] { 3, 4, 7, 9, 12, 13, 15, 16 }.ToDictionary(c => c, _ => -1.0);
        var profile = Call(Genome(losses), new StructuralCallOptions { Sex = "female" });
        Assert.Equal((38, PloidyClass.LowHypodiploid), (profile.Ploidy.ModalNumber!.Value, profile.Ploidy.Class!.Value));
        var arm = Call("S\t9\t1\t43000000\t100\t-1.0\nS\t9\t45600000\t138394717\t100\t0\n");
        Assert.Contains(arm.Abnormalities, a => a.Name == "loss 9p");
    }

    private const string Chr21Normal = "S\t21\t13000001\t46709983\t1000\t{0}\n";

    [Fact]
    public void Iamp21_pattern_is_not_whole_chromosome_gain()
    {
        // 21q: 2 → 3 → 5 (RUNX1) → 3 → 1 copies: four transitions, RUNX1 amplified.
        var iamp = Call(
            "S\t21\t13000001\t25000000\t100\t0\nS\t21\t25000001\t33000000\t100\t0.585\nS\t21\t33000001\t36500000\t100\t1.3219\n" +
            "S\t21\t36500001\t42000000\t100\t0.585\nS\t21\t42000001\t46709983\t100\t-1\n");
        var row = Assert.Single(iamp.Abnormalities, a => a.Name == "iAMP21");
        Assert.Contains("without BAF", row.Detail, StringComparison.Ordinal);
        Assert.Equal(Certainty.Partial, row.Certainty);
        Assert.DoesNotContain(iamp.Abnormalities, a => a.Name == "+21");

        var trisomy = Call(string.Format(CultureInfo.InvariantCulture, Chr21Normal, 0.585));
        Assert.DoesNotContain(trisomy.Abnormalities, a => a.Name.Contains("iAMP21", StringComparison.Ordinal));
        var plus21 = Assert.Single(trisomy.Abnormalities, a => a.Name == "+21");
        Assert.Contains("constitutional +21", plus21.Detail, StringComparison.Ordinal);
        Assert.Contains("trisomy", plus21.Detail, StringComparison.Ordinal);

        // Five copies of all of chr21 reach the iAMP21 RUNX1 level but are a whole-chromosome gain.
        var pentasomy = Call(string.Format(CultureInfo.InvariantCulture, Chr21Normal, 1.3219));
        Assert.DoesNotContain(pentasomy.Abnormalities, a => a.Name.Contains("iAMP21", StringComparison.Ordinal));
        Assert.Contains("pentasomy", pentasomy.Abnormalities.Single(a => a.Name == "+21").Detail, StringComparison.Ordinal);

        var withFusion = Call(
            "S\t21\t13000001\t25000000\t100\t0\nS\t21\t25000001\t33000000\t100\t0.585\nS\t21\t33000001\t36500000\t100\t1.3219\n" +
            "S\t21\t36500001\t42000000\t100\t0.585\nS\t21\t42000001\t46709983\t100\t-1\n", etv6Runx1: true);
        Assert.Contains(withFusion.Abnormalities, a => a.Name == "chr21 RUNX1 gain, iAMP21 excluded");
    }

    [Fact]
    public void Masked_hypodiploidy_from_genome_wide_loh_when_baf_is_present()
    {
        // CNVkit .cns with BAF: ten autosomes at 2 copies with LOH (baf 0.02) and the rest at 4 copies, heterozygous:
        // a doubled near-haploid clone (modal 10·2 + 12·4 + X 2 = 70 would look hyperdiploid/near-tetraploid).
        var sizes = KnowledgeBase.Default.ChromosomeSizes[GenomeAssembly.GRCh38];
        var text = new StringBuilder("chromosome\tstart\tend\tgene\tlog2\tcn\tdepth\tprobes\tweight\tbaf\n");
        for (var c = 1; c <= 22; c++)
        {
            var loh = c <= 10;
            text.Append(CultureInfo.InvariantCulture, $"chr{c}\t0\t{sizes["chr" + c]}\t-\t0\t{(loh ? 2 : 3)}\t1\t100\t1\t{(loh ? 0.02 : 0.33)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"chrX\t0\t{sizes["chrX"]}\t-\t0\t2\t1\t100\t1\t0.4\n");
        var profile = CopyNumberCaller.Call(SegmentReader.Parse(Encoding.UTF8.GetBytes(text.ToString()), "t.cns"), GenomeAssembly.GRCh38, "t.cns", new StructuralCallOptions { Sex = "female" });
        Assert.Equal(58, profile.Ploidy.ModalNumber);
        var masked = Assert.Single(profile.Abnormalities, a => a.Name == "possible masked hypodiploidy");
        Assert.Contains("10 autosomes", masked.Detail, StringComparison.Ordinal);
    }

    // Without BAF: gains that are all tetrasomies (a doubled hypodiploid clone has no trisomy) are flagged; an ordinary
    // high hyperdiploid profile of trisomies and a tetrasomy 21 is not.
    [Theory]
    [InlineData(new[] { 6, 8, 10, 14, 18, 21 }, new[] { 4, 4, 4, 4, 4, 4 }, true)]
    [InlineData(new[] { 4, 6, 10, 14, 17, 18, 21 }, new[] { 3, 3, 3, 3, 3, 3, 4 }, false)]
    public void Masked_hypodiploidy_without_baf_from_gains_that_are_all_tetrasomies(int[] gained, int[] copies, bool flagged)
    {
        var sizes = KnowledgeBase.Default.ChromosomeSizes[GenomeAssembly.GRCh38];
        var text = new StringBuilder("chromosome\tstart\tend\tgene\tlog2\tcn\tdepth\tprobes\tweight\n");
        for (var c = 1; c <= 22; c++)
        {
            var at = Array.IndexOf(gained, c);
            text.Append(CultureInfo.InvariantCulture, $"chr{c}\t0\t{sizes["chr" + c]}\t-\t0\t{(at >= 0 ? copies[at] : 2)}\t1\t100\t1\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"chrX\t0\t{sizes["chrX"]}\t-\t0\t2\t1\t100\t1\n");
        var profile = CopyNumberCaller.Call(SegmentReader.Parse(Encoding.UTF8.GetBytes(text.ToString()), "t.cns"), GenomeAssembly.GRCh38, "t.cns", new StructuralCallOptions { Sex = "female" });
        Assert.Contains(profile.Abnormalities, a => a.Name == "high hyperdiploidy");
        var masked = profile.Abnormalities.SingleOrDefault(a => a.Name == "possible masked hypodiploidy");
        Assert.Equal(flagged, masked is not null);
        if (flagged)
        {
            Assert.Contains("none trisomic", masked!.Detail, StringComparison.Ordinal);
            Assert.Equal(Certainty.Partial, masked.Certainty);
        }
    }
}
