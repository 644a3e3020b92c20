using Harmony.Genomics.Core;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia;

/// <summary>
/// <see cref="ClinicalColumns"/>: only the allow-list is kept, values are validated with file, line, column and what was
/// expected, conflicts name both places, and dates are reduced to the age at diagnosis or refused.
/// </summary>
public sealed class ClinicalColumnsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private static string Vcf(string name) => Path.Combine(TestPaths.TestDataRoot, "leukemia", name);

    /// <summary>A sheet with two files of P01 and one of P02, each row followed by its cell of <paramref name="rows"/> under the extra <paramref name="header"/>.</summary>
    private SampleSheet Sheet(string header, params string[] rows)
    {
        var path = Path.Combine(_dir, "sheet.csv");
        string[] files = [$"P01,P01-DX,tumour,{Vcf("P01-DX.vcf")},small_variants", $"P01,P01-GL,germline,{Vcf("P01-GL.vcf")},small_variants", $"P02,P02-DX,tumour,{Vcf("P02-DX.vcf")},small_variants"];
        File.WriteAllLines(path, ["patient,specimen,specimen_type,file,kind," + header, .. files.Select((f, i) => f + "," + rows[i])]);
        return SampleSheet.Read(path);
    }

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_dir, "clinical.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Allow_listed_values_are_normalised_and_other_columns_are_named()
    {
        var sheet = Sheet("age_years,sex,immunophenotype,wbc_1e9_per_l,mrd_day15,mrd_eoi,mrd_lod,blast_percent,surname,age_group,mrd_relapse,purity",
            "6,F,B-ALL,12.5,0.05,<1e-4,0.0001,85,Smith,child,0.1,0.8", "6,female,BCP-ALL,12.5,5E-2,,1e-4,,Smith,,,", "34,M,ETP-ALL,,NEG,0,0.0001,,,,,");
        var data = ClinicalColumns.Read(sheet, null);

        var p1 = data.Patients["P01"];
        Assert.Equal(6, p1.AgeAtDiagnosis);
        Assert.Equal("child", p1.AgeGroup);
        Assert.Equal("female", p1.Sex);
        Assert.Equal("B", p1.Lineage);
        Assert.Null(p1.Etp);
        Assert.Equal(12.5, p1.Wbc);
        Assert.Equal(["day15", "eoi"], p1.MrdTimePoints);
        Assert.Equal("0.05", p1.Mrd["day15"]);
        Assert.Equal("<0.0001", p1.Mrd["eoi"]);
        Assert.Equal(0.0001, p1.MrdLod);

        var p2 = data.Patients["P02"];
        Assert.Equal(("male", "T", true, "AYA"), (p2.Sex, p2.Lineage, p2.Etp, p2.AgeGroup));
        Assert.Equal("negative", p2.Mrd["day15"]);
        Assert.Equal("0", p2.Mrd["eoi"]);
        Assert.Equal("ETP-ALL", p2.Facts()["immunophenotype"]);
        Assert.Equal("T", p2.Facts()["lineage"]);

        // purity is a per-file column the engine reads, not clinical and not reported; the rest is left out and named.
        Assert.Equal(["age_group (derived from age_at_diagnosis instead)", "blast_percent", "mrd_relapse", "surname"], data.NotStored);
        Assert.DoesNotContain(p1.Facts().Values, v => v.Contains("Smith", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("age_years", "six", "an age in years")]
    [InlineData("age", "130", "an age in years from 0 to 120")]
    [InlineData("sex", "x", "a sex: male, female")]
    [InlineData("lineage", "Bob", "a lineage: B, T")]
    [InlineData("wbc", "54000", "a white-cell count in 10^9/L from 0 to 2000")]
    [InlineData("mrd_eoi", "5%", "an MRD fraction in [0, 1] (not a percentage)")]
    [InlineData("mrd_eoi", "12", "an MRD fraction")]
    [InlineData("mrd_lod", "0", "a limit of detection")]
    [InlineData("diagnosis_date", "03/04/2019", "a date as YYYY-MM-DD")]
    public void A_bad_value_names_file_line_column_and_what_was_expected(string column, string value, string expected)
    {
        var sheet = Sheet(column, "", value, "");
        var error = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(sheet, null));
        Assert.Contains($"sheet.csv: line 3, column {column}: '{value}' is not {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_separated_clinical_file_named_csv_is_told_so()
    {
        var sheet = Sheet("sex", "female", "", "male");
        var error = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(sheet, Csv("patient\tsex", "P02\tmale")));
        Assert.Contains("missing column 'patient'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the header line has tabs, but a .csv file is read as comma-separated: name a tab-separated file .tsv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_values_for_one_patient_in_the_sheet_name_both_lines()
    {
        var sheet = Sheet("age_years", "6", "7", "34");
        var error = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(sheet, null));
        Assert.Equal("patient P01: age_at_diagnosis is '6' in sheet.csv line 2 but '7' in sheet.csv line 3; give one value", error.Message);
    }

    [Fact]
    public void The_clinical_file_adds_values_and_a_conflict_with_the_sheet_names_both_files()
    {
        var sheet = Sheet("sex", "female", "", "male");
        var data = ClinicalColumns.Read(sheet, Csv("patient,age_at_diagnosis,sex,wbc,notes", "P01,6,F,3.2,relapsed twice", "P02,61,male,,", "P99,40,,,"));
        Assert.Equal((6.0, "female", 3.2), (data.Patients["P01"].AgeAtDiagnosis!.Value, data.Patients["P01"].Sex, data.Patients["P01"].Wbc!.Value));
        Assert.Equal("older adult", data.Patients["P02"].AgeGroup);
        Assert.Equal(["notes"], data.NotStored);
        Assert.Contains(data.Warnings, w => w.Contains("1 patient(s) not in the sample sheet", StringComparison.Ordinal));
        Assert.False(data.Patients.ContainsKey("P99"));

        var error = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(sheet, Csv("patient,sex", "P02,female")));
        Assert.Equal("patient P02: sex is 'male' in sheet.csv line 4 but 'female' in clinical.csv line 2; give one value", error.Message);
    }

    [Fact]
    public void Birth_and_diagnosis_dates_become_the_age_and_are_never_kept()
    {
        var sheet = Sheet("date_of_birth,diagnosis_date", "2010-03-01,2016-08-15", "", "");
        var p1 = ClinicalColumns.Read(sheet, null).Patients["P01"];
        Assert.Equal(6.4, p1.AgeAtDiagnosis);
        Assert.DoesNotContain(p1.Facts(), kv => kv.Value.Contains("2010", StringComparison.Ordinal) || kv.Key.Contains("date", StringComparison.Ordinal));

        // A stated age that disagrees with the dates by a year or more is a conflict; one date alone cannot be reduced.
        var conflict = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(Sheet("age_years,dob,date_of_diagnosis", "9,2010-03-01,2016-08-15", "", ""), null));
        Assert.Contains("age_at_diagnosis is 9 in sheet.csv line 2 but the dates in sheet.csv line 2 and sheet.csv line 2 give 6.4", conflict.Message, StringComparison.Ordinal);
        var alone = Assert.Throws<HarmonyException>(() => ClinicalColumns.Read(Sheet("date_of_birth", "", "", "1990-01-01"), null));
        Assert.Equal("patient P02: date_of_birth in sheet.csv line 4 without diagnosis_date: dates are never stored, only the age at diagnosis they give; add diagnosis_date, or replace the date by age_at_diagnosis (years)", alone.Message);
    }

    [Theory]
    [InlineData("2001-01-01", "2016-01-01", 15)] // 15th birthday, 3 leap days: 5478 days < 15 x 365.25 gave 14.9 (child)
    [InlineData("2001-06-01", "2019-06-01", 18)] // 18th birthday: gave 17.9, so no ADULT flag
    [InlineData("2001-06-01", "2019-05-31", 17.9)]
    [InlineData("2010-03-01", "2016-08-15", 6.4)]
    [InlineData("2012-02-29", "2022-02-28", 10)] // a 29 February birthday falls on 28 February in other years
    [InlineData("2020-01-01", "2020-01-01", 0)]
    public void The_age_from_dates_counts_birthdays_on_the_calendar(string birth, string diagnosis, double age)
    {
        var sheet = Sheet("date_of_birth,diagnosis_date", $"{birth},{diagnosis}", "", "");
        Assert.Equal(age, ClinicalColumns.Read(sheet, null).Patients["P01"].AgeAtDiagnosis);
    }

    [Theory]
    [InlineData(0.5, "child")]
    [InlineData(14.9, "child")]
    [InlineData(15, "AYA")]
    [InlineData(39.9, "AYA")]
    [InlineData(40, "adult")]
    [InlineData(54.9, "adult")]
    [InlineData(55, "older adult")]
    [InlineData(90, "older adult")]
    public void Age_groups_follow_the_stated_boundaries(double age, string group) => Assert.Equal(group, AgeGroups.Of(age));
}
