using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class ValidityBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomAppends_GiveTheBitsAndFalseCountOfAListOfBools(int seed)
    {
        // Single bits, runs of true and false, words of up to 56 bits, and ranges of other buffers at every alignment
        // (lengths 0 to 300, so ranges of more than one 56-bit piece), checked after each build. One source fills its
        // array to the last byte (2,048 bits, the initial 256 bytes), so ranges at its end read past no array.
        var random = new Random(seed);
        var sources = Enumerable.Range(0, 4).Select(_ => RandomBuffer(random, 1 + random.Next(400))).Append(RandomBuffer(random, 2048)).ToList();
        var buffer = new ValidityBuffer();
        for (var round = 0; round < 30; round++)
        {
            var expected = new List<bool>();
            for (var step = 0; step < 40; step++)
            {
                switch (random.Next(5))
                {
                    case 4:
                        var width = random.Next(57);
                        var word = width == 0 ? 0 : (ulong)random.NextInt64() & (ulong.MaxValue >> (64 - width));
                        buffer.AddBits(word, width);
                        expected.AddRange(Enumerable.Range(0, width).Select(k => ((word >> k) & 1) != 0));
                        break;
                    case 0:
                        var bit = random.Next(2) == 0;
                        buffer.Add(bit);
                        expected.Add(bit);
                        break;
                    case 1:
                        var falses = random.Next(20);
                        buffer.AddFalse(falses);
                        expected.AddRange(Enumerable.Repeat(false, falses));
                        break;
                    case 2:
                        var trues = random.Next(20);
                        buffer.AddTrue(trues);
                        expected.AddRange(Enumerable.Repeat(true, trues));
                        break;
                    default:
                        var (source, bits) = sources[random.Next(sources.Count)];
                        var start = random.Next(2) == 0 ? random.Next(bits.Count + 1) : bits.Count - random.Next(Math.Min(bits.Count, 70) + 1);
                        var count = random.Next(Math.Min(300, bits.Count - start) + 1);
                        buffer.AppendRange(source, start, count);
                        expected.AddRange(bits.Skip(start).Take(count));
                        break;
                }

                Assert.Equal(expected.Count, buffer.Count);
                Assert.Equal(expected.Count(b => !b), buffer.FalseCount);
            }

            var built = buffer.Build(elideWhenAllSet: false).Span.ToArray();
            var actual = Enumerable.Range(0, expected.Count).Select(i => (built[i >> 3] & (1 << (i & 7))) != 0).ToList();
            Assert.Equal(expected, actual);
            Assert.Equal(0, buffer.Count);
        }
    }

    [Theory]
    [InlineData(1_990, 30)]
    [InlineData(2_001, 38)]
    [InlineData(2_030, 9)]
    public void AppendRange_IntoTheLastBytesOfTheArray_KeepsTheBitsBefore(int before, int count)
    {
        // The initial array holds 2,048 bits; a range ending within its last bytes is written byte by byte.
        var random = new Random(before);
        var (buffer, expected) = RandomBuffer(random, before);
        var (source, bits) = RandomBuffer(random, 100);
        buffer.AppendRange(source, 13, count);
        expected.AddRange(bits.Skip(13).Take(count));
        Assert.Equal(expected.Count(b => !b), buffer.FalseCount);
        var built = buffer.Build(elideWhenAllSet: false).Span.ToArray();
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(i => (built[i >> 3] & (1 << (i & 7))) != 0));
    }

    [Fact]
    public void Build_WithOwners_LendsThePooledBitsOnlyWhenSomeAreClear()
    {
        var owners = new List<IDisposable>();
        var buffer = new ValidityBuffer();
        buffer.AddTrue(20);
        Assert.Equal(0, buffer.Build(elideWhenAllSet: true, owners).Length);
        Assert.Empty(owners);

        buffer.AddTrue(9);
        buffer.AddFalse(1);
        buffer.AddTrue(2);
        var built = buffer.Build(elideWhenAllSet: true, owners).Span.ToArray();
        Assert.Equal([0xFF, 0b1101], built);
        Assert.Single(owners);
        Assert.Equal(0, buffer.Count);

        // Built again from the start, the bits before are gone.
        buffer.AddFalse(3);
        Assert.Equal([0], buffer.Build(elideWhenAllSet: false, owners).Span.ToArray());
        owners.ForEach(o => o.Dispose());
    }

    [Fact]
    public void AppendRange_PastTheSourcesBits_Throws()
    {
        var (source, _) = RandomBuffer(new Random(4), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValidityBuffer().AppendRange(source, 5, 6));
    }

    private static (ValidityBuffer Buffer, List<bool> Bits) RandomBuffer(Random random, int length)
    {
        var buffer = new ValidityBuffer();
        var bits = new List<bool>();
        for (var i = 0; i < length; i++)
        {
            var bit = random.Next(3) > 0;
            buffer.Add(bit);
            bits.Add(bit);
        }

        return (buffer, bits);
    }
}
