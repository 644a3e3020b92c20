using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>
/// Finds every position of one delimiter in a span in a single vectorised sweep (compare, movemask, pop bits):
/// the structural index of a VCF line's sample columns, instead of one search per column.
/// </summary>
public static class DelimiterIndex
{
    /// <summary>
    /// Writes the positions of <paramref name="delimiter"/> in <paramref name="span"/> to <paramref name="positions"/>,
    /// in order, and returns how many were found; stops early when <paramref name="positions"/> is full, returning
    /// its length + 1 when at least one more delimiter exists (so callers can tell "too many").
    /// </summary>
    public static int FindAll(ReadOnlySpan<byte> span, byte delimiter, Span<int> positions)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return FindAllVector512(span, delimiter, positions);
        }

        return Vector256.IsHardwareAccelerated ? FindAllVector256(span, delimiter, positions) : FindAllScalar(span, delimiter, positions, 0, 0);
    }

    internal static int FindAll(ReadOnlySpan<byte> span, byte delimiter, Span<int> positions, ScanPath path) => path switch
    {
        ScanPath.Scalar => FindAllScalar(span, delimiter, positions, 0, 0),
        ScanPath.Vector256 => FindAllVector256(span, delimiter, positions),
        ScanPath.Vector512 => FindAllVector512(span, delimiter, positions),
        _ => FindAll(span, delimiter, positions),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindAllScalar(ReadOnlySpan<byte> span, byte delimiter, Span<int> positions, int from, int count)
    {
        for (var i = from; i < span.Length; i++)
        {
            if (span[i] == delimiter)
            {
                if (count == positions.Length)
                {
                    return count + 1;
                }

                positions[count++] = i;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindAllVector256(ReadOnlySpan<byte> span, byte delimiter, Span<int> positions)
    {
        ref var start = ref MemoryMarshal.GetReference(span);
        var needle = Vector256.Create(delimiter);
        var count = 0;
        var i = 0;
        for (; i + Vector256<byte>.Count <= span.Length; i += Vector256<byte>.Count)
        {
            var mask = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), needle).ExtractMostSignificantBits();
            if (!Drain(ref count, mask, i, positions))
            {
                return count + 1;
            }
        }

        if (i < span.Length && i > 0)
        {
            // The tail as the last whole vector, overlapping bytes already searched, whose bits are shifted out: a
            // short line (a one-sample record is ~80 bytes) then needs no byte-by-byte loop.
            var last = span.Length - Vector256<byte>.Count;
            var mask = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)last), needle).ExtractMostSignificantBits() >> (i - last);
            return Drain(ref count, mask, i, positions) ? count : count + 1;
        }

        return FindAllScalar(span, delimiter, positions, i, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindAllVector512(ReadOnlySpan<byte> span, byte delimiter, Span<int> positions)
    {
        ref var start = ref MemoryMarshal.GetReference(span);
        var needle = Vector512.Create(delimiter);
        var count = 0;
        var i = 0;
        for (; i + Vector512<byte>.Count <= span.Length; i += Vector512<byte>.Count)
        {
            var mask = Vector512.Equals(Vector512.LoadUnsafe(ref start, (nuint)i), needle).ExtractMostSignificantBits();
            if (!Drain(ref count, mask, i, positions))
            {
                return count + 1;
            }
        }

        if (i < span.Length && i > 0)
        {
            var last = span.Length - Vector512<byte>.Count;
            var mask = Vector512.Equals(Vector512.LoadUnsafe(ref start, (nuint)last), needle).ExtractMostSignificantBits() >> (i - last);
            return Drain(ref count, mask, i, positions) ? count : count + 1;
        }

        if (i == 0 && span.Length >= Vector256<byte>.Count)
        {
            // Shorter than one 64-byte vector: 32-byte ones.
            return FindAllVector256(span, delimiter, positions);
        }

        return FindAllScalar(span, delimiter, positions, i, count);
    }

    // Appends the set bits of one block's mask as positions; false when positions ran out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Drain(ref int count, ulong mask, int offset, Span<int> positions)
    {
        while (mask != 0)
        {
            if (count == positions.Length)
            {
                return false;
            }

            positions[count++] = offset + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }

        return true;
    }
}
