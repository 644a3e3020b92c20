using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary>The selection options on <c>convert</c>, and selections of one file as separate lake sources.</summary>
public sealed class SelectionCommandTests
{
    [RequiresToolFact("bcftools")]
    public void Convert_WithRegionsAndSamples_WritesTheSelection()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            foreach (var file in fixture.Files)
            {
                var output = Path.Combine(dir, Path.GetFileName(file) + ".parquet");
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                var rc = Program.Run(["convert", file, "-o", output, "--keep-sample-ids", "-r", "chrB:100-5000", "-s", "S3,S1"], stdout, stderr);
                Assert.True(rc == 0, stderr.ToString());
                var expected = fixture.Expected(file, "-r", "chrB:100-5000", "-s", "S3,S1");
                var count = LakeReader.Query($"select count(*) from read_parquet({LakeReader.Literal(output)})");
                Assert.Equal(expected.Sites.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count[0]);
                Assert.Contains($"{expected.Sites.Count} variants", stdout.ToString(), StringComparison.Ordinal);
                Assert.Contains("2 samples", stdout.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void TwoRegionsOfOneFile_AreTwoSources_NotSkippedAsDuplicates()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            var file = fixture.Files[0];
            var lake = Path.Combine(dir, "lake");
            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out var error, "-r", "chrA:1-5000"));
            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out error, "-r", "chrB:1-5000"));
            Assert.DoesNotContain("skipped", error, StringComparison.Ordinal);
            var chromosomes = LakeReader.Query($"select distinct chrom from read_parquet({LakeReader.Literal($"{lake}/variants/**/*.parquet")}) order by 1");
            Assert.Equal(["chrA", "chrB"], chromosomes);

            // The same selection again is the same source: skipped.
            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out error, "-r", "chrB:1-5000"));
            Assert.Contains("skipped", error, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void HeldSelection_IsSkipped_EvenWhenTheFileCanNoLongerBeOpenedForIt()
    {
        // The source key is hashed while the input is opened: a source the lake holds is skipped without needing its
        // input to open, as when the hash came first. Here the index the regions need is gone by the second run.
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            var file = fixture.Files.First(f => File.Exists(f + ".tbi"));
            var lake = Path.Combine(dir, "lake");
            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out var error, "-r", "chrA:1-5000"));
            File.Delete(file + ".tbi");

            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out error, "-r", "chrA:1-5000"));
            Assert.Contains("skipped", error, StringComparison.Ordinal);
            Assert.NotEqual(0, Formats.Bcf.BcfLakeTests.Ingest(file, lake, out error, "-r", "chrB:1-5000"));
            Assert.Contains("index", error, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
