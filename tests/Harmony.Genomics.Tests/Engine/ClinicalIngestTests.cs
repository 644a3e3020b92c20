using System.Text;
using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// End to end: <c>harmony ingest --samplesheet … --clinical FILE</c> writes the <c>clinical</c> table, pseudonymised, with
/// only the allow-listed columns; what was left out is said; an unchanged re-run adds nothing; bad input leaves no lake.
/// </summary>
public sealed class ClinicalIngestTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static string Sheet => Path.Combine(TestPaths.TestDataRoot, "leukemia", "samplesheet.csv");

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private (int Rc, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(args, stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_lake.Root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Key() => Write("k.key", "0123456789abcdef0123456789abcdef");

    [Fact]
    public void Clinical_rows_are_pseudonymised_allow_listed_and_written_once()
    {
        var clinical = Write("clinical.csv",
            "patient,sex,wbc,mrd_day15,mrd_eoi,mrd_lod,surname,date_of_birth,diagnosis_date",
            "P01,female,3.2,0.01,<0.0001,0.0001,Smithson,2010-03-01,2016-08-15",
            "P02,m,120,,,,Jonesworth,,");
        string[] args = ["ingest", "--samplesheet", Sheet, "--clinical", clinical, "--lake", _lake.Path0, "--cohort", "ukall", "--key-file", Key()];
        var (rc, output, err) = Run(args);
        Assert.True(rc == 0, err);
        Assert.Contains("clinical: 3 rows; columns not stored: surname", output, StringComparison.Ordinal);
        Assert.Contains("clinical columns not stored in the lake (not on the allow-list): surname", err, StringComparison.Ordinal);

        var rows = TempLake.Query($"select patient, age_at_diagnosis, age_group, sex, lineage, wbc, mrd_day15, mrd_eoi, mrd_lod, source_file, clinical_file, clinical_run, cohort from {Table("clinical")} order by age_at_diagnosis")
            .Select(r => string.Join("|", r.Skip(1).Select(v => v?.ToString()))).ToList();
        // P01's age comes from the sheet (6) and agrees with its dates (6.4); P02 34 from the sheet; P03 12.
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("6|child|female|B|3.2|0.01|<0.0001|0.0001|hs_", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("12|child||B|||||hs_", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("34|AYA|male|B|120||||hs_", rows[2], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.EndsWith("|1|ukall", r, StringComparison.Ordinal));
        Assert.All(TempLake.Query($"select patient from {Table("clinical")}"), r => Assert.StartsWith("hs_", (string)r[0]!, StringComparison.Ordinal));

        // Nothing of the left-out columns or the raw ids reaches any file of the lake.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_lake.Path0, "_harmony"), "*", SearchOption.AllDirectories))
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("Smithson", text, StringComparison.Ordinal);
            Assert.DoesNotContain("2010-03-01", text, StringComparison.Ordinal);
            Assert.DoesNotContain("clinical.csv", text, StringComparison.Ordinal);
        }

        var before = _lake.Fingerprint();
        var (rc2, output2, err2) = Run(args);
        Assert.True(rc2 == 0, err2);
        Assert.Contains("clinical: 0 rows", output2, StringComparison.Ordinal);
        Assert.Equal(before, _lake.Fingerprint());
    }

    [Fact]
    public void A_conflict_between_sheet_and_clinical_file_is_an_error_and_leaves_no_lake()
    {
        var clinical = Write("clinical.csv", "patient,age_at_diagnosis", "P02,35");
        var (rc, _, err) = Run("ingest", "--samplesheet", Sheet, "--clinical", clinical, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.Equal(1, rc);
        Assert.Contains("patient P02: age_at_diagnosis is '34' in samplesheet.csv line 4 but '35' in clinical.csv line 2", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_lake.Path0));
    }

    [Fact]
    public void A_lone_date_is_refused_and_clinical_needs_a_sheet()
    {
        var clinical = Write("clinical.tsv", "patient\tdiagnosis_date", "P01\t2016-08-15");
        var (rc, _, err) = Run("ingest", "--samplesheet", Sheet, "--clinical", clinical, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.Equal(1, rc);
        Assert.Contains("patient P01: diagnosis_date in clinical.tsv line 2 without date_of_birth: dates are never stored", err, StringComparison.Ordinal);

        var (rc2, _, err2) = Run("ingest", Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf"), "--clinical", clinical, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.Equal(1, rc2);
        Assert.Contains("--clinical needs --samplesheet", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_ingest_keeps_the_samples_table_as_it_was()
    {
        var (rc, _, err) = Run("ingest", Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf"), "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.True(rc == 0, err);
        var columns = TempLake.Query($"select column_name from (describe select * from {Table("samples")})").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["sample", "sample_index", "source_file", "source_ordinal", "cohort"], columns);
        Assert.False(Directory.Exists(Path.Combine(_lake.Path0, "clinical")));
    }
}
