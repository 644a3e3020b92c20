using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary><c>-s/-S</c> keep the samples and calls <c>bcftools view -s/-S</c> keeps, with <c>^</c> exclusion and its errors.</summary>
public sealed class SampleSelectionTests
{
    private static string Conformance(string name) => TestPaths.TestData($"conformance/bcftools-test/{name}");

    [RequiresToolFact("bcftools")]
    public void Samples_KeepTheListedOrder_AndCaretExcludes()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        fixture.AssertSameAsBcftools("-s", "NA12892,NA12890");
        fixture.AssertSameAsBcftools("-s", "^NA12891");
        fixture.AssertSameAsBcftools("-s", "NA12891", "-r", "22:16051000-16055000");
        fixture.AssertSameAsBcftools("-s", "NA12890", "-t", "Y");
    }

    [RequiresToolFact("bcftools")]
    public void SamplesFile_WithAndWithoutCaret()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var list = Path.Combine(fixture.Directory, "samples.txt");
        File.WriteAllText(list, "NA12891\nNA12892\n");
        fixture.AssertSameAsBcftools("-S", list);
        fixture.AssertSameAsBcftools("-S", "^" + list);
    }

    [RequiresToolFact("bcftools")]
    public void SampleNames_InTheLake_AreTheSelectedOnes()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var lake = fixture.Ingest(fixture.Files[0], "-s", "NA12892,NA12890");
        var samples = LakeReader.Query($"select sample, sample_index from read_parquet({LakeReader.Literal($"{lake}/samples/**/*.parquet")}) order by sample_index");
        Assert.Equal(["NA12892\t0", "NA12890\t1"], samples);
    }

    [RequiresToolFact("bcftools")]
    public void UnknownSample_IsAnError_UnlessForced()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var file = fixture.Files[0];
        var rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l1"), out var error, "-s", "NA12890,NOBODY");
        Assert.Equal(1, rc);
        Assert.Contains("\"NOBODY\"", error, StringComparison.Ordinal);
        Assert.Contains("--force-samples", error, StringComparison.Ordinal);

        rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l2"), out error, "-s", "^NOBODY");
        Assert.Equal(1, rc);
        Assert.Contains("exclude called for sample", error, StringComparison.Ordinal);

        rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l3"), out error, "-s", "NA12890,NOBODY", "--force-samples");
        Assert.True(rc == 0, error);
        Assert.Contains("NOBODY", error, StringComparison.Ordinal);
        var expected = fixture.Expected(file, "-s", "NA12890");
        Assert.Equal(expected.Calls, LakeReader.ReadCalls(Path.Combine(fixture.Directory, "l3")));
    }
}
