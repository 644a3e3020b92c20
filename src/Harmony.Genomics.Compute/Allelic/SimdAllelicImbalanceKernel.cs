using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// The CPU fast path: eight sites at a time with <see cref="Vector256{T}"/> (validity, depth, minor count and the
/// heterozygous test as lane masks; counts by popcount, sums by horizontal add, each chunk's sum below 2^28 so it
/// fits an int) while the eight lie on one chromosome — VCFs are sorted, so almost always. Chunks that straddle a
/// chromosome change and the tail go through the scalar rules. The histogram is a scatter and stays per lane.
/// Blocks of sites run in parallel with per-thread totals added at the end.
/// </summary>
internal sealed class SimdAllelicImbalanceKernel(int threads) : IAllelicImbalanceKernel
{
    private const int BlockSites = 1 << 16;
    private const int Lanes = 8;

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
                ProcessBlock(sites, rule, from, Math.Min(sites.Count, from + BlockSites), local);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Count(Vector256<int> mask) => BitOperations.PopCount(mask.ExtractMostSignificantBits());
}
