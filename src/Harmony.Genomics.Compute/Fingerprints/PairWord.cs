using System.Numerics;
using System.Runtime.CompilerServices;

namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>The bit algebra on two words of 32 two-bit genotype codes (shared by the CPU and GPU paths).</summary>
internal static class PairWord
{
    public const ulong Low = 0x5555555555555555UL;

    /// <summary>Masks (one bit per SNP, at the low bit of its pair) for the six counts of <see cref="PairCounts"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Masks(ulong x, ulong y, out ulong valid, out ulong equal, out ulong ibs0, out ulong hetHet, out ulong hetA, out ulong hetB)
    {
        var xl = x & Low;
        var xh = (x >> 1) & Low;
        var yl = y & Low;
        var yh = (y >> 1) & Low;
        valid = Low & ~((xl & xh) | (yl & yh));
        var same = ~(x ^ y);
        equal = same & (same >> 1) & valid;
        var homRefX = Low & ~(xl | xh);
        var homRefY = Low & ~(yl | yh);
        var homAltX = xh & ~xl;
        var homAltY = yh & ~yl;
        ibs0 = (homRefX & homAltY) | (homAltX & homRefY);
        var hetX = xl & ~xh;
        var hetY = yl & ~yh;
        hetHet = hetX & hetY;
        hetA = hetX & valid;
        hetB = hetY & valid;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ulong x, ulong y, ref PairCounts counts)
    {
        Masks(x, y, out var valid, out var equal, out var ibs0, out var hetHet, out var hetA, out var hetB);
        counts.N += BitOperations.PopCount(valid);
        counts.Equal += BitOperations.PopCount(equal);
        counts.Ibs0 += BitOperations.PopCount(ibs0);
        counts.HetHet += BitOperations.PopCount(hetHet);
        counts.HetA += BitOperations.PopCount(hetA);
        counts.HetB += BitOperations.PopCount(hetB);
    }
}
