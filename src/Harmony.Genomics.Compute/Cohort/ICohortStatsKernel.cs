namespace Harmony.Genomics.Compute.Cohort;

/// <summary>Per-variant and per-sample cohort statistics of a genotype block; implementations give identical results.</summary>
internal interface ICohortStatsKernel : IDisposable
{
    /// <summary>Computes every output of <paramref name="output"/> (sized for <paramref name="matrix"/>) from scratch.</summary>
    void Compute(GenotypeMatrix matrix, CohortStats output);
}
