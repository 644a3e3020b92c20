namespace Harmony.Genomics.Compute.Allelic;

/// <summary>Per-chromosome allele-depth totals of a set of sites; implementations give identical results.</summary>
internal interface IAllelicImbalanceKernel : IDisposable
{
    /// <summary>Computes every output of <paramref name="output"/> (sized for the sites' chromosomes) from scratch.</summary>
    void Compute(AlleleDepthSites sites, AlleleDepthRule rule, AllelicImbalanceTotals output);
}
