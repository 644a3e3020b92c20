using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia;

/// <summary>
/// End to end: <c>harmony ingest --samplesheet</c> over testdata/leukemia. The expected abnormalities are written
/// down by hand from the knowledge base (see testdata/leukemia/README.md), not produced by the code.
/// </summary>
public sealed class SampleSheetIngestTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static string Sheet => Path.Combine(TestPaths.TestDataRoot, "leukemia", "samplesheet.csv");

    private (int Rc, string Out, string Err) Ingest(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", Sheet, "--lake", _lake.Path0, "--cohort", "ukall", .. extra], stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    /// <summary>
    /// The summary counts the structural, copy-number and fusion files too ('committed N source(s)' counts the VCFs), and
    /// a file listed for two patients is named in a warning: both got its findings silently.
    /// </summary>
    [Fact]
    public void Summary_counts_structural_files_and_a_file_shared_by_two_patients_is_named()
    {
        var sheet = Path.Combine(_lake.Root, "shared.csv");
        var structural = Path.Combine(TestPaths.TestDataRoot, "leukemia-structural");
        File.WriteAllLines(sheet,
        [
            "patient,specimen,specimen_type,file,kind",
            $"S01,S01-DX,tumour,{Path.Combine(structural, "S01-DX.seg")},copy_number",
            $"S01,S01-DX,tumour,{Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf")},small_variants",
            $"S02,S02-DX,tumour,{Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf")},small_variants",
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--keep-sample-ids", "--assembly", "GRCh38"], stdout, stderr);

        Assert.True(rc == 0, stderr.ToString());
        Assert.Contains("structural, copy-number and fusion files: 1 committed, 0 already in the lake", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("P01-DX.vcf: listed for 2 patients (sheet lines 3, 4)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cohort_abnormalities_match_the_hand_written_expectation()
    {
        var (rc, output, err) = Ingest("--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Contains("abnormalities: 7 (ALL-KB 2026.12.1)", output, StringComparison.Ordinal);
        // The empty SV VCF of P02 is ingested now (no records, so no findings); its assembly comes from P02's VCF.
        Assert.DoesNotContain("not ingested yet", err, StringComparison.Ordinal);

        var rows = TempLake.Query($"select patient, specimen, specimen_type, cohort, abnormality, category, genes[1], kb_version from {Table("abnormalities")} order by patient, specimen, abnormality")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        string[] expected =
        [
            "P01|P01-DX|tumour|ukall|KRAS p.G12D|mutation|KRAS|ALL-KB 2026.12.1",
            "P01|P01-DX|tumour|ukall|NRAS p.G12D|mutation|NRAS|ALL-KB 2026.12.1",
            "P01|P01-GL|germline|ukall|NUDT15 *1/*1|pharmacogenomic|NUDT15|ALL-KB 2026.12.1",
            "P01|P01-GL|germline|ukall|TPMT *1/*3A|pharmacogenomic|TPMT|ALL-KB 2026.12.1",
            "P02|P02-DX|tumour|ukall|IKZF1 p.N159Y|mutation|IKZF1|ALL-KB 2026.12.1",
            "P02|P02-DX|tumour|ukall|PAX5 p.P80R|mutation|PAX5|ALL-KB 2026.12.1",
            "P03|P03-DX|tumour|ukall|KRAS p.G12D|mutation|KRAS|ALL-KB 2026.12.1",
        ];
        Assert.Equal(expected, rows);

        var details = TempLake.Query($"select abnormality, specimen, detail, evidence, certainty from {Table("abnormalities")}")
            .ToDictionary(r => $"{r[1]} {r[0]}", r => (Detail: (string)r[2]!, Evidence: (string)r[3]!, Certainty: (string)r[4]!));
        Assert.Contains("phenotype Intermediate Metabolizer", details["P01-GL TPMT *1/*3A"].Detail, StringComparison.Ordinal);
        Assert.Contains("phenotype Normal Metabolizer", details["P01-GL NUDT15 *1/*1"].Detail, StringComparison.Ordinal);
        Assert.Contains("VAF 0.45", details["P01-DX KRAS p.G12D"].Detail, StringComparison.Ordinal);
        Assert.Equal("P01-DX.vcf:18 chr12:25245350 C>T", details["P01-DX KRAS p.G12D"].Evidence);
        Assert.Contains("subtype-defining: PAX5 P80R", details["P02-DX PAX5 p.P80R"].Detail, StringComparison.Ordinal);
        Assert.Equal("Derived", details["P03-DX KRAS p.G12D"].Certainty);
        Assert.Equal("P03-DX.vcf:12 12:25398284 C>T", details["P03-DX KRAS p.G12D"].Evidence);

        // samples carries patient, specimen and the patient's PGx calls: the germline file comes after the tumour file in
        // the sheet, yet P01's tumour sample has its germline TPMT/NUDT15 (filled once every file is read).
        var samples = TempLake.Query($"select sample, patient, specimen, specimen_type, tpmt_diplotype, tpmt_phenotype, nudt15_diplotype, nudt15_phenotype, pgx_from_tumour from {Table("samples")} order by sample")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(
            [
                "P01-DX|P01|P01-DX|tumour|*1/*3A|Intermediate Metabolizer|*1/*1|Normal Metabolizer|False",
                "P01-GL|P01|P01-GL|germline|*1/*3A|Intermediate Metabolizer|*1/*1|Normal Metabolizer|False",
                "P02-DX|P02|P02-DX|tumour|||||",
                "P03-DX|P03|P03-DX|tumour|||||",
            ],
            samples);

        // specimens: one row per sheet file of every kind (P02's empty SV VCF included), with the sample column taken and the assembly.
        var specimens = TempLake.Query($"select patient, specimen, specimen_type, kind, sample, assembly from {Table("specimens")} order by specimen, kind")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(
            [
                "P01|P01-DX|tumour|small_variants|P01-DX|GRCh38",
                "P01|P01-GL|germline|small_variants|P01-GL|GRCh38",
                "P02|P02-DX|tumour|small_variants|P02-DX|GRCh38",
                "P02|P02-DX|tumour|structural_variants||GRCh38",
                "P03|P03-DX|tumour|small_variants|P03-DX|GRCh37",
            ],
            specimens);

        // variants carries one annotation per ALT (lists as long as alts): the P01 KRAS record is a hotspot; ALTs without
        // gene or hotspot have null elements and are left out here.
        Assert.Equal(0L, Convert.ToInt64(TempLake.Query($"select count(*) from {Table("variants")} where len(gene) != len(alts) or len(hotspot) != len(alts) or gene is null")[0][0], System.Globalization.CultureInfo.InvariantCulture));
        var joined = TempLake.Query($"select chrom, pos, alt_index, gene, hotspot, hotspot_name from (select chrom, pos, source_file, generate_subscripts(gene, 1) - 1 as alt_index, unnest(gene) as gene, unnest(hotspot) as hotspot, unnest(hotspot_name) as hotspot_name from {Table("variants")} where chrom in ('chr12', '12')) where gene is not null or hotspot order by source_file, pos, alt_index")
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();
        Assert.Equal(
            [
                "chr12|25245350|0|KRAS|True|KRAS p.G12D",
                "12|25245350|0|KRAS|True|KRAS p.G12D",
                "12|25398284|0|KRAS|True|KRAS p.G12V",
                "12|25398284|1|KRAS|True|KRAS p.G12D",
            ],
            joined);
    }

    [Fact]
    public void Patient_and_specimen_ids_are_pseudonymised_with_a_key()
    {
        var key = Path.Combine(_lake.Root, "k.key");
        File.WriteAllText(key, "0123456789abcdef0123456789abcdef");
        var (rc, _, err) = Ingest("--key-file", key);
        Assert.True(rc == 0, err);
        var rows = TempLake.Query($"select patient, specimen, evidence, source_file from {Table("abnormalities")}");
        Assert.Equal(7, rows.Count);
        foreach (var row in rows)
        {
            Assert.All(row, v => Assert.DoesNotContain("P0", (string)v!, StringComparison.Ordinal));
            Assert.StartsWith("hs_", (string)row[0]!, StringComparison.Ordinal);
        }

        Assert.Equal(3, rows.Select(r => r[0]).Distinct().Count());
        Assert.Equal(4, rows.Select(r => r[1]).Distinct().Count());
        var samples = TempLake.Query($"select s.sample from {Table("specimens")} s join {Table("samples")} m using (sample, source_file, patient, specimen)");
        Assert.Equal(4, samples.Count);
    }

    [Fact]
    public void Files_and_sheet_together_are_refused()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "x.vcf", "--samplesheet", Sheet, "--lake", _lake.Path0, "--keep-sample-ids"], stdout, stderr);
        Assert.Equal(1, rc);
        Assert.Contains("either VCF files or --samplesheet", stderr.ToString(), StringComparison.Ordinal);
    }
}
