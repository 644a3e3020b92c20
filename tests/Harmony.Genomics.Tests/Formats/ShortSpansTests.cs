using Harmony.Genomics.Formats;

namespace Harmony.Genomics.Tests.Formats;

public sealed class ShortSpansTests
{
    [Fact]
    public void Bytes_CopiesEveryLength_AndLeavesTheRestOfTheTargetAlone()
    {
        // Lengths 0 to 40 cover every size class of the overlapping-word copy (1, 2-3, 4-7, 8-16) and the fallback past 16.
        var random = new Random(5);
        for (var length = 0; length <= 40; length++)
        {
            var source = new byte[length + 7];
            random.NextBytes(source);
            var offset = random.Next(8);
            var from = source.AsSpan(offset % (source.Length - length + 1), length);
            var target = Enumerable.Repeat((byte)0xAB, length + 9).ToArray();
            ShortSpans.CopyBytes(from, target);
            Assert.Equal(from.ToArray(), target.AsSpan(0, length).ToArray());
            Assert.All(target.Skip(length), b => Assert.Equal(0xAB, b));
        }
    }

    [Fact]
    public void Ints_CopiesEveryLength_AndLeavesTheRestOfTheTargetAlone()
    {
        for (var length = 0; length <= 12; length++)
        {
            var source = Enumerable.Range(100, length).ToArray();
            var target = Enumerable.Repeat(-1, length + 3).ToArray();
            ShortSpans.CopyInts(source, target);
            Assert.Equal(source, target.Take(length));
            Assert.All(target.Skip(length), v => Assert.Equal(-1, v));
        }
    }

    [Fact]
    public void EqualBytes_AgreesWithSequenceEqual_AtEveryLengthAndDifferingByte()
    {
        var random = new Random(9);
        for (var length = 0; length <= 40; length++)
        {
            var left = new byte[length];
            random.NextBytes(left);
            Assert.True(ShortSpans.EqualBytes(left, left.ToArray()));
            Assert.False(ShortSpans.EqualBytes(left, left.Append((byte)1).ToArray()));
            for (var at = 0; at < length; at++)
            {
                var right = left.ToArray();
                right[at] ^= (byte)(1 << random.Next(8));
                Assert.False(ShortSpans.EqualBytes(left, right));
            }
        }
    }
}
