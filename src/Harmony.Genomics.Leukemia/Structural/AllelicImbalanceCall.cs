namespace Harmony.Genomics.Leukemia;

/// <summary>Allelic balance of one chromosome from the AD of a small-variant VCF (no copy-number file needed).</summary>
/// <param name="Chromosome">Canonical name.</param>
/// <param name="Sites">PASS biallelic SNVs with enough depth in the specimen's column.</param>
/// <param name="HeterozygousSites">Sites whose minor-allele fraction is at least 0.1.</param>
/// <param name="MedianMinorAlleleFraction">Median minor-allele fraction of the heterozygous sites, or null.</param>
/// <param name="State"><c>balanced</c>, <c>imbalanced</c>, <c>loh</c> or <c>not assessable</c>.</param>
/// <param name="Detail">The numbers, what depth suggests and what they cannot tell.</param>
/// <param name="MeanDepth">Mean AD depth (ref + alt) of the sites, or null without sites.</param>
/// <param name="RelativeDepth">
/// <paramref name="MeanDepth"/> over the median mean depth of the assessable autosomes (about 1.5 for a clonal
/// trisomy, 0.5 for a monosomy), or null when fewer than five autosomes are assessable.
/// </param>
public sealed record AllelicImbalanceCall(string Chromosome, int Sites, int HeterozygousSites, double? MedianMinorAlleleFraction, string State, string Detail, double? MeanDepth = null, double? RelativeDepth = null);
