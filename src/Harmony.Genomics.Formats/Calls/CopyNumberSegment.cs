namespace Harmony.Genomics.Formats.Calls;

/// <summary>One copy-number segment, 1-based closed, as the caller estimated it.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Sample">The file's sample name for the segment (SEG ID column, GATK @RG SM, VCF sample), or null.</param>
/// <param name="Contig">The contig as written.</param>
/// <param name="Start">First base (1-based; CNVkit's 0-based starts are converted).</param>
/// <param name="End">Last base.</param>
/// <param name="Markers">Probes, bins or points behind the estimate, when given.</param>
/// <param name="Log2">Log2 copy ratio (tumour/normal), when given.</param>
/// <param name="CopyNumber">The caller's absolute copy number (CNVkit <c>cn</c>, VCF <c>CN</c>), when given.</param>
/// <param name="MinorAlleleFraction">B-allele (minor) fraction: CNVkit <c>baf</c> folded to ≤ 0.5, GATK posterior median; null when not estimated.</param>
/// <param name="Call">The caller's call (GATK CALL <c>+</c>/<c>-</c>/<c>0</c>, VCF SVTYPE), when given.</param>
public sealed record CopyNumberSegment(int Line, string? Sample, string Contig, long Start, long End, long? Markers, double? Log2, double? CopyNumber, double? MinorAlleleFraction, string? Call);
