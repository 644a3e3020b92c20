using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// <c>ingest --samplesheet --stats</c> runs two observers at once: the sheet's columns on <c>samples</c> and its
/// annotation columns on <c>variants</c> must survive next to <c>variant_stats</c>, exactly as without <c>--stats</c>.
/// </summary>
public sealed class SampleSheetWithStatsTests : IDisposable
{
    private readonly TempLake _plain = new();
    private readonly TempLake _withStats = new();

    public void Dispose()
    {
        TestPaths.TryDelete(_plain.Root);
        TestPaths.TryDelete(_withStats.Root);
    }

    private static string Table(TempLake lake, string name) => $"read_parquet('{Path.Combine(lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private static void Ingest(TempLake lake, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", Path.Combine(TestPaths.TestDataRoot, "leukemia", "samplesheet.csv"), "--lake", lake.Path0, "--keep-sample-ids", .. extra], stdout, stderr);
        Assert.True(rc == 0, stderr.ToString());
    }

    private static List<string> Rows(string sql) => TempLake.Query(sql).Select(r => string.Join("|", r.Select(v => v is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object?>()) : v?.ToString()))).ToList();

    [Fact]
    public void Stats_do_not_hide_the_sheet_columns_of_samples_or_variants()
    {
        Ingest(_plain);
        Ingest(_withStats, "--stats", "--device", "cpu");

        const string samples = "select sample, source_file, patient, specimen, specimen_type, tpmt_phenotype, nudt15_phenotype from {0} order by all";
        const string variants = "select source_file, chrom, pos, gene, consequence, hotspot, hotspot_name from {0} order by all";
        var expectedSamples = Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, samples, Table(_plain, "samples")));
        Assert.Contains(expectedSamples, r => r.Contains("|P01|P01-DX|tumour|", StringComparison.Ordinal));
        Assert.Equal(expectedSamples, Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, samples, Table(_withStats, "samples"))));
        Assert.Equal(
            Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, variants, Table(_plain, "variants"))),
            Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, variants, Table(_withStats, "variants"))));
        Assert.True(Convert.ToInt64(TempLake.Query($"select count(*) from {Table(_withStats, "variant_stats")}")[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
