using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Bcf;

/// <summary>BCF files for the tests: htslib's, and BCFs that bcftools makes from the conformance VCFs.</summary>
internal static class BcfFixtures
{
    public const string HtslibTestDirectory = "/usr/share/htslib-test/test";

    /// <summary>Every .bcf under htslib's test directory (none when the package is absent).</summary>
    public static IReadOnlyList<string> HtslibBcfs() =>
        Directory.Exists(HtslibTestDirectory)
            ? Directory.EnumerateFiles(HtslibTestDirectory, "*.bcf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The conformance VCFs (testdata/conformance/bcftools-test).</summary>
    public static IReadOnlyList<string> ConformanceVcfs() =>
        Directory.EnumerateFiles(TestPaths.TestData("conformance/bcftools-test"), "*.vcf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>Converts <paramref name="vcf"/> with <c>bcftools view -Ob</c> (or <c>-Ou</c>); null when bcftools refuses it.</summary>
    public static string? MakeBcf(string vcf, string dir, bool compressed)
    {
        var output = Path.Combine(dir, Path.GetFileNameWithoutExtension(vcf) + (compressed ? ".bcf" : ".u.bcf"));
        var result = ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "--no-version", compressed ? "-Ob" : "-Ou", "-o", output, vcf]);
        return result.ExitCode == 0 && string.IsNullOrWhiteSpace(Errors(result.StandardError)) ? output : null;
    }

    /// <summary>What <c>bcftools view</c> prints for <paramref name="file"/>, or null when it fails.</summary>
    public static string? BcftoolsView(string file, params string[] options)
    {
        var result = ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "--no-version", .. options, file]);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    /// <summary>The error lines of bcftools' stderr (warnings are fine: bcftools repaired something).</summary>
    private static string Errors(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(l => l.Contains("[E::", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)));
}
