using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Conformance;

/// <summary>
/// For every VCF file of the bcftools test suite (testdata/conformance/bcftools-test) and of Debian's htslib-test
/// package (/usr/share/htslib-test/test, when installed), the engine's lake holds the records and non-reference
/// calls that <c>bcftools query</c> reads, or the engine rejects the file where bcftools does too (or where
/// testdata/conformance-exceptions.tsv says it is invalid). The C# twin of shared/checks/conformance.sh.
/// </summary>
public sealed class BcftoolsConformanceTests
{
    /// <summary>Where the htslib-test package puts htslib's test files.</summary>
    public const string HtslibTestDirectory = "/usr/share/htslib-test/test";

    private const string CorpusDirectory = "conformance/bcftools-test";

    private static readonly Lazy<ConformanceExceptions> Exceptions =
        new(() => ConformanceExceptions.Load(TestPaths.TestData("conformance-exceptions.tsv")));

    /// <summary>The corpus files, as paths relative to testdata/conformance/bcftools-test with '/' separators.</summary>
    public static TheoryData<string> BcftoolsTestFiles()
    {
        var root = TestPaths.TestData(CorpusDirectory);
        var data = new TheoryData<string>();
        foreach (var file in VcfFilesUnder(root, gzipped: false))
        {
            data.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'));
        }

        return data;
    }

    /// <summary>The htslib test files (*.vcf and *.vcf.gz, recursively), as absolute paths.</summary>
    public static TheoryData<string> HtslibTestFiles()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(HtslibTestDirectory))
        {
            foreach (var file in VcfFilesUnder(HtslibTestDirectory, gzipped: true))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_IsInTheTestOutput()
    {
        Assert.Equal(407, ((IEnumerable<object[]>)BcftoolsTestFiles()).Count());
        Assert.True(File.Exists(TestPaths.TestData($"{CorpusDirectory}/LICENSE")));
    }

    [RequiresToolTheory("bcftools")]
    [MemberData(nameof(BcftoolsTestFiles))]
    public void BcftoolsTestFile_LakeAgreesWithBcftools(string file)
    {
        var verdict = ConformanceCheck.Check(TestPaths.TestData($"{CorpusDirectory}/{file}"), Exceptions.Value, file);
        Assert.True(verdict.Agrees, verdict.Detail);
    }

    [RequiresToolTheory("bcftools", RequiredDirectory = HtslibTestDirectory)]
    [MemberData(nameof(HtslibTestFiles))]
    public void HtslibTestFile_LakeAgreesWithBcftools(string path)
    {
        var relative = Path.GetRelativePath(HtslibTestDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
        var verdict = ConformanceCheck.Check(path, Exceptions.Value, relative);
        Assert.True(verdict.Agrees, verdict.Detail);
    }

    private static IEnumerable<string> VcfFilesUnder(string root, bool gzipped) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".vcf", StringComparison.Ordinal) || (gzipped && f.EndsWith(".vcf.gz", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
}
