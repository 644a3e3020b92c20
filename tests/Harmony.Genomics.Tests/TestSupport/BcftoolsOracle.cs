using System.Text.RegularExpressions;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Asks <c>bcftools query</c> what a VCF file holds, exactly as <c>shared/checks/conformance.sh</c> does:
/// <c>-f '%CHROM\t%POS\t%REF\t%ALT\n'</c> for the records, then <c>-f '&gt;\n[%SAMPLE\t%GT\n]'</c> for the calls,
/// keeping the calls whose GT is not homozygous reference (<c>^0([/|]0)*$</c>).
/// </summary>
public static partial class BcftoolsOracle
{
    /// <summary>The bcftools executable (looked up on PATH).</summary>
    public const string Tool = "bcftools";

    /// <summary>Runs bcftools on <paramref name="vcfPath"/> and returns what it reads.</summary>
    public static BcftoolsExpectation Query(string vcfPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vcfPath);
        var sites = ProcessRunner.Run(Tool, ["query", "-f", "%CHROM\t%POS\t%REF\t%ALT\n", vcfPath]);
        if (sites.ExitCode != 0)
        {
            return new BcftoolsExpectation(sites.ExitCode, sites.StandardError, SplitLines(sites.StandardOutput), null);
        }

        // A file whose header declares no FORMAT/GT has no genotypes for bcftools: its calls are not compared.
        var raw = ProcessRunner.Run(Tool, ["query", "-f", ">\n[%SAMPLE\t%GT\n]", vcfPath]);
        var calls = raw.ExitCode == 0 ? NonReferenceCalls(raw.StandardOutput) : null;
        return new BcftoolsExpectation(0, sites.StandardError, SplitLines(sites.StandardOutput), calls);
    }

    /// <summary>
    /// Turns the output of <c>bcftools query -f '&gt;\n[%SAMPLE\t%GT\n]'</c> into "record-index TAB sample TAB gt" lines
    /// for every call that is not homozygous reference, sorted ordinally (the awk and <c>LC_ALL=C sort</c> of conformance.sh).
    /// </summary>
    public static IReadOnlyList<string> NonReferenceCalls(string rawQueryOutput)
    {
        ArgumentNullException.ThrowIfNull(rawQueryOutput);
        var calls = new List<string>();
        var record = 0;
        foreach (var line in SplitLines(rawQueryOutput))
        {
            if (line == ">")
            {
                record++;
                continue;
            }

            var fields = line.Split('\t');
            var sample = fields[0];
            var gt = fields.Length > 1 ? fields[1] : string.Empty;
            if (!HomRef().IsMatch(gt))
            {
                calls.Add($"{record - 1}\t{sample}\t{gt}");
            }
        }

        calls.Sort(StringComparer.Ordinal);
        return calls;
    }

    /// <summary>Splits text into lines at '\n'; a final '\n' does not start another (empty) line.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    [GeneratedRegex(@"^0([/|]0)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HomRef();
}
