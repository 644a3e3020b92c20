using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harmony.Genomics.Formats;

/// <summary>
/// Copies and comparisons of a few elements without a call. The BCF decoder and the pivot copy a record's short values
/// one at a time (a chromosome, a base or two, PASS, one sample's index), and the Parquet encoder compares each string
/// with the previous one; each <c>Span.CopyTo</c> or <c>SequenceEqual</c> was a call of 20-30 instructions, more than
/// the work (issue #3: about ten calls per record of a one-sample file, counted with callgrind).
/// </summary>
internal static class ShortSpans
{
    /// <summary>Whether the two byte spans hold the same bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var n = left.Length;
        if (n != right.Length)
        {
            return false;
        }

        if (n > 16)
        {
            return left.SequenceEqual(right);
        }

        // Two overlapping words of the size class cover any length in it, as in CopyBytes.
        ref var a = ref MemoryMarshal.GetReference(left);
        ref var b = ref MemoryMarshal.GetReference(right);
        if (n >= 8)
        {
            return Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 8));
        }

        if (n >= 4)
        {
            return Unsafe.ReadUnaligned<uint>(ref a) == Unsafe.ReadUnaligned<uint>(ref b)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, n - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4));
        }

        if (n >= 2)
        {
            return Unsafe.ReadUnaligned<ushort>(ref a) == Unsafe.ReadUnaligned<ushort>(ref b)
                && Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref a, n - 2)) == Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, n - 2));
        }

        return n == 0 || a == b;
    }

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="target"/>, which is at least as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyBytes(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var n = source.Length;
        if ((uint)n > 16 || target.Length < n)
        {
            source.CopyTo(target);
            return;
        }

        // Two overlapping words of the size class cover any length in it.
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target);
        if (n >= 8)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, n - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, n - 8)));
        }
        else if (n >= 4)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<uint>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, n - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, n - 4)));
        }
        else if (n >= 2)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ushort>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, n - 2), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref from, n - 2)));
        }
        else if (n == 1)
        {
            to = from;
        }
    }

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="target"/>, which is at least as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyInts(ReadOnlySpan<int> source, Span<int> target)
    {
        if (source.Length > 4 || target.Length < source.Length)
        {
            source.CopyTo(target);
            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i];
        }
    }
}
