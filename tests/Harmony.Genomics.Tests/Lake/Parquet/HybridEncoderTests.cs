using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Tests.Lake.Parquet;

public sealed class HybridEncoderTests
{
    // Bit packing as Parquet defines it (Encodings.md, BIT_PACKED within the RLE hybrid): values LSB first, each in
    // bitWidth bits, padded with zeros to count values, in (count * bitWidth + 7) / 8 bytes. Every width up to 32 and
    // every length around the eight-value groups, against a bit-by-bit reference; values wider than the width have
    // their high bits dropped.
    [Fact]
    public void Pack_EveryWidthAndLength_IsTheValuesBitsLsbFirst()
    {
        var random = new Random(32);
        for (var width = 0; width <= 32; width++)
        {
            for (var length = 0; length <= 40; length++)
            {
                var count = ((length + 7) / 8) * 8;
                var values = Enumerable.Range(0, length).Select(_ => random.Next(4) == 0 ? random.Next() : random.Next(1 << Math.Min(width, 30))).ToArray();
                var sink = new ByteSink();
                sink.WriteByte(0xAB);
                HybridEncoder.Pack<int>(values, count, width, sink);

                var expected = new byte[1 + ((count * width) + 7) / 8];
                expected[0] = 0xAB;
                for (var i = 0; i < length; i++)
                {
                    for (var b = 0; b < width; b++)
                    {
                        if (((uint)values[i] >> b & 1) != 0)
                        {
                            var bit = (i * width) + b;
                            expected[1 + (bit / 8)] |= (byte)(1 << (bit % 8));
                        }
                    }
                }

                Assert.True(expected.AsSpan().SequenceEqual(sink.Written), $"width {width}, length {length}");
                sink.Release();
            }
        }
    }
}
