using System.Text.RegularExpressions;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>
/// The native build (publish profile <c>native</c>, Native AOT) as users run it: published once for these tests, then
/// run as a program. A native executable keeps only the code the compiler saw being used, and reflection or run-time
/// generic code that works when jitted can fail there, so these check that it writes the same lake as the jitted CLI,
/// reads it back, runs the main job, and says plainly that it has no GPU kernels.
/// </summary>
[Collection(NativeBuildCollection.Name)]
public sealed partial class NativeBuildTests : IClassFixture<NativeBuild>, IDisposable
{
    private readonly NativeBuild _build;

    // A scratch directory per test (xunit makes a new instance for each).
    private readonly string _dir = TestPaths.NewTempDir();

    public NativeBuildTests(NativeBuild build) => _build = build;

    public void Dispose() => TestPaths.TryDelete(_dir);

    // native/startup/populate-bss.c faults the executable's zero-filled data in before the runtime starts; the build
    // links it only through the Cli project's CompilePopulateBss target, so its marker string must be in the executable.
    [RequiresToolFact("clang")]
    public void Executable_LinksTheStartupObject_AndRuns()
    {
        Assert.True(File.ReadAllBytes(_build.Executable).AsSpan().IndexOf("harmony-populate-bss"u8) >= 0, "native/startup/populate-bss.c is not linked");
        var version = _build.Run(["--version"]);
        Assert.True(version.ExitCode == 0, version.StandardError);
    }

    [RequiresToolFact("clang")]
    public void Ingest_WritesTheSameLakeAsTheJittedCli()
    {
        var key = HarmonyCli.WriteKeyFile(_dir);

        IngestWithBoth([TestPaths.TestData("demo/cohort-germline.vcf.gz"), TestPaths.TestData("demo/somatic-tumour.vcf"), "--key-file", key, "--cohort", "c1"]);
    }

    [RequiresToolFact("clang", "bcftools")]
    public void IngestOfAnIndexedBcf_WithRegionsAndExcludedSample_WritesTheSameLakeAsTheJittedCli()
    {
        var bcf = BcfFixtures.MakeBcf(TestPaths.TestData("demo/cohort-germline.vcf.gz"), _dir, compressed: true)
            ?? throw new InvalidOperationException("bcftools could not convert the demo cohort to BCF");
        Assert.Equal(0, ProcessRunner.Run(BcftoolsOracle.Tool, ["index", bcf]).ExitCode);

        var nativeLake = IngestWithBoth([bcf, "--keep-sample-ids", "-r", "chr2,chr9:1-30000000", "-s", "^PATIENT_00001"]);

        var samples = LakeDump.DumpTable(nativeLake, "samples");
        Assert.DoesNotContain("PATIENT_00001", samples, StringComparison.Ordinal);
        Assert.Contains("PATIENT_00002", samples, StringComparison.Ordinal);
        Assert.Contains("chr9", LakeDump.DumpTable(nativeLake, "variants"), StringComparison.Ordinal);
    }

    [RequiresToolFact("clang")]
    public void Query_ReadsListsWithMissingElementsAsTheJittedCliDoes()
    {
        var lake = Path.Combine(_dir, "lake");
        var vcf = Path.Combine(_dir, "missing.vcf");
        File.WriteAllText(vcf, """
            ##fileformat=VCFv4.2
            ##contig=<ID=chr1,length=1000>
            ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
            #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S1	S2
            chr1	10	.	A	C,G	50	PASS	AF=0.5,.	GT:AD	0/1:3,.,1	./.:.
            chr1	20	.	T	A	.	.	.	GT:AD	1/1:0,7	0|1:2,2

            """);
        var ingest = HarmonyCli.Run(["ingest", vcf, "--lake", lake, "--keep-sample-ids", "--all-calls"]);
        Assert.True(ingest.ExitCode == 0, ingest.StandardError);
        const string Sql = "select v.pos, v.info_AF, c.sample, c.gt_alleles, c.ad from calls c join variants v using (variant_id) order by v.pos, c.sample";

        QueryWithBoth(lake, Sql, "table", "csv", "json");

        // The nulls inside the lists are there (the point of reading them as lists of nullable values).
        Assert.Contains("[3, NULL, 1]", _build.Run(["query", lake, Sql]).StandardOutput, StringComparison.Ordinal);

        // Lists of other value types come back as text in both builds (the native one had failed on missing metadata).
        const string Others = "select [pos::UBIGINT, null] as big, [DATE '2020-01-02', null] as day, [[pos, null]] as nested from variants order by pos";
        QueryWithBoth(lake, Others, "table", "json");

        Assert.Contains("[10, NULL] | [2020-01-02, NULL] | [[10, NULL]]", _build.Run(["query", lake, Others]).StandardOutput, StringComparison.Ordinal);

        // MAPs (histogram(), parquet_metadata), STRUCTs and lists of them: the native build had ended with an internal
        // error ("No parameterless constructor defined for type Dictionary`2"); both builds print DuckDB's text of them.
        const string Nested = "select histogram(chrom) as h, {'pos': pos, 'l': [pos, null]} as s, [map([pos], ['x'])] as lm from variants group by pos, chrom order by pos";
        QueryWithBoth(lake, Nested, "table", "json");
        Assert.Contains("{chr1=1} | {'pos': 10, 'l': [10, NULL]} | [{10=x}]", _build.Run(["query", lake, Nested]).StandardOutput, StringComparison.Ordinal);
    }

