using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

// TPMT/NUDT15 GRCh38 positions typed from ALL-knowledge.md 5.1: TPMT*2 chr6:18143724 C>G, *3B chr6:18138997 C>T,
// *3C chr6:18130687 T>C, *41 chr6:18130687 T>G, *5 chr6:18147910 A>G; NUDT15*3 chr13:48045719 C>T,
// *9 chr13:48037782 AGGAGTC>A. Phenotypes: CPIC wording (5.2).
public class PgxTests
{
    private static PgxCall Call(string records, string gene, SpecimenType type = SpecimenType.Germline, string meta = LeukemiaVcf.Grch38Contigs)
    {
        var (annotator, _, abn) = LeukemiaVcf.Run(meta, records, type);
        return LeukemiaVcf.Pgx(abn, gene, annotator);
    }

    [Fact]
    public void Normal_metabolizer_when_no_defining_variant()
    {
        // A variant-only VCF with a record near TPMT (chr6:18.10 Mb), so the file was called there.
        var c = Call("chr6  18100000  .  C  T  .  PASS  .  GT  0/1\nchr12  25245350  .  C  T  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("*1/*1", c.Diplotype);
        Assert.Equal("Normal Metabolizer", c.Phenotype);
        Assert.Contains("taken as reference", c.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file with no record within 100 kb of any TPMT defining position (a panel without TPMT, RefSeq contig names the
    /// engine does not know) gave *1/*1 Normal Metabolizer from silence; now it is not called (found by a QA pass).
    /// </summary>
    [Fact]
    public void Not_called_when_the_file_has_no_record_near_the_gene()
    {
        var c = Call("chr6  29910000  .  C  T  .  PASS  .  GT  0/1\nchr12  25245350  .  C  T  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("unknown", c.Diplotype);
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("does not cover TPMT", c.Detail, StringComparison.Ordinal);
        Assert.Equal(Certainty.Partial, c.Certainty);
    }

    [Fact]
    public void Intermediate_metabolizer_tpmt_3a_phased()
    {
        var c = Call("chr6  18130687  .  T  C  .  PASS  .  GT:PS  0|1:7\nchr6  18138997  .  C  T  .  PASS  .  GT:PS  0|1:7\n", "TPMT");
        Assert.Equal("*1/*3A", c.Diplotype);
        Assert.Equal("Intermediate Metabolizer", c.Phenotype);
        Assert.Contains("phased", c.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Trans_phase_gives_3b_3c_poor()
    {
        var c = Call("chr6  18130687  .  T  C  .  PASS  .  GT:PS  0|1:7\nchr6  18138997  .  C  T  .  PASS  .  GT:PS  1|0:7\n", "TPMT");
        Assert.Equal("*3B/*3C", c.Diplotype);
        Assert.Equal("Poor Metabolizer", c.Phenotype);
    }

    [Fact]
    public void Unknown_phase_double_heterozygote_is_indeterminate_with_both_candidates()
    {
        var c = Call("chr6  18130687  .  T  C  .  PASS  .  GT  0/1\nchr6  18138997  .  C  T  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("*1/*3A or *3B/*3C", c.Diplotype);
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("phase unknown", c.Detail, StringComparison.Ordinal);
        Assert.Contains("*1/*3A Intermediate Metabolizer", c.Detail, StringComparison.Ordinal);
        Assert.Contains("*3B/*3C Poor Metabolizer", c.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Poor_metabolizer_homozygous()
    {
        var c = Call("chr6  18130687  .  T  C  .  PASS  .  GT  1/1\n", "TPMT");
        Assert.Equal("*3C/*3C", c.Diplotype);
        Assert.Equal("Poor Metabolizer", c.Phenotype);
    }

    // ALL-knowledge.md §5.3: not from leukaemic DNA alone. A tumour file's call is kept, flagged, of unknown origin
    // and Partial certainty; a germline file's is germline and VerifiedData.
    [Theory]
    [InlineData(SpecimenType.Tumour, "unknown", Certainty.Partial)]
    // Partial from a germline file too: its other defining positions have no record and are taken as reference.
    [InlineData(SpecimenType.Germline, "germline", Certainty.Partial)]
    public void Pgx_rows_say_where_the_genotype_comes_from(SpecimenType type, string origin, Certainty certainty)
    {
        var (_, _, abnormalities) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr6  18130687  .  T  C  .  PASS  .  GT  1/1\n", type);
        var row = Assert.Single(abnormalities, a => a.Category == "pharmacogenomic" && a.Genes.Contains("TPMT"));
        Assert.Equal("TPMT *3C/*3C", row.Name);
        Assert.Equal(origin, row.GeneticOrigin);
        Assert.Equal(certainty, row.Certainty);
        Assert.Equal(type == SpecimenType.Tumour, row.Detail.Contains("called from tumour DNA", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_allelic_site_decided_by_allele_not_rsid()
    {
        Assert.Equal("*1/*41", Call("chr6  18130687  .  T  G  .  PASS  .  GT  0/1\n", "TPMT").Diplotype);
        var c = Call("chr6  18130687  .  T  C,G  .  PASS  .  GT  1/2\n", "TPMT");
        Assert.Equal("*3C/*41", c.Diplotype);
        Assert.Equal("Poor Metabolizer", c.Phenotype);
    }

    [Fact]
    public void Possible_intermediate_metabolizer()
    {
        var c = Call("chr6  18138997  .  C  T  .  PASS  .  GT  0/1\nchr6  18147910  .  A  G  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("*3B/*5", c.Diplotype);
        Assert.Equal("Possible Intermediate Metabolizer", c.Phenotype);
    }

    [Fact]
    public void Indeterminate_normal_plus_uncertain()
    {
        var c = Call("chr6  18147910  .  A  G  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("*1/*5", c.Diplotype);
        Assert.Equal("Indeterminate", c.Phenotype);
    }

    // A no-call, or a record that failed its filters (a filtered *2/*2 must not become *1/*1 Normal Metabolizer), leaves
    // its defining position open: it is not reference.
    [Theory]
    [InlineData("PASS  .  GT  ./.")]
    [InlineData("LowQual  .  GT  1/1")]
    public void No_call_at_a_defining_position_is_not_reference(string call)
    {
        var c = Call($"chr6  18143724  .  C  G  .  {call}\n", "TPMT");
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("not called", c.Detail, StringComparison.Ordinal);
        Assert.Contains("rs1800462", c.Detail, StringComparison.Ordinal);
        // The same site called reference gives a normal metabolizer.
        Assert.Equal("Normal Metabolizer", Call("chr6  18143724  .  C  G  .  PASS  .  GT  0/0\n", "TPMT").Phenotype);
    }

    [Fact]
    public void Nudt15_intermediate_poor_and_deletion_allele()
    {
        Assert.Equal(("*1/*3", "Intermediate Metabolizer"), Pair(Call("chr13  48045719  .  C  T  .  PASS  .  GT  0/1\n", "NUDT15")));
        Assert.Equal(("*3/*3", "Poor Metabolizer"), Pair(Call("chr13  48045719  .  C  T  .  PASS  .  GT  1/1\n", "NUDT15")));
        Assert.Equal(("*1/*9", "Intermediate Metabolizer"), Pair(Call("chr13  48037782  .  AGGAGTC  A  .  PASS  .  GT  0/1\n", "NUDT15")));
    }

    [Fact]
    public void Grch37_positions_are_used_on_grch37_files()
    {
        // TPMT*3C on GRCh37: 6:18130918 (PyPGx).
        var c = Call("6  18130918  .  T  C  .  PASS  .  GT  0/1\n", "TPMT", meta: LeukemiaVcf.Grch37BareContigs);
        Assert.Equal("*1/*3C", c.Diplotype);
        Assert.Equal("Intermediate Metabolizer", c.Phenotype);
    }

    [Fact]
    public void Tumour_calls_are_flagged()
    {
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr13  48045719  .  C  T  .  PASS  .  GT  0/1\n");
        var a = abn.Single(x => x.Name == "NUDT15 *1/*3");
        Assert.Equal("pharmacogenomic", a.Category);
        Assert.Contains("tumour DNA", a.Detail, StringComparison.Ordinal);
    }

    // gVCF reference blocks speak for every base to INFO/END: a ./. block over rs1142345 (chr6:18130687, *3C/*3A) and
    // rs1800584 (18130781, *4) leaves those positions open, so *3B het is *1/*3B, *1/*3A or *3B/*3C (Poor), not a
    // confident Intermediate; a 0/0 block is reference there.
    private const string GvcfMeta = LeukemiaVcf.Grch38Contigs + "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##ALT=<ID=NON_REF,Description=\"Any\">\n";

    [Theory]
    [InlineData("<NON_REF>")]
    [InlineData("<*>")]
    public void Gvcf_no_call_block_over_a_defining_position_is_not_reference(string symbolic)
    {
        var c = Call($"chr6  18130600  .  A  {symbolic}  .  .  END=18131000  GT  ./.\nchr6  18138997  .  C  T,{symbolic}  .  .  .  GT  0/1\n", "TPMT", meta: GvcfMeta);
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("candidates differ in phenotype", c.Detail, StringComparison.Ordinal);
        Assert.Contains("defining positions not called", c.Detail, StringComparison.Ordinal);
        Assert.Contains("rs1142345", c.Detail, StringComparison.Ordinal);
        Assert.Contains("rs1800584", c.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Gvcf_reference_block_over_defining_positions_is_observed_reference()
    {
        var c = Call("chr6  18130600  .  A  <NON_REF>  .  .  END=18131000  GT  0/0\nchr6  18138997  .  C  T,<NON_REF>  .  .  .  GT  0/1\n", "TPMT", meta: GvcfMeta);
        Assert.Equal(("*1/*3B", "Intermediate Metabolizer"), Pair(c));
        // 45 TPMT positions, 1 from the variant record and 9 inside the block (18130687 ... 18130781).
        Assert.Contains("35 of 45 defining positions have no record", c.Detail, StringComparison.Ordinal);
    }

    // NUDT15 rs746071566 lies in a GAGTCG repeat (ALL-knowledge.md 5.1 pitfalls); PharmCAT's definition is left-aligned
    // (chr13:48037782 AGGAGTC>A for *9, >AGGAGTCGGAGTC for *2/*6). The same deletion written one repeat unit to the right
    // (48037788 CGGAGTC>C, as a 3'-shifting caller or an HGVS-based conversion writes it) was not recognised: *1/*9 became
    // *1/*1 Normal Metabolizer. The definition's REF (82..88) and the record's REF (88..94) show the two are one change.
    [Theory]
    [InlineData("chr13  48037788  .  CGGAGTC  C", "*1/*9", "Intermediate Metabolizer")]
    [InlineData("chr13  48037788  .  C  CGGAGTC", "*1/*6", "Indeterminate")]
    [InlineData("chr13  48037783  .  GGAGTC  GGAGTCGGAGTC", "*1/*6", "Indeterminate")]
    [InlineData("chr13  48037782  .  A  AGGAGTC", "*1/*6", "Indeterminate")]
    public void Nudt15_repeat_indel_written_elsewhere_is_the_defining_indel(string record, string diplotype, string phenotype)
    {
        var c = Call($"{record}  .  PASS  .  GT  0/1\n", "NUDT15");
        Assert.Equal((diplotype, phenotype), Pair(c));
    }

    // Further right, the bases between are not known to the engine: maybe the same change, so the position is open,
    // never reference. A filtered record of the shifted deletion is a no-call too.
    [Theory]
    [InlineData("chr13  48037794  .  CGGAGTC  C  .  PASS  .  GT  0/1")]
    [InlineData("chr13  48037794  .  C  CGGAGTC  .  PASS  .  GT  1/1")]
    [InlineData("chr13  48037788  .  CGGAGTC  C  .  LowQual  .  GT  0/1")]
    public void Nudt15_repeat_indel_that_cannot_be_placed_is_not_reference(string record)
    {
        var c = Call(record + "\n", "NUDT15");
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("not called", c.Detail, StringComparison.Ordinal);
        Assert.Contains("rs746071566", c.Detail, StringComparison.Ordinal);
    }

    // A different indel near the repeat (not a rotation of GGAGTC) leaves the defining indel reference.
    [Fact]
    public void Unrelated_indel_near_the_repeat_is_not_the_defining_indel()
    {
        var c = Call("chr13  48037790  .  GA  G  .  PASS  .  GT  0/1\nchr13  48037783  .  G  GGGAGTC  .  PASS  .  GT  0/1\n", "NUDT15");
        Assert.Equal(("*1/*1", "Normal Metabolizer"), Pair(c));
    }

    // A haploid GT on chr6 (a caller's hemizygous call, maybe over a deletion of the other allele) was *1/*4
    // Intermediate; a triploid 0/1/1 was *4/*4 Poor. Neither is a diplotype's two copies: the position is not called.
    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("0/1/1")]
    public void Non_diploid_genotype_at_a_defining_position_is_not_called(string gt)
    {
        var c = Call($"chr6  18130781  .  C  T  .  PASS  .  GT  {gt}\n", "TPMT");
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("not called", c.Detail, StringComparison.Ordinal);
        Assert.Contains("not diploid", string.Join("; ", c.Evidence), StringComparison.Ordinal);
    }

    // An ALT at a defining position that no definition names (rs1142345 T>A; a 12-bp insertion in the NUDT15 repeat)
    // was silently *1/*1 Normal Metabolizer: the call now names it. A defined ALT (T>G, *41) is not listed.
    [Theory]
    [InlineData("chr6  18130687  .  T  A", "TPMT", "chr6:18130687 T>A x2")]
    [InlineData("chr13  48037782  .  A  AGGAGTCGGAGTC", "NUDT15", "chr13:48037782 A>AGGAGTCGGAGTC x2")]
    public void Undocumented_allele_at_a_defining_position_is_named(string record, string gene, string expected)
    {
        var c = Call($"{record}  .  PASS  .  GT  1/1\n", gene);
        Assert.Contains("no allele definition names", c.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, c.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("no allele definition names", Call("chr6  18130687  .  T  G  .  PASS  .  GT  1/1\n", "TPMT").Detail, StringComparison.Ordinal);
    }

    // Two records of rs1800584 (TPMT*4) that disagree (0/1, then 1/1): the first was kept, *1/*4 Intermediate, though
    // the second says *4/*4 Poor. The position is open; records that agree, or a reference record then a variant one
    // (a split multi-allelic, a gVCF block), keep working.
    [Fact]
    public void Records_that_disagree_at_a_defining_variant_leave_it_open()
    {
        var c = Call("chr6  18130781  .  C  T  .  PASS  .  GT  0/1\nchr6  18130781  .  C  T  .  PASS  .  GT  1/1\nchr6  18130781  .  C  T  .  PASS  .  GT  0/1\n", "TPMT");
        Assert.Equal("Indeterminate", c.Phenotype);
        Assert.Contains("records disagree", string.Join("; ", c.Evidence), StringComparison.Ordinal);
        Assert.Equal(("*1/*4", "Intermediate Metabolizer"), Pair(Call("chr6  18130781  .  C  T  .  PASS  .  GT  0/1\nchr6  18130781  .  C  T  .  PASS  .  GT  0/1\n", "TPMT")));
        Assert.Equal(("*4/*4", "Poor Metabolizer"), Pair(Call("chr6  18130781  .  C  A  .  PASS  .  GT  0/0\nchr6  18130781  .  C  T  .  PASS  .  GT  1/1\n", "TPMT")));
    }

    // A joint-called germline file (MOTHER, FATHER, CHILD_blood) with no column named like the specimen: the first
    // column (the mother's TPMT *4/*4) was stored as the patient's Poor Metabolizer. No PGx from a guessed column.
    [Fact]
    public void No_pgx_from_a_guessed_sample_column()
    {
        var (annotator, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr6  18130781  .  C  T  .  PASS  .  GT  1/1  0/0  0/1\n", SpecimenType.Germline, "MOTHER,FATHER,CHILD_blood");
        Assert.Empty(annotator.PharmacogenomicCalls());
        Assert.DoesNotContain(abn, a => a.Category == "pharmacogenomic");
        Assert.Contains(annotator.Warnings, w => w.Contains("TPMT/NUDT15 not called from this file", StringComparison.Ordinal));
    }

    private static (string, string) Pair(PgxCall c) => (c.Diplotype, c.Phenotype);
}
