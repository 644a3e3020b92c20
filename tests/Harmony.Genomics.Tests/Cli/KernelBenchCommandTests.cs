using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>The hidden kernel-bench at toy sizes: every row's own check against the scalar reference passes (timings are not checked).</summary>
public sealed class KernelBenchCommandTests
{
    [Fact]
    public void EveryBenchmarkedBackendEqualsItsScalarReference()
    {
        var result = HarmonyCli.Run("kernel-bench", "--variants", "130", "--samples", "70", "--fp-samples", "20", "--snps", "300", "--decode-batch", "40", "--repeat", "1");

        Assert.Equal(0, result.ExitCode);
        var rows = BcftoolsOracle.SplitLines(result.StandardOutput).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| kernel", StringComparison.Ordinal)).ToList();
        foreach (var kernel in new[] { "cohort stats", "fingerprint pairs", "genotype decoding" })
        {
            Assert.Contains(rows, r => r.StartsWith($"| {kernel} |", StringComparison.Ordinal) && r.EndsWith("| yes |", StringComparison.Ordinal));
        }

        Assert.All(rows, r => Assert.DoesNotContain("| NO |", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("vcf-decoder", StringComparison.Ordinal) && r.EndsWith("| n/a |", StringComparison.Ordinal));
    }
}
