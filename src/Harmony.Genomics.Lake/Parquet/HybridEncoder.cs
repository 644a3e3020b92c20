using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// Parquet's RLE / bit-packing hybrid (repetition and definition levels, dictionary indices) and its bit packing:
/// runs of eight or more equal values become one run header and value, anything else groups of eight values packed
/// LSB first in <c>bitWidth</c> bits each.
/// </summary>
internal static class HybridEncoder
{
    /// <summary>Bits needed for values up to <paramref name="max"/> (0 for 0).</summary>
    public static int BitWidth(ulong max) => 64 - BitOperations.LeadingZeroCount(max);

    /// <summary>Appends the hybrid encoding of <paramref name="values"/> (each below 2^bitWidth).</summary>
    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteSink output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = values.Length;
        var i = 0;
        while (i < n)
        {
            var value = values[i];
            var j = i + 1;
            while (j < n && values[j] == value)
            {
                j++;
            }

            if (j - i >= 8)
            {
                Run(ulong.CreateTruncating(value), j - i, bitWidth, output);
                i = j;
                continue;
            }

            // Literal groups of eight, until a run of eight starts at a group boundary (or the values end).
            var start = i;
            var groups = 0;
            while (i < n)
            {
                i = Math.Min(i + 8, n);
                groups++;
                if (i >= n)
                {
                    break;
                }

                var next = values[i];
                var k = i + 1;
                while (k < n && k - i < 8 && values[k] == next)
                {
                    k++;
                }

                if (k - i >= 8)
                {
                    break;
                }
            }

            output.VarInt(((ulong)groups << 1) | 1);
            Pack(values[start..i], groups * 8, bitWidth, output);
        }
    }

    /// <summary>Appends one run: <paramref name="count"/> times <paramref name="value"/>.</summary>
    public static void Run(ulong value, int count, int bitWidth, ByteSink output)
    {
        output.VarInt((ulong)count << 1);
        for (var b = 0; b < (bitWidth + 7) / 8; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    /// <summary>Packs <paramref name="values"/>, padded with zeros to <paramref name="count"/> values, LSB first.</summary>
    public static void Pack<T>(ReadOnlySpan<T> values, int count, int bitWidth, ByteSink output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bytes = (count * bitWidth + 7) / 8;
        if (bitWidth <= 32)
        {
            PackNarrow(values, count, bitWidth, output.Reserve(bytes + 8));
            output.Advance(bytes);
            return;
        }

        var span = output.Reserve(bytes);
        var at = 0;
        ulong accumulator = 0;
        var bits = 0;
        for (var v = 0; v < count; v++)
        {
            var value = v < values.Length ? ulong.CreateTruncating(values[v]) : 0UL;
            if (bitWidth < 64)
            {
                value &= (1UL << bitWidth) - 1;
            }

            // Add the low bits that fit, flush whole bytes, keep the rest for the next byte(s).
            accumulator |= value << bits;
            var taken = Math.Min(bitWidth, 64 - bits);
            bits += taken;
            while (bits >= 8)
            {
                span[at++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }

            if (taken < bitWidth)
            {
                accumulator |= value >> taken << bits;
                bits += bitWidth - taken;
                while (bits >= 8)
                {
                    span[at++] = (byte)accumulator;
                    accumulator >>= 8;
                    bits -= 8;
                }
            }
        }

        if (bits > 0)
        {
            span[at++] = (byte)accumulator;
        }

        output.Advance(bytes);
    }

    // Widths up to 32 bits: a value always fits beside the fewer than 32 bits pending, so whole 32-bit words are
    // flushed at once (the span has 8 bytes of slack for the last word). The padding values are zeros: the bytes after
    // the last value are cleared rather than packed.
    private static void PackNarrow<T>(ReadOnlySpan<T> values, int count, int bitWidth, Span<byte> span)
        where T : unmanaged, IBinaryInteger<T>
    {
        var at = 0;
        var v = 0;
        if (bitWidth == 1 && typeof(T) == typeof(byte) && Vector256.IsHardwareAccelerated)
        {
            // Levels and booleans (0 or 1): 32 at a time, each byte's nonzero-ness is its bit, LSB first.
            var bytes = MemoryMarshal.Cast<T, byte>(values);
            for (; v + Vector256<byte>.Count <= bytes.Length; v += Vector256<byte>.Count)
            {
                var set = ~Vector256.Equals(Vector256.Create(bytes.Slice(v, Vector256<byte>.Count)), Vector256<byte>.Zero);
                BinaryPrimitives.WriteUInt32LittleEndian(span[at..], set.ExtractMostSignificantBits());
                at += 4;
            }
        }

        var mask = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
        ulong accumulator = 0;
        var bits = 0;
        for (; v < values.Length; v++)
        {
            accumulator |= (ulong.CreateTruncating(values[v]) & mask) << bits;
            bits += bitWidth;
            if (bits >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)accumulator);
                at += 4;
                accumulator >>= 32;
                bits -= 32;
            }
        }

        var end = Math.Min(span.Length, ((count * bitWidth) + 7) / 8 + 8);
        span[at..end].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], accumulator);
    }
}
