using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>32-bit integer columns widened to the encoder's 64-bit working values.</summary>
internal static class Widening
{
    /// <summary>
    /// Copies <paramref name="source"/> into the start of <paramref name="target"/> (at least as long), sign-extended,
    /// eight at a time: the calls' integer columns (allele indexes, ploidy, sample index) pass through here on every
    /// row, and the JIT does not vectorize the plain loop.
    /// </summary>
    public static void ToInt64(ReadOnlySpan<int> source, Span<long> target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, source.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i + Vector256<int>.Count <= source.Length; i += Vector256<int>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)i));
                lower.StoreUnsafe(ref to, (nuint)i);
                upper.StoreUnsafe(ref to, (nuint)(i + Vector256<long>.Count));
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i];
        }
    }
}
