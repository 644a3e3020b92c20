using Harmony.Genomics.Compute.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// The ILGPU kernel: one thread per run of <see cref="SitesPerThread"/> consecutive sites, summing into registers
/// and adding to the per-chromosome totals with one atomic per chromosome the run touches (sites are sorted, so
/// usually one), and one atomic histogram increment per heterozygous site. All sums are integers, so the order
/// atomics land in does not change the result. The same code runs on CUDA and on ILGPU's CPU accelerator, where
/// tests check it against the scalar reference.
/// </summary>
internal sealed class IlgpuAllelicImbalanceKernel : IAllelicImbalanceKernel
{
    private const int SitesPerThread = 64;
    private const int Fields = 5;
    private readonly GpuSession _session;
    private readonly bool _ownsSession;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<long>, ArrayView<long>, int, int, AlleleDepthRule> _kernel;

    public IlgpuAllelicImbalanceKernel(GpuSession session, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _ownsSession = ownsSession;
        _kernel = session.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<long>, ArrayView<long>, int, int, AlleleDepthRule>(Kernel);
    }

    public void Compute(AlleleDepthSites sites, AlleleDepthRule rule, AllelicImbalanceTotals output)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(output);
        var accelerator = _session.Accelerator;
        var count = sites.Count;
        var chromosomes = output.Chromosomes;
        using var chromosome = accelerator.Allocate1D<int>(Math.Max(1, count));
        using var reference = accelerator.Allocate1D<int>(Math.Max(1, count));
        using var alternate = accelerator.Allocate1D<int>(Math.Max(1, count));
        using var totals = accelerator.Allocate1D<long>(Fields * chromosomes);
        using var histogram = accelerator.Allocate1D<long>(chromosomes * AlleleDepthRule.Slots);
        totals.MemSetToZero();
        histogram.MemSetToZero();
        if (count > 0)
        {
            chromosome.View.CopyFromCPU(ref sites.Chromosome[0], count);
            reference.View.CopyFromCPU(ref sites.Reference[0], count);
            alternate.View.CopyFromCPU(ref sites.Alternate[0], count);
            _kernel((count + SitesPerThread - 1) / SitesPerThread, chromosome.View, reference.View, alternate.View, totals.View, histogram.View, count, chromosomes, rule);
        }

        accelerator.Synchronize();
        var t = totals.GetAsArray1D();
        var fields = output.Fields;
        for (var f = 0; f < Fields; f++)
        {
            Array.Copy(t, f * chromosomes, fields[f], 0, chromosomes);
        }

        histogram.View.CopyToCPU(output.Histogram);
    }

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    /// <summary>totals = [sites | heterozygous | depth | heterozygous depth | minor depth], each of length chromosomes.</summary>
    private static void Kernel(
        Index1D index,
        ArrayView<int> chromosome,
        ArrayView<int> reference,
        ArrayView<int> alternate,
        ArrayView<long> totals,
        ArrayView<long> histogram,
        int count,
        int chromosomes,
        AlleleDepthRule rule)
    {
        var from = index * SitesPerThread;
        if (from >= count)
        {
            return;
        }

        var to = Math.Min(count, from + SitesPerThread);
        var current = -1;
        long sites = 0, het = 0, depthSum = 0, hetDepth = 0, minorDepth = 0;
        for (var i = from; i < to; i++)
        {
            var c = chromosome[i];
            var r = reference[i];
            var a = alternate[i];
            if (c < 0 || c >= chromosomes || r < 0 || a < 0 || r > AlleleDepthRule.MaximumAlleleDepth || a > AlleleDepthRule.MaximumAlleleDepth)
            {
                continue;
            }

            var depth = r + a;
            var minor = r < a ? r : a;
            if (depth < rule.MinimumDepth)
            {
                continue;
            }

            if (c != current)
            {
                Flush(totals, current, chromosomes, sites, het, depthSum, hetDepth, minorDepth);
                current = c;
                sites = het = depthSum = hetDepth = minorDepth = 0;
            }

            sites++;
            depthSum += depth;
            if (rule.Heterozygous(depth, minor))
            {
                het++;
                hetDepth += depth;
                minorDepth += minor;
                Atomic.Add(ref histogram[(c * AlleleDepthRule.Slots) + AlleleDepthRule.Bin(depth, minor)], 1L);
            }
        }

        Flush(totals, current, chromosomes, sites, het, depthSum, hetDepth, minorDepth);
    }

    private static void Flush(ArrayView<long> totals, int c, int chromosomes, long sites, long het, long depth, long hetDepth, long minorDepth)
    {
        if (c < 0)
        {
            return;
        }

        Atomic.Add(ref totals[c], sites);
        Atomic.Add(ref totals[chromosomes + c], het);
        Atomic.Add(ref totals[(2 * chromosomes) + c], depth);
        Atomic.Add(ref totals[(3 * chromosomes) + c], hetDepth);
        Atomic.Add(ref totals[(4 * chromosomes) + c], minorDepth);
    }
}
