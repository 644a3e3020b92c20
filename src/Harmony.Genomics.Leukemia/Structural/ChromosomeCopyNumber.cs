namespace Harmony.Genomics.Leukemia;

/// <summary>Copy state of one chromosome arm or whole chromosome.</summary>
/// <param name="Chromosome">Canonical name (<c>chr1</c> … <c>chrX</c>, <c>chrY</c>).</param>
/// <param name="Arm"><c>p</c>, <c>q</c> or <c>whole</c>.</param>
/// <param name="CopyNumber">Integer copy number (rounded length-weighted median), or null when not assessable.</param>
/// <param name="MedianCopyNumber">The length-weighted median before rounding.</param>
/// <param name="State"><c>gain</c>, <c>loss</c>, <c>neutral</c> or <c>not assessable</c>.</param>
/// <param name="Coverage">Fraction of the arm (centromere excluded) covered by segments.</param>
/// <param name="Uniformity">Fraction of the covered length at <paramref name="CopyNumber"/> (1 for a uniform arm; low for segmental patterns).</param>
/// <param name="MinorAlleleFraction">Length-weighted mean minor-allele fraction, when the file has BAF.</param>
/// <param name="Loh">Loss of heterozygosity (minor-allele fraction under the threshold), null without BAF.</param>
/// <param name="Detail">Notes (arms differ, sex-chromosome assumptions, …).</param>
public sealed record ChromosomeCopyNumber(string Chromosome, string Arm, int? CopyNumber, double? MedianCopyNumber, string State, double Coverage, double Uniformity, double? MinorAlleleFraction, bool? Loh, string Detail);
