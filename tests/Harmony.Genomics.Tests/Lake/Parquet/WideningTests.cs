using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Tests.Lake.Parquet;

public sealed class WideningTests
{
    [Fact]
    public void ToInt64_IsEachValueSignExtended_AtEveryLengthAroundTheVectorWidth_LeavingTheRestOfTheTarget()
    {
        var random = new Random(8);
        for (var length = 0; length <= 40; length++)
        {
            var source = Enumerable.Range(0, length).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
            if (length > 2)
            {
                (source[0], source[^1]) = (int.MinValue, int.MaxValue);
            }

            var target = Enumerable.Repeat(-7L, length + 3).ToArray();
            Widening.ToInt64(source, target);
            Assert.Equal(source.Select(v => (long)v), target.Take(length));
            Assert.Equal([-7L, -7L, -7L], target.Skip(length));
        }
    }

    [Fact]
    public void ToInt64_IntoAShorterTarget_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Widening.ToInt64(new int[5], new long[4]));
}
