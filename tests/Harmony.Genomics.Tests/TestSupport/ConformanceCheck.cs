using System.Text;
using Harmony.Genomics.Cli;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// The decision of <c>shared/checks/conformance.sh</c> for one VCF file, in C#: bcftools is the oracle, the engine
/// ingests the file into a fresh lake, and DuckDB reads the lake back.
/// </summary>
public static class ConformanceCheck
{
    /// <summary>Ingests a VCF file into a lake directory and returns the engine's exit code and output.</summary>
    /// <param name="vcfPath">The file to ingest.</param>
    /// <param name="lakeDir">The lake to write (it does not exist yet).</param>
    public delegate ProcessResult Ingest(string vcfPath, string lakeDir);

    /// <summary>
    /// Runs the engine in-process: <c>harmony ingest FILE --lake DIR --keep-sample-ids</c> through
    /// <see cref="Program.Run(string[], TextWriter, TextWriter)"/>. An exception escaping the CLI is reported as exit code
    /// -1 with the exception in stderr.
    /// </summary>
    public static ProcessResult InProcessEngine(string vcfPath, string lakeDir) =>
        HarmonyCli.RunReportingCrash("ingest", vcfPath, "--lake", lakeDir, "--keep-sample-ids");

    /// <summary>Checks one file with the in-process engine.</summary>
    public static ConformanceVerdict Check(string vcfPath, ConformanceExceptions exceptions, string? relativePath = null) =>
        Check(vcfPath, exceptions, InProcessEngine, relativePath);

    /// <summary>
    /// Checks one file: both reject -> agrees; bcftools rejects but the engine accepts -> differs; the engine rejects and
    /// the file is in <paramref name="exceptions"/> -> agrees; the engine rejects otherwise -> differs (with its stderr);
    /// an unhandled exception in the engine -> differs; records differ -> differs; calls differ (when bcftools reports
    /// calls) -> differs.
    /// </summary>
    public static ConformanceVerdict Check(string vcfPath, ConformanceExceptions exceptions, Ingest ingest, string? relativePath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vcfPath);
        ArgumentNullException.ThrowIfNull(exceptions);
        ArgumentNullException.ThrowIfNull(ingest);
        var name = Path.GetFileName(vcfPath);
        var expected = BcftoolsOracle.Query(vcfPath);
        var work = TestPaths.NewTempDir();
        try
        {
            var lake = Path.Combine(work, "lake");
            var engine = ingest(vcfPath, lake);
            if (engine.ExitCode == -1 && engine.StandardError.Contains("unhandled exception:", StringComparison.Ordinal))
            {
                return new(false, $"the engine crashed on {name}: {Tail(engine.StandardError, 2000)}");
            }

            if (!expected.Accepted && engine.ExitCode != 0)
            {
                return new(true, "rejected by both");
            }

            if (!expected.Accepted)
            {
                return new(false, $"bcftools rejects {name} ({Head(expected.Error, 300)}) but the engine accepted it");
            }

            if (engine.ExitCode != 0)
            {
                return exceptions.Contains(name, relativePath)
                    ? new(true, "rejected on purpose (listed in the exceptions)")
                    : new(false, $"the engine rejects {name} (exit {engine.ExitCode}: {Tail(engine.StandardError, 1000)}) but bcftools reads it");
            }

            IReadOnlyList<string> gotSites, gotCalls;
            try
            {
                gotSites = LakeReader.ReadSites(lake);
                gotCalls = LakeReader.ReadCalls(lake);
            }
#pragma warning disable CA1031 // Any failure to read the lake is a finding about the engine's output.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new(false, $"the lake of {name} could not be read: {Head(e.Message, 500)}");
            }

            var sites = Differences(expected.Sites, gotSites);
            if (sites is not null)
            {
                return new(false, $"records of {name} differ (bcftools vs lake):\n{sites}");
            }

            if (expected.Calls is not null)
            {
                var calls = Differences(expected.Calls, gotCalls);
                if (calls is not null)
                {
                    return new(false, $"calls of {name} differ (bcftools vs lake; record-index, sample, GT):\n{calls}");
                }
            }

            return new(true, expected.Calls is null ? "records agree (no genotypes to compare)" : "records and calls agree");
        }
        finally
        {
            TestPaths.TryDelete(work);
        }
    }

    /// <summary>
    /// Null when the two line lists are equal; otherwise the line counts and the first few differing lines
    /// ("line N: expected … / got …").
    /// </summary>
    public static string? Differences(IReadOnlyList<string> expected, IReadOnlyList<string> got, int show = 5)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(got);
        if (expected.SequenceEqual(got, StringComparer.Ordinal))
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append($"  {expected.Count} lines expected, {got.Count} in the lake\n");
        var shown = 0;
        for (var i = 0; i < Math.Max(expected.Count, got.Count) && shown < show; i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var g = i < got.Count ? got[i] : null;
            if (!string.Equals(e, g, StringComparison.Ordinal))
            {
                text.Append($"  line {i + 1}: expected {Show(e)}\n  line {i + 1}: got      {Show(g)}\n");
                shown++;
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Show(string? line) => line is null ? "(none)" : $"'{Head(line, 200)}'";

    private static string Head(string text, int max) =>
        (text.Length <= max ? text : text[..max] + "…").Replace('\n', ' ').Trim();

    private static string Tail(string text, int max) =>
        (text.Length <= max ? text : "…" + text[^max..]).Trim();
}
