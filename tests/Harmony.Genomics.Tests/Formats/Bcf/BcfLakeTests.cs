using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Bcf;

/// <summary>The lake from a BCF equals the lake from the VCF it was made from (records, calls and samples, read back with DuckDB).</summary>
public sealed class BcfLakeTests
{
    [RequiresToolFact("bcftools")]
    public void ConformanceVcfs_BcfAndVcfGiveTheSameLake()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var failures = new List<string>();
            var compared = 0;
            var i = 0;
            // Every fourth file keeps the suite fast (the rendering test covers every file against bcftools view);
            // compressed (-Ob) and uncompressed (-Ou) BCF alternate.
            foreach (var vcf in BcfFixtures.ConformanceVcfs().Where((_, n) => n % 4 == 0))
            {
                var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: i++ % 2 == 0);
                if (bcf is null)
                {
                    continue;
                }

                var vcfLake = Path.Combine(dir, $"v{i}");
                var bcfLake = Path.Combine(dir, $"b{i}");
                if (Ingest(vcf, vcfLake, out _) != 0)
                {
                    // The engine rejects this VCF on purpose (conformance exceptions); bcftools may have repaired it in the BCF.
                    continue;
                }

                compared++;
                if (Ingest(bcf, bcfLake, out var error) != 0)
                {
                    failures.Add($"{Path.GetFileName(vcf)}: the BCF was rejected: {error}");
                    continue;
                }

                var difference = Compare(vcfLake, bcfLake);
                if (difference is not null)
                {
                    failures.Add($"{Path.GetFileName(vcf)}: {difference}");
                }
            }

            Assert.True(compared > 50, $"only {compared} files were compared");
            Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n{string.Join('\n', failures.Take(20))}");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void HtslibBcfs_AgreeWithBcftoolsQuery()
    {
        foreach (var bcf in BcfFixtures.HtslibBcfs())
        {
            var dir = TestPaths.NewTempDir();
            try
            {
                var lake = Path.Combine(dir, "lake");
                var rc = Ingest(bcf, lake, out var error);
                var twin = Path.ChangeExtension(bcf, ".vcf");
                if (File.Exists(twin))
                {
                    // The BCF is read as its VCF text, so a VCF the engine rejects on purpose is rejected at the same line
                    // and column for the same reason; the byte offset is the record's in the decompressed BCF.
                    var twinRc = Ingest(twin, Path.Combine(dir, "twin"), out var twinError);
                    Assert.Equal(twinRc, rc);
                    if (rc != 0)
                    {
                        Assert.Equal(WithoutByteOffset(twinError.Replace(twin, "F", StringComparison.Ordinal)), WithoutByteOffset(error.Replace(bcf, "F", StringComparison.Ordinal)));
                        continue;
                    }
                }

                Assert.True(rc == 0, error);
                var expected = BcftoolsOracle.Query(bcf);
                Assert.Equal(expected.Sites, LakeReader.ReadSites(lake));
                if (expected.Calls is not null)
                {
                    Assert.Equal(expected.Calls, LakeReader.ReadCalls(lake));
                }
            }
            finally
            {
                TestPaths.TryDelete(dir);
            }
        }
    }

    internal static int Ingest(string file, string lake, out string error, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", file, "--lake", lake, "--keep-sample-ids", "--threads", "1", .. extra], stdout, stderr);
        error = stderr.ToString();
        return rc;
    }

    private static string WithoutByteOffset(string error) =>
        System.Text.RegularExpressions.Regex.Replace(error, @", byte [0-9]+,", ", byte N,");

    private static string? Compare(string vcfLake, string bcfLake)
    {
        var sites = (LakeReader.ReadSites(vcfLake), LakeReader.ReadSites(bcfLake));
        if (!sites.Item1.SequenceEqual(sites.Item2))
        {
            return $"sites differ: {FirstDifference.Of(sites.Item1, sites.Item2, "VCF", "BCF")}";
        }

        var calls = (LakeReader.ReadCalls(vcfLake), LakeReader.ReadCalls(bcfLake));
        if (!calls.Item1.SequenceEqual(calls.Item2))
        {
            return $"calls differ: {FirstDifference.Of(calls.Item1, calls.Item2, "VCF", "BCF")}";
        }

        var (vs, bs) = (Samples(vcfLake), Samples(bcfLake));
        return vs.SequenceEqual(bs) ? null : $"samples differ: {FirstDifference.Of(vs, bs, "VCF", "BCF")}";
    }

    private static List<string> Samples(string lake) =>
        Directory.Exists(Path.Combine(lake, "samples"))
            ? LakeReader.Query($"select sample, sample_index from read_parquet({LakeReader.Literal($"{lake}/samples/**/*.parquet")}) order by sample_index")
            : [];
}
