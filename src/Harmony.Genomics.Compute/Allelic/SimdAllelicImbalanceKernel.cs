using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// The CPU fast path: sixteen sites at a time with <see cref="Vector512{T}"/> where the hardware accelerates it, else
/// eight with <see cref="Vector256{T}"/> (validity, depth, minor count and the heterozygous test as lane masks; counts
/// by popcount, sums by horizontal add, each chunk's sum below 2^29 so it fits an int) while the chunk lies on one
/// chromosome — VCFs are sorted, so almost always. Chunks that straddle a chromosome change and the tail go through
/// the scalar rules. The histogram is a scatter and stays per lane. Blocks of sites run in parallel with per-thread
/// totals added at the end.
/// </summary>
/// <param name="threads">Worker threads.</param>
/// <param name="vector512">Force the 512-bit (true) or 256-bit (false) path; by default 512 when accelerated (tests run both).</param>
internal sealed class SimdAllelicImbalanceKernel(int threads, bool? vector512 = null) : IAllelicImbalanceKernel
{
    private const int BlockSites = 1 << 16;
    private const int Lanes = 8;
    private const int Lanes512 = 16;
    private readonly bool _vector512 = vector512 ?? Vector512.IsHardwareAccelerated;

    public void Compute(AlleleDepthSites sites, AlleleDepthRule rule, AllelicImbalanceTotals output)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        var gate = new Lock();
        var blocks = (sites.Count + BlockSites - 1) / BlockSites;
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => new AllelicImbalanceTotals(output.Chromosomes),
            (block, _, local) =>
            {
                var from = block * BlockSites;
                var to = Math.Min(sites.Count, from + BlockSites);
                if (_vector512)
                {
                    ProcessBlock512(sites, rule, from, to, local);
                }
                else
                {
                    ProcessBlock(sites, rule, from, to, local);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    output.Add(local);
                }
            });
    }

    public void Dispose()
    {
    }

    private static void ProcessBlock(AlleleDepthSites sites, AlleleDepthRule rule, int from, int to, AllelicImbalanceTotals totals)
    {
        var chromosomes = totals.Chromosomes;
        var vectorEnd = from + ((to - from) / Lanes * Lanes);
        var zero = Vector256<int>.Zero;
        var maximum = Vector256.Create(AlleleDepthRule.MaximumAlleleDepth);
        var minimumDepth = Vector256.Create(rule.MinimumDepth);
        var numerator = Vector256.Create(rule.HeterozygousNumerator);
        var denominator = Vector256.Create(rule.HeterozygousDenominator);
        Span<int> depthLanes = stackalloc int[Lanes];
        Span<int> minorLanes = stackalloc int[Lanes];
        ref var chromosome0 = ref sites.Chromosome[0];
        ref var reference0 = ref sites.Reference[0];
        ref var alternate0 = ref sites.Alternate[0];
        for (var i = from; i < vectorEnd; i += Lanes)
        {
            var c = sites.Chromosome[i];
            var chromosome = Vector256.LoadUnsafe(ref chromosome0, (nuint)i);
            if (c < 0 || c >= chromosomes || !Vector256.EqualsAll(chromosome, Vector256.Create(c)))
            {
                ScalarAllelicImbalanceKernel.Accumulate(sites, rule, i, i + Lanes, totals);
                continue;
            }

            var r = Vector256.LoadUnsafe(ref reference0, (nuint)i);
            var a = Vector256.LoadUnsafe(ref alternate0, (nuint)i);
            var valid = Vector256.GreaterThanOrEqual(r, zero) & Vector256.GreaterThanOrEqual(a, zero)
                & Vector256.LessThanOrEqual(r, maximum) & Vector256.LessThanOrEqual(a, maximum);
            var depth = r + a;
            var minor = Vector256.Min(r, a);
            var counted = valid & Vector256.GreaterThanOrEqual(depth, minimumDepth);
            var het = counted & Vector256.GreaterThanOrEqual(minor * denominator, depth * numerator);
            totals.Sites[c] += Count(counted);
            totals.Depth[c] += Vector256.Sum(depth & counted);
            var hetMask = het.ExtractMostSignificantBits();
            if (hetMask == 0)
            {
                continue;
            }

            totals.HeterozygousSites[c] += BitOperations.PopCount(hetMask);
            totals.HeterozygousDepth[c] += Vector256.Sum(depth & het);
            totals.MinorDepth[c] += Vector256.Sum(minor & het);
            depth.CopyTo(depthLanes);
            minor.CopyTo(minorLanes);
            var row = c * AlleleDepthRule.Slots;
            while (hetMask != 0)
            {
                var lane = BitOperations.TrailingZeroCount(hetMask);
                totals.Histogram[row + AlleleDepthRule.Bin(depthLanes[lane], minorLanes[lane])]++;
                hetMask &= hetMask - 1;
            }
        }

        ScalarAllelicImbalanceKernel.Accumulate(sites, rule, vectorEnd, to, totals);
    }

    /// <summary>The same rules as <see cref="ProcessBlock"/>, sixteen lanes wide.</summary>
    private static void ProcessBlock512(AlleleDepthSites sites, AlleleDepthRule rule, int from, int to, AllelicImbalanceTotals totals)
    {
        var chromosomes = totals.Chromosomes;
        var vectorEnd = from + ((to - from) / Lanes512 * Lanes512);
        var zero = Vector512<int>.Zero;
        var maximum = Vector512.Create(AlleleDepthRule.MaximumAlleleDepth);
        var minimumDepth = Vector512.Create(rule.MinimumDepth);
        var numerator = Vector512.Create(rule.HeterozygousNumerator);
        var denominator = Vector512.Create(rule.HeterozygousDenominator);
        Span<int> depthLanes = stackalloc int[Lanes512];
        Span<int> minorLanes = stackalloc int[Lanes512];
        ref var chromosome0 = ref sites.Chromosome[0];
        ref var reference0 = ref sites.Reference[0];
        ref var alternate0 = ref sites.Alternate[0];
        for (var i = from; i < vectorEnd; i += Lanes512)
        {
            var c = sites.Chromosome[i];
            var chromosome = Vector512.LoadUnsafe(ref chromosome0, (nuint)i);
            if (c < 0 || c >= chromosomes || !Vector512.EqualsAll(chromosome, Vector512.Create(c)))
            {
                ScalarAllelicImbalanceKernel.Accumulate(sites, rule, i, i + Lanes512, totals);
                continue;
            }

            var r = Vector512.LoadUnsafe(ref reference0, (nuint)i);
            var a = Vector512.LoadUnsafe(ref alternate0, (nuint)i);
            var valid = Vector512.GreaterThanOrEqual(r, zero) & Vector512.GreaterThanOrEqual(a, zero)
                & Vector512.LessThanOrEqual(r, maximum) & Vector512.LessThanOrEqual(a, maximum);
            var depth = r + a;
            var minor = Vector512.Min(r, a);
            var counted = valid & Vector512.GreaterThanOrEqual(depth, minimumDepth);
            var het = counted & Vector512.GreaterThanOrEqual(minor * denominator, depth * numerator);
            totals.Sites[c] += BitOperations.PopCount(counted.ExtractMostSignificantBits());
            totals.Depth[c] += Vector512.Sum(depth & counted);
            var hetMask = het.ExtractMostSignificantBits();
            if (hetMask == 0)
            {
                continue;
            }

            totals.HeterozygousSites[c] += BitOperations.PopCount(hetMask);
            totals.HeterozygousDepth[c] += Vector512.Sum(depth & het);
            totals.MinorDepth[c] += Vector512.Sum(minor & het);
            depth.CopyTo(depthLanes);
            minor.CopyTo(minorLanes);
            var row = c * AlleleDepthRule.Slots;
            while (hetMask != 0)
            {
                var lane = BitOperations.TrailingZeroCount(hetMask);
                totals.Histogram[row + AlleleDepthRule.Bin(depthLanes[lane], minorLanes[lane])]++;
                hetMask &= hetMask - 1;
            }
        }

        ScalarAllelicImbalanceKernel.Accumulate(sites, rule, vectorEnd, to, totals);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Count(Vector256<int> mask) => BitOperations.PopCount(mask.ExtractMostSignificantBits());
}
