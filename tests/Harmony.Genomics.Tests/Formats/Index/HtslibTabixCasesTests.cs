using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Index;

/// <summary>
/// htslib's own tabix cases (Debian htslib-test, <c>test/tabix/tabix.tst</c>): the files compressed with bgzip and indexed
/// with tabix as that script does, queried with <c>-r</c> by ingest, give the records of htslib's expected output, also
/// from the same file as a BCF with a CSI index. <c>large_chr.vcf</c> holds positions up to 2^31 - 1, which only a CSI
/// index can address.
/// </summary>
public sealed class HtslibTabixCasesTests
{
    private const string Dir = "/usr/share/htslib-test/test/tabix";

    [RequiresToolTheory("bgzip", "tabix", "bcftools", RequiredDirectory = Dir)]
    [InlineData("vcf_file.vcf", false, "1:3000151-3000151", "vcf_file.1.3000151.out")]
    [InlineData("vcf_file.vcf", true, "1:3000151-3000151", "vcf_file.1.3000151.out")]
    [InlineData("vcf_file.vcf", false, "2:3199812-3199812", "vcf_file.2.3199812.out")]
    [InlineData("vcf_file.vcf", true, "2:3199812-3199812", "vcf_file.2.3199812.out")]
    [InlineData("large_chr.vcf", true, "chr20:1-2147483647", "large_chr.20.1.2147483647.out")]
    public void Regions_GiveHtslibsExpectedRecords(string vcf, bool csi, string region, string expectedFile)
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            // tabix.tst: bgzip -c FILE > FILE.gz; tabix -f [-C] -p vcf FILE.gz.
            var gz = Path.Combine(dir, vcf + ".gz");
            var bgzip = ProcessRunner.Run("bash", ["-c", $"bgzip -c '{Path.Combine(Dir, vcf)}' > '{gz}'"]);
            Assert.True(bgzip.ExitCode == 0, bgzip.StandardError);
            var tabix = ProcessRunner.Run("tabix", csi ? ["-f", "-C", "-p", "vcf", gz] : ["-f", "-p", "vcf", gz]);
            Assert.True(tabix.ExitCode == 0, tabix.StandardError);
            var bcf = Path.Combine(dir, vcf + ".bcf");
            Assert.Equal(0, ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "--no-version", "-Ob", "-o", bcf, gz]).ExitCode);
            Assert.Equal(0, ProcessRunner.Run(BcftoolsOracle.Tool, ["index", bcf]).ExitCode);

            // CHROM, POS, REF, ALT of htslib's expected lines, as the lake gives them.
            var expected = File.ReadAllLines(Path.Combine(Dir, expectedFile)).Where(l => l.Length > 0)
                .Select(l => l.Split('\t')).Select(c => string.Join('\t', c[0], c[1], c[3], c[4])).ToList();
            Assert.NotEmpty(expected);
            foreach (var file in new[] { gz, bcf })
            {
                var lake = Path.Combine(dir, $"lake-{Guid.NewGuid():N}");
                var rc = BcfLakeTests.Ingest(file, lake, out var error, "-r", region);
                Assert.True(rc == 0, error);
                Assert.Equal(expected, LakeReader.ReadSites(lake));
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
