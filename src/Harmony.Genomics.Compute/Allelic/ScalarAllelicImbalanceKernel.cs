namespace Harmony.Genomics.Compute.Allelic;

/// <summary>The simple reference: one site at a time, the rules of <see cref="AlleleDepthRule"/> written out.</summary>
internal sealed class ScalarAllelicImbalanceKernel : IAllelicImbalanceKernel
{
    public void Compute(AlleleDepthSites sites, AlleleDepthRule rule, AllelicImbalanceTotals output)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        Accumulate(sites, rule, 0, sites.Count, output);
    }

    public void Dispose()
    {
    }

    /// <summary>Adds sites [from, to) to <paramref name="output"/>; also the SIMD path's tail and mixed-chromosome chunks.</summary>
    internal static void Accumulate(AlleleDepthSites sites, AlleleDepthRule rule, int from, int to, AllelicImbalanceTotals output)
    {
        var chromosomes = output.Chromosomes;
        for (var i = from; i < to; i++)
        {
            var c = sites.Chromosome[i];
            if (c < 0 || c >= chromosomes || !rule.Counts(sites.Reference[i], sites.Alternate[i], out var depth, out var minor))
            {
                continue;
            }

            output.Sites[c]++;
            output.Depth[c] += depth;
            if (rule.Heterozygous(depth, minor))
            {
                output.HeterozygousSites[c]++;
                output.HeterozygousDepth[c] += depth;
                output.MinorDepth[c] += minor;
                output.Histogram[(c * AlleleDepthRule.Slots) + AlleleDepthRule.Bin(depth, minor)]++;
            }
        }
    }
}
