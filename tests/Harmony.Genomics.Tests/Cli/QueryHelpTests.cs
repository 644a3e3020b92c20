using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

public sealed class QueryHelpTests
{
    [Fact]
    public void Query_help_says_every_table_is_registered_and_when_rejected_exists()
    {
        // 'harmony query' registers every table folder of the lake; the help listed only four, one of which
        // ('rejected') exists only after a --lenient run rejected a record.
        var result = HarmonyCli.Run("query", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rejected (once --lenient rejected a record)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("abnormalities, classifications, variant_stats", result.StandardOutput, StringComparison.Ordinal);
    }
}
