namespace Harmony.Genomics.Compute.Allelic;

/// <summary>Allele-depth totals of one chromosome (see <see cref="AlleleBalanceAggregator"/> for which sites count).</summary>
/// <param name="Chromosome">The chromosome index the sites were added under.</param>
/// <param name="Sites">Counted sites (valid read counts, depth at least the minimum).</param>
/// <param name="HeterozygousSites">Counted sites whose minor-allele fraction reaches the heterozygous minimum.</param>
/// <param name="Depth">Sum of ref + alt reads over the counted sites.</param>
/// <param name="HeterozygousDepth">Sum of ref + alt reads over the heterozygous sites.</param>
/// <param name="MinorDepth">Sum of min(ref, alt) over the heterozygous sites.</param>
/// <param name="MedianMinorAlleleFraction">
/// The median of min(ref, alt) / depth over the heterozygous sites (the upper median for an even count), exact;
/// null without heterozygous sites. The mirrored B-allele frequency |0.5 - BAF| is 0.5 minus this.
/// </param>
public sealed record ChromosomeAlleleBalance(int Chromosome, long Sites, long HeterozygousSites, long Depth, long HeterozygousDepth, long MinorDepth, double? MedianMinorAlleleFraction)
{
    /// <summary>Mean read depth of the counted sites, or null without sites.</summary>
    public double? MeanDepth => Sites == 0 ? null : Depth / (double)Sites;

    /// <summary>Minor-allele reads over all reads at the heterozygous sites, or null without heterozygous sites.</summary>
    public double? PooledMinorAlleleFraction => HeterozygousDepth == 0 ? null : MinorDepth / (double)HeterozygousDepth;
}
