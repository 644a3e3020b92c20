namespace Harmony.Genomics.Leukemia;

/// <summary>Allelic balance of one chromosome from the AD of a small-variant VCF (no copy-number file needed).</summary>
/// <param name="Chromosome">Canonical name.</param>
/// <param name="Sites">PASS biallelic SNVs with enough depth in the specimen's column.</param>
/// <param name="HeterozygousSites">Sites whose minor-allele fraction is at least 0.1.</param>
/// <param name="MedianMinorAlleleFraction">Median minor-allele fraction of the heterozygous sites, or null.</param>
/// <param name="State"><c>balanced</c>, <c>imbalanced</c>, <c>loh</c> or <c>not assessable</c>.</param>
/// <param name="Detail">The numbers and what they cannot tell (gain vs loss needs depth or segments).</param>
public sealed record AllelicImbalanceCall(string Chromosome, int Sites, int HeterozygousSites, double? MedianMinorAlleleFraction, string State, string Detail);