    [RequiresToolFact("clang")]
    public void Demo_FindsEveryPlantedFindingAndSubtype()
    {
        var demo = _build.Run(["demo", "--data", TestPaths.TestData("demo"), "--lake", Path.Combine(_dir, "demo-lake")]);

        Assert.True(demo.ExitCode == 0, demo.StandardError);
        var findings = FindingsLine().Match(demo.StandardOutput);
        Assert.True(findings.Success, demo.StandardOutput);
        Assert.Equal(findings.Groups[2].Value, findings.Groups[1].Value);
        Assert.NotEqual("0", findings.Groups[1].Value);
        var subtypes = SubtypesLine().Match(demo.StandardOutput);
        Assert.True(subtypes.Success, demo.StandardOutput);
        Assert.Equal(subtypes.Groups[2].Value, subtypes.Groups[1].Value);
    }

    [RequiresToolFact("clang")]
    public void DeviceCuda_SaysTheNativeBuildHasNoGpuKernels_AndAutoUsesTheCpu()
    {
        var lake = Path.Combine(_dir, "lake");
        var ingest = HarmonyCli.Run(["ingest", TestPaths.TestData("demo/cohort-germline.vcf.gz"), "--lake", lake, "--keep-sample-ids"]);
        Assert.True(ingest.ExitCode == 0, ingest.StandardError);

        var cuda = _build.Run(["qc", lake, "--device", "cuda"]);
        var auto = _build.Run(["qc", lake, "--device", "auto"]);

        Assert.NotEqual(0, cuda.ExitCode);
        Assert.Contains("native build", cuda.StandardError, StringComparison.Ordinal);
        Assert.Contains("PublishProfile=cluster", cuda.StandardError, StringComparison.Ordinal);
        Assert.True(auto.ExitCode == 0, auto.StandardError);
        Assert.Contains("on cpu-simd", auto.StandardOutput, StringComparison.Ordinal);
    }

    // Runs `query LAKE SQL --format F` with the native build and with the jitted CLI for each format, and asserts that the
    // native build succeeds and prints what the jitted CLI prints.
    private void QueryWithBoth(string lake, string sql, params string[] formats)
    {
        foreach (var format in formats)
        {
            var native = _build.Run(["query", lake, sql, "--format", format]);
            var jit = HarmonyCli.Run(["query", lake, sql, "--format", format]);

            Assert.True(native.ExitCode == 0, native.StandardError);
            Assert.Equal(jit.StandardOutput, native.StandardOutput);
        }
    }

    // Runs `ingest ARGS --lake L` with the native build and with the jitted CLI, each into a lake of its own, asserts
    // that both succeed and that their tables hold the same rows, and returns the native build's lake.
    private string IngestWithBoth(string[] args)
    {
        var nativeLake = Path.Combine(_dir, "native");
        var jitLake = Path.Combine(_dir, "jit");

        var native = _build.Run(["ingest", .. args, "--lake", nativeLake]);
        var jit = HarmonyCli.Run(["ingest", .. args, "--lake", jitLake]);

        Assert.True(native.ExitCode == 0, native.StandardError);
        Assert.True(jit.ExitCode == 0, jit.StandardError);
        foreach (var table in new[] { "variants", "calls", "samples" })
        {
            Assert.Equal(LakeDump.DumpTable(jitLake, table), LakeDump.DumpTable(nativeLake, table));
        }

        return nativeLake;
    }

    [GeneratedRegex(@"(\d+) of (\d+) planted findings found")]
    private static partial Regex FindingsLine();

    [GeneratedRegex(@"(\d+) of (\d+) patients with a planted subtype classified as expected")]
    private static partial Regex SubtypesLine();
}

/// <summary>
/// Publishes the native build once, on first use, into a scratch directory (with its own build outputs, so that the
/// checkout's are left alone), and runs it.
/// </summary>
public sealed class NativeBuild : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();
    private readonly Lazy<string> _executable;

    public NativeBuild() => _executable = new Lazy<string>(Publish);

    /// <summary>The published executable (published on first use).</summary>
    public string Executable => _executable.Value;

    /// <summary>Runs the native <c>harmony</c> with <paramref name="args"/>.</summary>
    public ProcessResult Run(IEnumerable<string> args) => ProcessRunner.Run(_executable.Value, args, TimeSpan.FromMinutes(3));

    private string Publish()
    {
        var root = TestPaths.RepoRoot ?? throw new InvalidOperationException("the native build tests need the checkout (Harmony.Genomics.sln above the test assembly)");
        var output = Path.Combine(_dir, "publish");
        var publish = ProcessRunner.Run(
            "dotnet",
            [
                "publish", Path.Combine(root, "src", "Harmony.Genomics.Cli"), "-c", "Release", "-p:PublishProfile=native",
                "--artifacts-path", Path.Combine(_dir, "artifacts"), "-o", output, "-nologo", "-nodeReuse:false",
                "-p:UseSharedCompilation=false",
            ],
            TimeSpan.FromMinutes(15));
        var executable = Path.Combine(output, "harmony");
        if (publish.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"dotnet publish -p:PublishProfile=native failed ({publish.ExitCode}):\n{publish.StandardOutput}\n{publish.StandardError}");
        }

        return executable;
    }

    public void Dispose() => TestPaths.TryDelete(_dir);
}

/// <summary>
/// The native build tests run alone: publishing keeps both CPUs busy for about a minute, and tests that time a signal
/// or a lock wait, running beside it, were starved (a lock released by a pool task 300 ms later was still held 30 s on).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeBuildCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native build";
}
