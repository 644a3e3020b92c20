using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

/// <summary>
/// End to end: <c>harmony ingest --samplesheet</c> over testdata/leukemia-structural writes <c>classifications</c> in the
/// same run. Expected rows worked out by hand from the README there: ETV6::RUNX1 (DNA+RNA), IKZF1 intragenic deletion,
/// high hyperdiploidy (55) with +4 +6 +10 +14 +17 +18 +21 +X, every other gene covered and not deleted; no age.
/// </summary>
public sealed class ClassificationIngestTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static string Folder => Path.Combine(TestPaths.TestDataRoot, "leukemia-structural");

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private static List<string> Rows(string sql) => TempLake.Query(sql).Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();

    private int Ingest(string sheet, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return Program.Run(["ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--cohort", "ukall", .. extra], stdout, stderr);
    }

    [Fact]
    public void Structural_testdata_gives_the_hand_written_classifications()
    {
        Assert.Equal(0, Ingest(Path.Combine(Folder, "samplesheet.csv"), "--keep-sample-ids"));
        Assert.Equal(
            [
                "HeH-risk|not assessable|False",
                "ICC-2022|B-ALL with t(12;21)(p13.2;q22.1)/ETV6::RUNX1|True",
                "IKZF1plus|not IKZF1plus|True",
                "UKALL-CNA|poor risk|True",
                "WHO-HAEM5|B-ALL with ETV6::RUNX1 fusion|True",
                "cytogenetic-risk|good risk|True",
                "integrated-genetic-risk|good risk|True",
            ],
            Rows($"select scheme, label, assessable from {Table("classifications")} where patient = 'S01' and specimen = 'S01-DX' order by scheme"));
        var who = (string)TempLake.Query($"select evidence from {Table("classifications")} where scheme = 'WHO-HAEM5'").Single()[0]!;
        Assert.Contains("defining: ETV6::RUNX1", who, StringComparison.Ordinal);
        Assert.Contains("also present", who, StringComparison.Ordinal);
        Assert.Contains("high hyperdiploidy", who, StringComparison.Ordinal);
        var heh = (string)TempLake.Query($"select evidence from {Table("classifications")} where scheme = 'HeH-risk'").Single()[0]!;
        Assert.Contains("=5(2) +17(3) +18(3) =20(2)", heh, StringComparison.Ordinal);
        Assert.Contains("UNVERIFIED", heh, StringComparison.Ordinal);
        var cna = (string)TempLake.Query($"select evidence from {Table("classifications")} where scheme = 'UKALL-CNA'").Single()[0]!;
        Assert.Contains("deleted: IKZF1", cna, StringComparison.Ordinal);
        Assert.Contains("AGE UNKNOWN", cna, StringComparison.Ordinal);
        Assert.Equal(["UKALL-CNA 2-tier v1 (Moorman 2014 Blood 124:1434 [V]; Hamadeh 2019 3-tier split [U], not implemented)"],
            Rows($"select rule_version from {Table("classifications")} where scheme = 'UKALL-CNA'"));
    }

    [Fact]
    public void Explain_prints_classifications_and_findings()
    {
        Assert.Equal(0, Ingest(Path.Combine(Folder, "samplesheet.csv"), "--keep-sample-ids"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(Program.Run(["explain", _lake.Path0, "--patient", "S01", "--format", "tsv"], stdout, stderr) == 0, stderr.ToString());
        var text = stdout.ToString();
        Assert.Contains("# classifications", text, StringComparison.Ordinal);
        Assert.Contains("B-ALL with ETV6::RUNX1 fusion", text, StringComparison.Ordinal);
        Assert.Contains("UKALL-CNA 2-tier v1", text, StringComparison.Ordinal);
        Assert.Contains("IKZF1 deletion", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_of_the_same_inputs_adds_no_classifications()
    {
        var sheet = Path.Combine(Folder, "samplesheet.csv");
        Assert.Equal(0, Ingest(sheet, "--keep-sample-ids"));
        Assert.Equal(0, Ingest(sheet, "--keep-sample-ids"));
        Assert.Equal(["7"], Rows($"select count(*) from {Table("classifications")}"));
    }

    [Fact]
    public void Clinical_columns_give_adult_flags_and_mrd_kinetics_pseudonymised()
    {
        var sheet = Path.Combine(_lake.Root, "sheet.csv");
        var lines = File.ReadAllLines(Path.Combine(Folder, "samplesheet.csv"));
        File.WriteAllLines(sheet, [lines[0] + ",age_years,immunophenotype,mrd_day15,mrd_eoi,mrd_week12",
            .. lines.Skip(1).Select(l => l.Replace("S01-DX.", Path.Combine(Folder, "S01-DX."), StringComparison.Ordinal) + ",34,B-ALL,0.05,0.0005,<0.0001")]);
        var key = Path.Combine(_lake.Root, "k.key");
        File.WriteAllText(key, "0123456789abcdef0123456789abcdef");
        Assert.Equal(0, Ingest(sheet, "--key-file", key));

        Assert.Equal(["day15->eoi|2|True|", "eoi->week12|0.699|True|"],
            Rows($"select label, round(value, 3), assessable, specimen from {Table("classifications")} where scheme = 'MRD-log-reduction' order by label"));
        Assert.Contains("lower bound", (string)TempLake.Query($"select evidence from {Table("classifications")} where label = 'eoi->week12'").Single()[0]!, StringComparison.Ordinal);
        Assert.Contains("ADULT (age 34", (string)TempLake.Query($"select evidence from {Table("classifications")} where scheme = 'UKALL-CNA'").Single()[0]!, StringComparison.Ordinal);
        foreach (var row in TempLake.Query($"select patient, specimen, evidence from {Table("classifications")}"))
        {
            Assert.DoesNotContain(row, v => v is string s && s.Contains("S01", StringComparison.Ordinal));
        }
    }
}
