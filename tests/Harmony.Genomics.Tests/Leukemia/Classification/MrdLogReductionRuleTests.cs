using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

public sealed class MrdLogReductionRuleTests
{
    private static List<ClassificationRow> Rows(Dictionary<string, string> clinical) => MrdLogReductionRule.Classify("P1", clinical).ToList();

    /// <summary>Days and weeks are whole numbers in digits; 'day1e1' and 'dayinfinity' were accepted as time points (found by a QA pass).</summary>
    [Theory]
    [InlineData("day15", 15.0)]
    [InlineData("week12", 84.0)]
    [InlineData("eoi", 33.0)]
    [InlineData("day1e1", null)]
    [InlineData("dayinfinity", null)]
    [InlineData("day-5", null)]
    [InlineData("week1.5", null)]
    public void TimePointsAreWholeDaysOrWeeks(string point, double? order) =>
        Assert.Equal(order, MrdLogReductionRule.Order(point));

    [Fact]
    public void ConsecutivePairsInTimeOrder()
    {
        var rows = Rows(new() { ["mrd_week12"] = "0.0001", ["mrd_day15"] = "0.05", ["mrd_eoi"] = "0.001", ["age_years"] = "5" });
        Assert.Equal(["day15->eoi", "eoi->week12"], rows.Select(r => r.Label));
        Assert.Equal(Math.Log10(50), rows[0].Value!.Value, 4);
        Assert.Equal(1, rows[1].Value!.Value, 4);
        Assert.All(rows, r => Assert.Null(r.Specimen));
        Assert.All(rows, r => Assert.Equal(MrdLogReductionRule.Scheme, r.Scheme));
    }

    [Fact]
    public void CensoredLaterValueIsLowerBound()
    {
        var row = Assert.Single(Rows(new() { ["mrd_day15"] = "0.01", ["mrd_eoi"] = "<0.0001" }));
        Assert.True(row.Assessable);
        Assert.Equal(2, row.Value!.Value, 4);
        Assert.Contains("lower bound", row.Evidence);
        Assert.Contains("censored", row.Evidence);
    }

    [Fact]
    public void CensoredEarlierValueIsUpperBoundAndBothCensoredNotAssessable()
    {
        Assert.Contains("upper bound", Assert.Single(Rows(new() { ["mrd_day15"] = "<0.001", ["mrd_eoi"] = "0.0001" })).Evidence);
        var both = Assert.Single(Rows(new() { ["mrd_day15"] = "<0.001", ["mrd_eoi"] = "<0.0001" }));
        Assert.False(both.Assessable);
        Assert.Null(both.Value);
    }

    [Fact]
    public void NegativeUsesLodNeverZero()
    {
        var withLod = Assert.Single(Rows(new() { ["mrd_day15"] = "0.1", ["mrd_eoi"] = "negative", ["mrd_lod"] = "0.00001" }));
        Assert.Equal(4, withLod.Value!.Value, 4);
        var zero = Assert.Single(Rows(new() { ["mrd_day15"] = "0.1", ["mrd_eoi"] = "0" }));
        Assert.False(zero.Assessable);
        Assert.Contains("never treated as zero", zero.Evidence);
        Assert.False(Assert.Single(Rows(new() { ["mrd_day15"] = "5", ["mrd_eoi"] = "0.1" })).Assessable);
    }

    [Theory]
    [InlineData("mrd_day33", "mrd_eoi", "day33->eoi")]
    [InlineData("mrd_day0", "mrd_dx", "day0->dx")]
    public void TwoNamesOfOneTimePointGiveNoReduction(string first, string second, string label)
    {
        // Both orders of the values: before, the pair was assessable with +1 or -1 depending only on which was which.
        foreach (var (x, y) in new[] { ("0.001", "0.01"), ("0.01", "0.001") })
        {
            var row = Assert.Single(Rows(new() { [first] = x, [second] = y }));
            Assert.Equal(label, row.Label);
            Assert.False(row.Assessable);
            Assert.Null(row.Value);
            Assert.Contains("same time point", row.Evidence, StringComparison.Ordinal);
        }

        // A later time point still pairs with the last of them.
        var rows = Rows(new() { ["mrd_day15"] = "0.1", ["mrd_day33"] = "0.001", ["mrd_eoi"] = "0.001", ["mrd_week12"] = "0.0001" });
        Assert.Equal(["day15->day33", "day33->eoi", "eoi->week12"], rows.Select(r => r.Label));
        Assert.Equal([true, false, true], rows.Select(r => r.Assessable));
    }

    [Fact]
    public void SinglePointGivesNoRow() => Assert.Empty(Rows(new() { ["mrd_eoi"] = "0.001" }));
}
