using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// The sheet columns of <c>samples</c> (LeukemiaIngestObserver.SampleValues): the specimen's sample column only, and the
/// patient's TPMT/NUDT15 calls, from germline files first, from a tumour file only when there is none, Indeterminate
/// when germline files disagree.
/// </summary>
public sealed class SampleSheetSamplesTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private static string[] Germline => File.ReadAllLines(Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-GL.vcf"));

    // Ingests a sample sheet of these rows (files in the test folder) into a new lake with raw ids; the lake and stderr.
    private (string Lake, string Errors) IngestSheet(params string[] rows)
    {
        var sheet = Path.Combine(_dir, "sheet.csv");
        File.WriteAllLines(sheet, ["patient,specimen,specimen_type,file,kind", .. rows]);
        var lake = Path.Combine(_dir, "lake");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(Program.Run(["ingest", "--samplesheet", sheet, "--lake", lake, "--keep-sample-ids"], stdout, stderr) == 0, stderr.ToString());
        return (lake, stderr.ToString());
    }

    [Fact]
    public void Pgx_is_per_patient_and_only_on_the_specimens_column()
    {
        // gl.vcf: TPMT *1/*3A; gl2.vcf: the same sites homozygous reference (*1/*1), a disagreeing germline file.
        File.WriteAllLines(Path.Combine(_dir, "gl.vcf"), Germline);
        File.WriteAllLines(Path.Combine(_dir, "gl2.vcf"), Germline.Select(l => l.StartsWith("chr6", StringComparison.Ordinal) ? l.Replace("0|1:", "0|0:", StringComparison.Ordinal) : l));
        // dx.vcf: a tumour file with the TPMT records, a TUMOR and a NORMAL column and ##tumor_sample: tumour-only PGx.
        File.WriteAllLines(Path.Combine(_dir, "dx.vcf"),
        [
            .. Germline.Where(l => l.StartsWith("##", StringComparison.Ordinal)), "##tumor_sample=TUMOR",
            .. Germline.Where(l => !l.StartsWith("##", StringComparison.Ordinal)).Select(l => l.StartsWith("#CHROM", StringComparison.Ordinal) ? l.Replace("P01-GL", "NORMAL\tTUMOR", StringComparison.Ordinal) : l + "\t" + l.Split('\t')[^1]),
        ]);
        var (lake, errors) = IngestSheet("A,A-GL,germline,gl.vcf,small_variants", "A,A-N,normal,gl2.vcf,small_variants", "B,B-DX,tumour,dx.vcf,small_variants");

        Assert.Contains("patient A: TPMT calls disagree between specimens (A-GL *1/*3A, A-N *1/*1); stored as Indeterminate", errors, StringComparison.Ordinal);
        var rows = TempLake.Query($"select source_file, sample, patient, specimen, tpmt_diplotype, tpmt_phenotype, nudt15_phenotype, pgx_from_tumour from read_parquet('{lake}/samples/**/*.parquet', union_by_name = true) order by source_file, sample")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(
            [
                "dx.vcf|NORMAL||||||",
                "dx.vcf|TUMOR|B|B-DX|*1/*3A|Intermediate Metabolizer||True",
                "gl.vcf|P01-GL|A|A-GL||Indeterminate|Normal Metabolizer|False",
                "gl2.vcf|P01-GL|A|A-N||Indeterminate|Normal Metabolizer|False",
            ],
            rows);
    }

    // A sheet of germline files only (no tumour file, so no classifications table): explain failed with "Table with
    // name classifications does not exist" and never showed TPMT/NUDT15; with a tumour file it showed only the tumour
    // file's PGx row, not the patient's values chosen from the germline file.
    [Fact]
    public void Explain_shows_the_patients_pgx_without_classifications()
    {
        File.WriteAllLines(Path.Combine(_dir, "gl.vcf"), Germline);
        var (lake, _) = IngestSheet("A,A-GL,germline,gl.vcf,small_variants");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.True(Program.Run(["explain", lake, "--patient", "A", "--format", "tsv"], output, errors) == 0, errors.ToString());
        var text = output.ToString();
        Assert.Contains("(none: the lake has no classifications)", text, StringComparison.Ordinal);
        Assert.Contains("# pharmacogenomics", text, StringComparison.Ordinal);
        Assert.Contains("*1/*3A\tIntermediate Metabolizer", text, StringComparison.Ordinal);
        Assert.Contains("A-GL\tgermline\tTPMT *1/*3A", text, StringComparison.Ordinal);
    }

    // A germline file without a record near TPMT (a panel without it) and a tumour file heterozygous at rs1142345: the
    // germline file calls nothing there, so the patient's value is the tumour file's, flagged pgx_from_tumour (its
    // silence had made the patient *1/*1 Normal Metabolizer). A germline record calling the position reference (0/0)
    // still wins.
    [Theory]
    [InlineData(false, "*1/*3C|Intermediate Metabolizer|True")]
    [InlineData(true, "*1/*1|Normal Metabolizer|False")]
    public void Tumour_variant_at_a_position_the_germline_file_lacks(bool germlineRecord, string expected)
    {
        var header = Germline.Where(l => l.StartsWith('#')).ToArray();
        File.WriteAllLines(Path.Combine(_dir, "gl.vcf"), [.. header, .. germlineRecord ? new[] { "chr6\t18130687\trs1142345\tT\tC\t.\tPASS\t.\tGT:PS:DP\t0/0:.:40" } : []]);
        File.WriteAllLines(Path.Combine(_dir, "dx.vcf"), [.. header.Select(l => l.Replace("P01-GL", "DX", StringComparison.Ordinal)), "chr6\t18130687\trs1142345\tT\tC\t.\tPASS\t.\tGT:PS:DP\t0/1:.:40"]);
        var (lake, _) = IngestSheet("A,A-DX,tumour,dx.vcf,small_variants", "A,A-GL,germline,gl.vcf,small_variants");
        var rows = TempLake.Query($"select distinct tpmt_diplotype, tpmt_phenotype, pgx_from_tumour from read_parquet('{lake}/samples/**/*.parquet', union_by_name = true) where patient = 'A'")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal([expected], rows);
    }

    // A germline file that was called around TPMT (a record at 18.10 Mb, none at the defining positions: *1/*1) and a
    // germline panel without TPMT: the panel's silence is no second opinion, so the calls do not "disagree".
    [Fact]
    public void A_germline_file_that_does_not_cover_the_gene_leaves_the_other_files_call()
    {
        var header = Germline.Where(l => l.StartsWith('#')).ToArray();
        File.WriteAllLines(Path.Combine(_dir, "wgs.vcf"), [.. header, "chr6\t18100000\t.\tC\tT\t.\tPASS\t.\tGT:PS:DP\t0/1:.:40"]);
        File.WriteAllLines(Path.Combine(_dir, "panel.vcf"), [.. header, "chr17\t7675088\t.\tC\tT\t.\tPASS\t.\tGT:PS:DP\t0/1:.:40"]);
        var (lake, errors) = IngestSheet("A,A-GL,germline,wgs.vcf,small_variants", "A,A-GL2,germline,panel.vcf,small_variants");
        var rows = TempLake.Query($"select distinct tpmt_diplotype, tpmt_phenotype from read_parquet('{lake}/samples/**/*.parquet', union_by_name = true) where patient = 'A' and tpmt_phenotype is not null")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(["*1/*1|Normal Metabolizer"], rows);
        Assert.DoesNotContain("disagree", errors, StringComparison.Ordinal);
    }
}
