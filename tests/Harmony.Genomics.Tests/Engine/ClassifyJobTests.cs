using Harmony.Genomics.Cli;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.Leukemia.Synthetic;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// <c>harmony classify LAKE</c>: from the lake's rows alone it reproduces every classification the ingest wrote (labels,
/// values, assessable, evidence, rule versions), reacts to changed findings, rule options and later clinical values, and
/// <c>harmony explain</c> shows the latest run.
/// </summary>
public sealed class ClassifyJobTests : IDisposable
{
    private const string Columns = "patient, specimen, scheme, label, value, assessable, evidence, rule_version, kb_version, cohort";

    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static string Structural => Path.Combine(TestPaths.TestDataRoot, "leukemia-structural");

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private (int Rc, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(args, stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    private void Ok(params string[] args)
    {
        var (rc, _, err) = Run(args);
        Assert.True(rc == 0, err);
    }

    private List<string> Rows(string sql) => TempLake.Query(sql).Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();

    private List<string> RunRows(string runs) => Rows($"select {Columns} from {Table("classifications")} where classification_run in ({runs}) order by all");

    /// <summary>The structural sheet with clinical columns (age, immunophenotype, MRD) and absolute file paths.</summary>
    private string StructuralSheetWithClinical()
    {
        var sheet = Path.Combine(_lake.Root, "structural.csv");
        var lines = File.ReadAllLines(Path.Combine(Structural, "samplesheet.csv"));
        File.WriteAllLines(sheet, [lines[0] + ",age_years,immunophenotype,mrd_day15,mrd_eoi,mrd_week12,mrd_lod",
            .. lines.Skip(1).Select(l => l.Replace("S01-DX.", Path.Combine(Structural, "S01-DX."), StringComparison.Ordinal) + ",34,B-ALL,0.05,0.0005,negative,0.0001")]);
        return sheet;
    }

    [Fact]
    public void Classify_reproduces_every_row_the_ingests_wrote()
    {
        var key = Path.Combine(_lake.Root, "k.key");
        File.WriteAllText(key, "0123456789abcdef0123456789abcdef");
        Ok("ingest", "--samplesheet", StructuralSheetWithClinical(), "--lake", _lake.Path0, "--cohort", "ukall", "--key-file", key);
        Ok("ingest", "--samplesheet", Path.Combine(TestPaths.TestDataRoot, "leukemia", "samplesheet.csv"), "--lake", _lake.Path0, "--cohort", "ukall", "--key-file", key);

        // classify needs no key: it reads the stored (pseudonymised) ids.
        var (rc, output, err) = Run("classify", _lake.Path0);
        Assert.True(rc == 0, err);
        Assert.Contains("for 4 patients (cohorts: ukall; classification_run 3;", output, StringComparison.Ordinal);

        var ingested = RunRows("1, 2");
        // S01: 7 specimen schemes and 2 MRD pairs; P01–P03 of testdata/leukemia: 6 B-ALL schemes each.
        Assert.Equal(9 + 18, ingested.Count);
        Assert.Contains(ingested, r => r.Contains("|MRD-log-reduction|day15->eoi|2|True|", StringComparison.Ordinal));
        Assert.Equal(ingested, RunRows("3"));
    }

    [Fact]
    public void Classify_reproduces_a_synthetic_cohort()
    {
        using var cohort = new SynthCohortFixture(12, 21, GenomeAssembly.GRCh38);
        Ok("ingest", "--samplesheet", cohort.Result.SampleSheet, "--lake", _lake.Path0, "--keep-sample-ids");
        Ok("classify", _lake.Path0, "--cohort", "default");
        var ingested = RunRows("1");
        Assert.True(ingested.Count >= 12 * 6, $"{ingested.Count} rows");
        Assert.Equal(ingested, RunRows("2"));
    }

    [Fact]
    public void Changed_findings_and_rule_options_give_new_labels_and_explain_shows_the_latest()
    {
        Ok("ingest", "--samplesheet", Path.Combine(Structural, "samplesheet.csv"), "--lake", _lake.Path0, "--cohort", "ukall", "--keep-sample-ids");
        string Label(string scheme, int run) => Rows($"select label from {Table("classifications")} where scheme = '{scheme}' and classification_run = {run}").Single();
        Assert.Equal("B-ALL with ETV6::RUNX1 fusion", Label("WHO-HAEM5", 1));

        // A test copy of the lake without the ETV6::RUNX1 finding: high hyperdiploidy becomes the defining lesion.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_lake.Path0, "abnormalities"), "*.parquet", SearchOption.AllDirectories))
        {
            var temp = Path.Combine(_lake.Root, "rewrite.parquet");
            TempLake.WriteParquet(temp, $"select * exclude (cohort) from read_parquet('{file}', hive_partitioning = true) where abnormality <> 'ETV6::RUNX1'");
            File.Move(temp, file, overwrite: true);
        }

        Ok("classify", _lake.Path0);
        Assert.Equal("B-ALL with high hyperdiploidy", Label("WHO-HAEM5", 2));
        Assert.Equal("good risk", Label("cytogenetic-risk", 2));
        Assert.Equal("not assessable", Label("HeH-risk", 2));

        // The unverified HeH combination on request: +17 and +18 give good risk, and the rule version says so.
        Ok("classify", _lake.Path0, "--heh-unverified-rule");
        Assert.Equal("good risk", Label("HeH-risk", 3));
        Assert.NotEqual(Rows($"select rule_version from {Table("classifications")} where scheme = 'HeH-risk' and classification_run = 2"), Rows($"select rule_version from {Table("classifications")} where scheme = 'HeH-risk' and classification_run = 3"));

        var (rc, output, err) = Run("explain", _lake.Path0, "--patient", "S01", "--format", "tsv");
        Assert.True(rc == 0, err);
        var classifications = output[..output.IndexOf("# findings", StringComparison.Ordinal)].Split('\n');
        Assert.Single(classifications, l => l.Contains("\tHeH-risk\t", StringComparison.Ordinal));
        Assert.Contains(classifications, l => l.Contains("\tHeH-risk\tgood risk\t", StringComparison.Ordinal) && l.EndsWith("\t3", StringComparison.Ordinal));
        Assert.Contains(classifications, l => l.Contains("\tWHO-HAEM5\tB-ALL with high hyperdiploidy\t", StringComparison.Ordinal));
        Assert.DoesNotContain(classifications, l => l.Contains("ETV6::RUNX1 fusion", StringComparison.Ordinal));
    }

    [Fact]
    public void Clinical_values_of_a_later_run_reach_classify()
    {
        var sheet = Path.Combine(Structural, "samplesheet.csv");
        Ok("ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.Contains("AGE UNKNOWN", Rows($"select evidence from {Table("classifications")} where scheme = 'UKALL-CNA'").Single(), StringComparison.Ordinal);

        // The files are in the lake already: the run stores the new clinical values and says to run classify.
        var clinical = Path.Combine(_lake.Root, "clinical.csv");
        File.WriteAllLines(clinical, ["patient,age_at_diagnosis", "S01,34"]);
        var (rc, output, err) = Run("ingest", "--samplesheet", sheet, "--clinical", clinical, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Contains("clinical: 1 rows", output, StringComparison.Ordinal);
        Assert.Contains("run 'harmony classify'", err, StringComparison.Ordinal);
        Assert.Equal(["1"], Rows($"select distinct classification_run from {Table("classifications")}"));

        Ok("classify", _lake.Path0);
        var latest = Rows($"select evidence from {Table("classifications")} where scheme = 'UKALL-CNA' and classification_run = 3").Single();
        Assert.Contains("ADULT (age 34", latest, StringComparison.Ordinal);
        Assert.Equal(["1|female|", "2|female|34"], Rows($"select clinical_run, sex, age_at_diagnosis from {Table("clinical")} order by clinical_run"));
    }

    [Fact]
    public void A_patient_with_files_from_an_earlier_sheet_is_left_to_classify()
    {
        // Two sheets with different files of one patient: the second run must not write a classification from its
        // files alone (readers would take it as the latest); classify then sees both.
        var data = Path.Combine(TestPaths.TestDataRoot, "leukemia");
        var first = Path.Combine(_lake.Root, "first.csv");
        var second = Path.Combine(_lake.Root, "second.csv");
        File.WriteAllLines(first, ["patient,specimen,specimen_type,file,kind", $"P02,P02-DX,tumour,{Path.Combine(data, "P02-DX.vcf")},small_variants"]);
        File.WriteAllLines(second, ["patient,specimen,specimen_type,file,kind", $"P02,P02-DX,tumour,{Path.Combine(data, "P02-DX.sv.vcf")},structural_variants"]);
        Ok("ingest", "--samplesheet", first, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.Contains("SV/fusion no", Rows($"select evidence from {Table("classifications")} where scheme = 'WHO-HAEM5'").Single(), StringComparison.Ordinal);

        var (rc, _, err) = Run("ingest", "--samplesheet", second, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.True(rc == 0, err);
        Assert.Contains("patient P02: the lake already held data of this patient; classifications not recomputed", err, StringComparison.Ordinal);
        Assert.Equal(["1"], Rows($"select distinct classification_run from {Table("classifications")}"));

        Ok("classify", _lake.Path0);
        var latest = Rows($"select evidence from {Table("classifications")} where scheme = 'WHO-HAEM5' and classification_run = 3").Single();
        Assert.Contains("SV/fusion yes, small variants yes", latest, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_waits_for_the_writer_before_it_and_says_so()
    {
        var key = Path.Combine(_lake.Root, "k.key");
        File.WriteAllText(key, "0123456789abcdef0123456789abcdef");
        Ok("ingest", "--samplesheet", StructuralSheetWithClinical(), "--lake", _lake.Path0, "--cohort", "ukall", "--key-file", key);
        var holder = Harmony.Genomics.Lake.LakeDirectory.Open(_lake.Path0).BeginTransaction();

        var (refused, _, refusal) = Run("classify", _lake.Path0, "--lock-wait", "0");
        Assert.Equal(1, refused);
        Assert.Contains("locked by another writer", refusal, StringComparison.Ordinal);

        var result = DelayedRelease.RunUntilItWaits(holder, "waiting for the lake", "classify", _lake.Path0, "--lock-wait", "60");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("warning: waiting for the lake", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A later sheet run adds a relapse specimen and clinical values to a classified patient and, by design, does not
    /// reclassify it: explain showed the older classification as the latest with no word; now it says what came after
    /// it, until 'harmony classify' runs.
    /// </summary>
    [Fact]
    public void Explain_notes_specimens_and_clinical_values_newer_than_the_latest_classification()
    {
        Ok("ingest", "--samplesheet", Path.Combine(Structural, "samplesheet.csv"), "--lake", _lake.Path0, "--keep-sample-ids");
        var relapse = Path.Combine(_lake.Root, "relapse.csv");
        File.WriteAllLines(relapse, ["patient,specimen,specimen_type,file,kind,mrd_eoi", $"S01,S01-REL,tumour,{Path.Combine(TestPaths.TestDataRoot, "leukemia", "P02-DX.vcf")},small_variants,0.001"]);
        Ok("ingest", "--samplesheet", relapse, "--lake", _lake.Path0, "--keep-sample-ids");

        var (rc, output, err) = Run("explain", _lake.Path0, "--patient", "S01", "--format", "tsv");
        Assert.True(rc == 0, err);
        Assert.Contains("# note: tumour specimen S01-REL (cohort default) came after the latest classification run and is not in it", output, StringComparison.Ordinal);
        Assert.Contains("# note: clinical values of run 2 (cohort default) are newer than the latest classification run 1", output, StringComparison.Ordinal);

        Ok("classify", _lake.Path0);
        (rc, output, err) = Run("explain", _lake.Path0, "--patient", "S01", "--format", "tsv");
        Assert.True(rc == 0, err);
        Assert.DoesNotContain("# note:", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A later clinical file from another assay (eoc negative, LoD 1e-5) must not re-censor an earlier run's negative
    /// (eoi, LoD 1e-4): day15 0.01 to eoi stays a reduction of at least 2, not 3 (found by a QA pass).
    /// </summary>
    [Fact]
    public void An_earlier_negative_mrd_keeps_its_own_runs_limit_of_detection()
    {
        var vcf = Path.Combine(TestPaths.TestDataRoot, "leukemia", "P02-DX.vcf");
        var first = Path.Combine(_lake.Root, "first.csv");
        File.WriteAllLines(first, ["patient,specimen,specimen_type,file,kind,age,immunophenotype,mrd_day15,mrd_eoi,mrd_lod", $"P1,P1-DX,tumour,{vcf},small_variants,5,B-ALL,0.01,negative,0.0001"]);
        Ok("ingest", "--samplesheet", first, "--lake", _lake.Path0, "--keep-sample-ids");
        var clinical = Path.Combine(_lake.Root, "update.csv");
        File.WriteAllLines(clinical, ["patient,mrd_eoc,mrd_lod", "P1,negative,0.00001"]);
        var second = Path.Combine(_lake.Root, "second.csv");
        File.WriteAllLines(second, ["patient,specimen,specimen_type,file,kind", $"P1,P1-DX,tumour,{vcf},small_variants"]);
        Ok("ingest", "--samplesheet", second, "--clinical", clinical, "--lake", _lake.Path0, "--keep-sample-ids");

        Ok("classify", _lake.Path0);

        var latest = Rows($"select value, evidence from {Table("classifications")} where label = 'day15->eoi' order by classification_run desc limit 1").Single();
        Assert.StartsWith("2|", latest, StringComparison.Ordinal);
        Assert.Contains("mrd_eoi=<0.0001", latest, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_names_the_cohort_of_each_finding_when_one_id_is_two_patients()
    {
        // S01 of cohort a (ETV6::RUNX1, deletions) and another patient also called S01 in cohort b (a small-variant file).
        Ok("ingest", "--samplesheet", Path.Combine(Structural, "samplesheet.csv"), "--lake", _lake.Path0, "--cohort", "a", "--keep-sample-ids");
        var sheet = Path.Combine(_lake.Root, "b.csv");
        File.WriteAllLines(sheet, ["patient,specimen,specimen_type,file,kind", $"S01,S01-DX,tumour,{Path.Combine(TestPaths.TestDataRoot, "leukemia", "P02-DX.vcf")},small_variants"]);
        Ok("ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--cohort", "b", "--keep-sample-ids");
        var findingsB = Rows($"select abnormality from {Table("abnormalities")} where cohort = 'b' and specimen_type = 'tumour'");
        Assert.NotEmpty(findingsB);

        var (rc, output, err) = Run("explain", _lake.Path0, "--patient", "S01", "--format", "tsv");
        Assert.True(rc == 0, err);
        var findings = output[output.IndexOf("# findings", StringComparison.Ordinal)..output.IndexOf("# clinical", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("cohort\tspecimen\t", findings[1], StringComparison.Ordinal);
        Assert.Contains(findings, l => l.StartsWith("a\tS01-DX\t", StringComparison.Ordinal) && l.Contains("\tETV6::RUNX1\t", StringComparison.Ordinal));
        Assert.All(findingsB, b => Assert.Contains(findings, l => l.StartsWith("b\tS01-DX\t" + b + "\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void Explain_for_a_patient_the_lake_does_not_hold_is_an_error_not_empty_tables()
    {
        Ok("ingest", "--samplesheet", StructuralSheetWithClinical(), "--lake", _lake.Path0, "--cohort", "ukall", "--keep-sample-ids");
        var (rc, output, err) = Run("explain", _lake.Path0, "--patient", "NO-SUCH-PATIENT");
        Assert.Equal(1, rc);
        Assert.Contains("has no patient 'NO-SUCH-PATIENT'", err, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Lakes_without_sheet_data_or_with_an_unknown_cohort_are_refused_unchanged()
    {
        Ok("ingest", Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf"), "--lake", _lake.Path0, "--keep-sample-ids");
        var (rc, _, err) = Run("classify", _lake.Path0);
        Assert.Equal(1, rc);
        Assert.Contains("has no 'specimens' table", err, StringComparison.Ordinal);

        Ok("ingest", "--samplesheet", Path.Combine(Structural, "samplesheet.csv"), "--lake", _lake.Path0, "--cohort", "ukall", "--keep-sample-ids");
        var before = _lake.Fingerprint();
        var (rc2, _, err2) = Run("classify", _lake.Path0, "--cohort", "nope");
        Assert.Equal(1, rc2);
        Assert.Contains("no sample-sheet data for cohort 'nope' (cohorts: ukall)", err2, StringComparison.Ordinal);
        var (rc3, _, err3) = Run("classify", Path.Combine(_lake.Root, "missing"));
        Assert.Equal(1, rc3);
        Assert.Contains("does not exist", err3, StringComparison.Ordinal);
        var (rc4, _, err4) = Run("classify", _lake.Root);
        Assert.Equal(1, rc4);
        Assert.Contains("is not a harmony lake", err4, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_lake.Root, "_harmony")));
        Assert.Equal(before, _lake.Fingerprint());
    }

    [Fact]
    public void A_lake_from_before_specimens_kind_is_refused()
    {
        Ok("ingest", "--samplesheet", Path.Combine(Structural, "samplesheet.csv"), "--lake", _lake.Path0, "--keep-sample-ids");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_lake.Path0, "specimens"), "*.parquet", SearchOption.AllDirectories))
        {
            var temp = Path.Combine(_lake.Root, "rewrite.parquet");
            TempLake.WriteParquet(temp, $"select * exclude (cohort, kind) from read_parquet('{file}', hive_partitioning = true)");
            File.Move(temp, file, overwrite: true);
        }

        var (rc, _, err) = Run("classify", _lake.Path0);
        Assert.Equal(1, rc);
        Assert.Contains("written before 'specimens' recorded every file's kind", err, StringComparison.Ordinal);
    }
}
