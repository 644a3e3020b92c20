using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Tests.Lake.Parquet;

public sealed class ExtremesTests
{
    [Fact]
    public void Of_RandomValues_AreLinqsMinAndMax_AtEveryLengthAroundTheVectorWidth()
    {
        var random = new Random(5);
        for (var length = 1; length <= 70; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                // Full-range values, and small ones whose extremes repeat; the extreme may sit in any lane or the tail.
                var values = Enumerable.Range(0, length)
                    .Select(_ => trial % 2 == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-3, 4))
                    .ToArray();
                Assert.Equal((values.Min(), values.Max()), Extremes.Of(values));
            }
        }
    }

    [Fact]
    public void Of_TheTypesExtremes_AndNothing()
    {
        Assert.Equal((long.MinValue, long.MaxValue), Extremes.Of([0, long.MaxValue, 1, 2, 3, long.MinValue, 4]));
        Assert.Equal((long.MaxValue, long.MinValue), Extremes.Of([]));
    }
}
