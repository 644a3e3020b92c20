using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>The generated sheet is read by <see cref="SampleSheet.Read"/> as written.</summary>
public sealed class SyntheticSampleSheetTests
{
    [Fact]
    public void Sample_sheet_round_trips_through_SampleSheet_Read()
    {
        using var cohort = new SynthCohortFixture(7, 3);
        var sheet = SampleSheet.Read(cohort.Result.SampleSheet);
        Assert.Equal(7 * 5, sheet.Rows.Count);
        Assert.Equal(cohort.Result.Files, sheet.Rows.Count);
        var first = sheet.Rows.Where(r => r.Patient == "SYN000001").ToList();
        Assert.Equal(
            [(DataKind.SmallVariants, SpecimenType.Tumour), (DataKind.SmallVariants, SpecimenType.Germline), (DataKind.StructuralVariants, SpecimenType.Tumour), (DataKind.CopyNumber, SpecimenType.Tumour), (DataKind.Fusions, SpecimenType.Tumour)],
            first.Select(r => (r.Kind, r.SpecimenType)).ToList());
        Assert.All(sheet.Rows, r => Assert.True(File.Exists(r.File)));
        Assert.All(sheet.Rows, r => Assert.False(r.KindSniffed));
        foreach (var column in new[] { "age_years", "age_group", "sex", "immunophenotype", "wbc_1e9_per_l", "blast_percent", "mrd_day15", "mrd_eoi", "mrd_week12" })
        {
            Assert.All(sheet.Rows, r => Assert.True(r.Clinical.ContainsKey(column), $"{column} missing on line {r.Line}"));
        }

        Assert.All(sheet.Rows, r => Assert.Contains(r.Clinical["age_group"], new[] { "child", "AYA", "adult", "older_adult" }));
        // MRD is a fraction or "<LoD", never 0 (ALL-knowledge.md §1.4).
        Assert.All(sheet.Rows, r => Assert.DoesNotContain(r.Clinical["mrd_eoi"], new[] { "0", "0.0" }));

        // The sniffer agrees with the written kinds (the files look like what they claim to be).
        var copy = Path.Combine(cohort.Root, "sniffed.csv");
        File.WriteAllLines(copy, File.ReadAllLines(cohort.Result.SampleSheet).Select(l => string.Join(",", l.Split(',').Select((c, i) => i == 4 && !l.StartsWith("patient", StringComparison.Ordinal) ? string.Empty : c))));
        var sniffed = SampleSheet.Read(copy);
        Assert.Equal(sheet.Rows.Select(r => r.Kind), sniffed.Rows.Select(r => r.Kind));
    }
}
