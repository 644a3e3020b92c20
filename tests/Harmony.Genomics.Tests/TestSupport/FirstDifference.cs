namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Names the first line (or row) where two outputs part, for a failure message.</summary>
internal static class FirstDifference
{
    /// <summary>"line N: A 'x' vs B 'y'" for the first differing line of two texts (1-based), or "same".</summary>
    public static string Of(string expected, string actual, string expectedLabel, string actualLabel) =>
        Of(expected.Split('\n'), actual.Split('\n'), expectedLabel, actualLabel, "line");

    /// <summary>"ROW N: A 'x' vs B 'y'" for the first differing element (1-based), or "same".</summary>
    public static string Of(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string expectedLabel, string actualLabel, string row = "row")
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var x = i < expected.Count ? expected[i] : "<none>";
            var y = i < actual.Count ? actual[i] : "<none>";
            if (x != y)
            {
                return $"{row} {i + 1}: {expectedLabel} '{x}' vs {actualLabel} '{y}'";
            }
        }

        return "same";
    }
}
