using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>
/// End to end: <c>harmony ingest --samplesheet</c> over testdata/leukemia-structural (an ETV6::RUNX1 BND pair, the
/// same fusion from Arriba, and a SEG file with an IKZF1 deletion and hyperdiploid gains). The expected rows are
/// written down by hand in testdata/leukemia-structural/README.md.
/// </summary>
public sealed class StructuralSampleSheetTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static string Folder => Path.Combine(TestPaths.TestDataRoot, "leukemia-structural");

    private (int Rc, string Out, string Err) Ingest(string sheet, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--cohort", "ukall", .. extra], stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private static List<string> Rows(string sql) => TempLake.Query(sql).Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();

    [Fact]
    public void Sv_fusion_and_segment_files_give_the_hand_written_findings()
    {
        var (rc, output, err) = Ingest(Path.Combine(Folder, "samplesheet.csv"), "--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Contains("abnormalities: 11", output, StringComparison.Ordinal);

        Assert.Equal(
            [
                "+10|aneuploidy", "+14|aneuploidy", "+17|aneuploidy", "+18|aneuploidy", "+21|aneuploidy", "+4|aneuploidy", "+6|aneuploidy", "+X|aneuploidy",
                "ETV6::RUNX1|fusion", "IKZF1 deletion|deletion", "high hyperdiploidy|ploidy",
            ],
            Rows($"select abnormality, category from {Table("abnormalities")} where patient = 'S01' and specimen = 'S01-DX' order by abnormality"));

        var fusion = TempLake.Query($"select evidence, detail, genes from {Table("abnormalities")} where abnormality = 'ETV6::RUNX1'").Single();
        Assert.Equal("S01-DX.sv.vcf:10,11; S01-DX.fusions.tsv:2", fusion[0]);
        Assert.Contains("evidence from DNA and RNA", (string)fusion[1]!, StringComparison.Ordinal);
        Assert.Contains("B-ALL subtype ETV6::RUNX1", (string)fusion[1]!, StringComparison.Ordinal);

        Assert.Equal(
            ["ETV6::RUNX1|ETV6|RUNX1|DNA|sv_vcf|True", "ETV6::RUNX1|ETV6|RUNX1|RNA|arriba|True"],
            Rows($"select fusion, gene_5p, gene_3p, molecule, caller, in_sense from {Table("fusions")} order by molecule"));
        Assert.Equal(
            ["10|MantaBND:1:0|Breakend|chr12|11850000|left|chr21|35000000|left|ETV6|RUNX1|ETV6::RUNX1|GRCh38", "11|MantaBND:1:1|Breakend|chr21|35000000|left|chr12|11850000|left|RUNX1|ETV6|ETV6::RUNX1|GRCh38"],
            Rows($"select line, sv_id, sv_type, chrom, pos, side, mate_chrom, mate_pos, mate_side, gene, mate_gene, fusion, assembly from {Table("structural_variants")} order by line"));

        var ikzf1 = Rows($"select state, extent, exons_lost, evidence from {Table("gene_copy_number")} where gene = 'IKZF1' order by source_file");
        // chr7:50,340,001-50,390,000 (GRCh38) holds IKZF1 exons 4 (50,376,533-50,376,793), 5 and 6 (50,387,345-50,387,470);
        // exon 3 ends at 50,327,757 and exon 7 starts at 50,391,729 (knowledge-base IKZF1 exons, PROVENANCE.md).
        // The SV file has no DEL: it reads no gene as deleted, nor as intact (StructuralDeletionCaller).
        Assert.Equal(["heterozygous_deletion|intragenic|Δ4–6|S01-DX.seg:9", "not_assessable|||S01-DX.sv.vcf"], ikzf1);
        Assert.Equal(["not_deleted"], Rows($"select distinct state from {Table("gene_copy_number")} where gene in ('CDKN2A', 'PAX5', 'ETV6', 'ERG', 'PAR1') and source_file = 'S01-DX.seg'"));
        Assert.Equal(["not_assessable|12"], Rows($"select state, count(*) from {Table("gene_copy_number")} where source_file = 'S01-DX.sv.vcf' group by state"));

        Assert.Equal(["genome|55|High hyperdiploid"], Rows($"select arm, copy_number, state from {Table("chromosome_copy")} where chrom = 'genome'"));
        Assert.Contains("Safavi & Paulsson 2017", (string)TempLake.Query($"select detail from {Table("chromosome_copy")} where chrom = 'genome'").Single()[0]!, StringComparison.Ordinal);
        Assert.Equal(["4|gain", "2|neutral"], Rows($"select copy_number, state from {Table("chromosome_copy")} where chrom in ('chr21', 'chr7') and arm = 'whole' order by chrom"));
        // 23 whole-chromosome rows, chr7 in three: 25 segments; log2 −1 at full purity is one copy.
        Assert.Equal(["25"], Rows($"select count(*) from {Table("segments")}"));
        Assert.Equal(["-1|1|heterozygous_deletion"], Rows($"select log2, copy_number, state from {Table("segments")} where chrom = '7' and start = 50340001"));
    }

    // Arriba always writes fusions.tsv and Manta somaticSV.vcf.gz, so two files of one specimen may share a file name
    // (two RNA libraries, two runs): both are read (this was an unhandled ArgumentException). The same file listed twice
    // for a specimen is read once, as a small-variant file listed twice is, so its calls do not count twice.
    [Fact]
    public void Same_named_files_of_a_specimen_are_both_read_and_a_file_listed_twice_counts_once()
    {
        var run1 = Directory.CreateDirectory(Path.Combine(_lake.Root, "run1")).FullName;
        var run2 = Directory.CreateDirectory(Path.Combine(_lake.Root, "run2")).FullName;
        File.Copy(Path.Combine(Folder, "S01-DX.fusions.tsv"), Path.Combine(run1, "fusions.tsv"));
        var header = File.ReadLines(Path.Combine(Folder, "S01-DX.fusions.tsv")).First();
        var columns = header.TrimStart('#').Split('\t');
        string[] Row(params (string Column, string Value)[] values) => columns.Select(c => values.FirstOrDefault(v => v.Column == c).Value ?? ".").ToArray();
        // BCR (+) keeps its left side, ABL1 (+) its right side.
        var bcrAbl1 = Row(("gene1", "BCR"), ("gene2", "ABL1"), ("strand1(gene/fusion)", "+/+"), ("strand2(gene/fusion)", "+/+"), ("breakpoint1", "chr22:23290413"), ("breakpoint2", "chr9:130854064"),
            ("split_reads1", "10"), ("split_reads2", "8"), ("discordant_mates", "12"), ("confidence", "high"), ("direction1", "downstream"), ("direction2", "upstream"));
        File.WriteAllLines(Path.Combine(run2, "fusions.tsv"), [header, string.Join('\t', bcrAbl1)]);
        var sheet = Path.Combine(_lake.Root, "sheet.csv");
        File.WriteAllLines(sheet,
        [
            "patient,specimen,specimen_type,file,kind,assembly",
            $"S01,S01-DX,tumour,{Path.Combine(run1, "fusions.tsv")},fusions,GRCh38",
            $"S01,S01-DX,tumour,{Path.Combine(run2, "fusions.tsv")},fusions,GRCh38",
            $"S01,S01-DX,tumour,{Path.Combine(run1, "fusions.tsv")},fusions,GRCh38",
        ]);

        var (rc, _, err) = Ingest(sheet, "--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Contains("already listed for this specimen (sheet line 4), skipped", err, StringComparison.Ordinal);
        Assert.Equal(["BCR::ABL1|fusions.tsv:2", "ETV6::RUNX1|fusions.tsv:2"], Rows($"select abnormality, evidence from {Table("abnormalities")} order by abnormality"));
        Assert.Equal(["BCR::ABL1|1", "ETV6::RUNX1|1"], Rows($"select fusion, count(*) from {Table("fusions")} group by fusion order by fusion"));
    }

    [Fact]
    public void Identifiers_are_pseudonymised_and_a_second_run_adds_nothing()
    {
        var key = Path.Combine(_lake.Root, "k.key");
        File.WriteAllText(key, "0123456789abcdef0123456789abcdef");
        var sheet = Path.Combine(Folder, "samplesheet.csv");
        Assert.Equal(0, Ingest(sheet, "--key-file", key).Rc);
        foreach (var table in new[] { "abnormalities", "fusions", "segments", "structural_variants", "gene_copy_number", "chromosome_copy" })
        {
            foreach (var row in TempLake.Query($"select * exclude (cohort) from {Table(table)}"))
            {
                Assert.All(row, v => Assert.DoesNotContain("S01", v?.ToString() ?? string.Empty, StringComparison.Ordinal));
            }
        }

        var before = TempLake.Query($"select count(*) from {Table("segments")}").Single()[0];
        var (rc, _, err) = Ingest(sheet, "--key-file", key);
        Assert.Equal(0, rc);
        Assert.Contains("already holds this content", err, StringComparison.Ordinal);
        Assert.Equal(before, TempLake.Query($"select count(*) from {Table("segments")}").Single()[0]);
    }

    [Fact]
    public void A_malformed_segment_file_names_file_line_and_column_and_leaves_the_lake_unchanged()
    {
        var folder = Path.Combine(_lake.Root, "bad");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "x.seg"), "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS\t7\t1\t100\t5\tminus\n");
        File.WriteAllText(Path.Combine(folder, "sheet.csv"), "patient,specimen,specimen_type,file,kind,assembly\nP,P-DX,tumour,x.seg,copy_number,GRCh38\n");
        var (rc, _, err) = Ingest(Path.Combine(folder, "sheet.csv"), "--keep-sample-ids");
        Assert.Equal(1, rc);
        Assert.Contains("x.seg: line 2, byte", err, StringComparison.Ordinal);
        Assert.Contains("column seg.mean: a number, found 'minus'", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_lake.Path0, "segments")));
    }

    [Fact]
    public void Small_variant_ad_gives_allelic_rows_and_an_ad_based_loh_finding()
    {
        var folder = Path.Combine(_lake.Root, "ad");
        Directory.CreateDirectory(folder);
        var vcf = new System.Text.StringBuilder("##fileformat=VCFv4.2\n##reference=GRCh38\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"a\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP-DX\n");
        for (var i = 1; i <= 40; i++)
        {
            vcf.Append(System.Globalization.CultureInfo.InvariantCulture, $"chr17\t{i * 10000}\t.\tA\tG\t.\tPASS\t.\tGT:AD\t1/1:0,40\n");
        }

        File.WriteAllText(Path.Combine(folder, "P-DX.vcf"), vcf.ToString());
        File.WriteAllText(Path.Combine(folder, "sheet.csv"), "patient,specimen,specimen_type,file,kind\nP,P-DX,tumour,P-DX.vcf,small_variants\n");
        var (rc, _, err) = Ingest(Path.Combine(folder, "sheet.csv"), "--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Equal(["chr17|whole|allelic loh|True"], Rows($"select chrom, arm, state, loh from {Table("chromosome_copy")}"));
        Assert.Equal(["LOH 17 (allelic, AD-based)|Partial"], Rows($"select abnormality, certainty from {Table("abnormalities")}"));
    }
}
