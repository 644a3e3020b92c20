using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia;

/// <summary>
/// A file is identified by its content and the specimen the sheet assigns it to: the same bytes listed for two
/// specimens are ingested for both, and running the sheet again adds nothing.
/// </summary>
public sealed class SampleSheetSourceIdentityTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void SameFileForTwoSpecimens_IsIngestedForBoth_AndRerunAddsNothing()
    {
        var source = Path.Combine(TestPaths.TestDataRoot, "leukemia", "P01-DX.vcf");
        File.Copy(source, Path.Combine(_dir, "a.vcf"));
        File.Copy(source, Path.Combine(_dir, "b.vcf"));
        var sheet = Path.Combine(_dir, "sheet.csv");
        File.WriteAllText(sheet, "patient,specimen,specimen_type,file,kind\nP1,P1-DX,tumour,a.vcf,small_variants\nP2,P2-DX,tumour,b.vcf,small_variants\n");
        var lake = Path.Combine(_dir, "lake");

        Assert.Equal(0, Run(sheet, lake, out var first));
        Assert.DoesNotContain("already in the lake", first, StringComparison.Ordinal);
        var variants = LakeReader.Query($"select count(distinct source_file), count(*) from read_parquet('{lake}/variants/**/*.parquet')");

        Assert.Equal(0, Run(sheet, lake, out var second));
        Assert.Equal(2, second.Split('\n').Count(l => l.Contains("already in the lake", StringComparison.Ordinal)));
        Assert.Equal(variants, LakeReader.Query($"select count(distinct source_file), count(*) from read_parquet('{lake}/variants/**/*.parquet')"));
        Assert.StartsWith("2\t", variants[0], StringComparison.Ordinal);
    }

    private static int Run(string sheet, string lake, out string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", sheet, "--lake", lake, "--keep-sample-ids"], stdout, stderr);
        output = stdout.ToString();
        return rc;
    }
}
