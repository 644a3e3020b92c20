using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Tests.Lake.Parquet;

public sealed class DeltaBinaryPackedEncoderTests
{
    // Every length around the vector width, with deltas that overflow 64 bits and 32 bits, against the definition:
    // values[i + 1] - values[i], wrapping at 32 bits for an INT32 column.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deltas_AreTheDifferencesOfNeighbours_AndTheirMinimum_AtEveryLength(bool int32)
    {
        var random = new Random(int32 ? 32 : 64);
        for (var length = 0; length <= 40; length++)
        {
            var values = Enumerable.Range(0, length + 1).Select(_ => random.Next(4) switch
            {
                0 => random.NextInt64(long.MinValue, long.MaxValue),
                1 => (long)random.Next(int.MinValue, int.MaxValue),
                2 => random.Next(-3, 3),
                _ => random.Next(0, 1000),
            }).ToArray();
            if (length > 3)
            {
                (values[1], values[2]) = (int32 ? int.MinValue : long.MinValue, int32 ? int.MaxValue : long.MaxValue);
            }

            var deltas = Enumerable.Repeat(-7L, length + 2).ToArray();
            var min = DeltaBinaryPackedEncoder.Deltas(values, deltas.AsSpan(0, length), int32);

            var expected = Enumerable.Range(0, length)
                .Select(i => int32 ? unchecked((int)values[i + 1] - (int)values[i]) : unchecked(values[i + 1] - values[i]))
                .ToArray();
            Assert.Equal(expected, deltas.Take(length));
            Assert.Equal([-7L, -7L], deltas.Skip(length));
            Assert.Equal(length == 0 ? long.MaxValue : expected.Min(), min);
        }
    }

    [Fact]
    public void AboveMinimum_IsEachDeltaLessTheMinimumAsUnsigned_AndTheirOr_AtEveryLength()
    {
        var random = new Random(5);
        for (var length = 0; length <= 40; length++)
        {
            var deltas = Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-50, 50)).ToArray();
            var min = length == 0 ? 0 : deltas.Min();
            var adjusted = Enumerable.Repeat(7UL, length + 2).ToArray();
            var any = DeltaBinaryPackedEncoder.AboveMinimum(deltas, min, adjusted);

            var expected = deltas.Select(d => unchecked((ulong)(d - min))).ToArray();
            Assert.Equal(expected, adjusted.Take(length));
            Assert.Equal([7UL, 7UL], adjusted.Skip(length));
            Assert.Equal(expected.Aggregate(0UL, (a, v) => a | v), any);
        }
    }

    [Fact]
    public void Deltas_OfTooFewValues_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaBinaryPackedEncoder.Deltas(new long[4], new long[4], int32: false));
}
