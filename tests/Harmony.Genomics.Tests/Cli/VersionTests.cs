using System.Text.RegularExpressions;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

public sealed partial class VersionTests
{
    [Fact]
    public void Version_InProcess_PrintsOneCleanLine()
    {
        var result = HarmonyCli.Run("--version");

        Assert.Equal(0, result.ExitCode);
        AssertOneVersionLine(result.StandardOutput);
        Assert.Equal(string.Empty, result.StandardError);
    }

    [Fact]
    public void Version_ChildProcess_PrintsOneCleanLine()
    {
        var result = HarmonyCli.RunChild(["--version"]);

        Assert.Equal(0, result.ExitCode);
        AssertOneVersionLine(result.StandardOutput);
        Assert.Equal(string.Empty, result.StandardError);
    }

    private static void AssertOneVersionLine(string output)
    {
        Assert.DoesNotContain('+', output);
        var lines = BcftoolsOracle.SplitLines(output);
        var line = Assert.Single(lines);
        Assert.Matches(VersionLine(), line);
        Assert.Equal(line + Environment.NewLine, output);
    }

    [GeneratedRegex(@"^harmony [0-9]+\.[0-9]+\.[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();
}
