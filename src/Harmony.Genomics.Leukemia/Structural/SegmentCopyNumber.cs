using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Leukemia;

/// <summary>A segment with its copy number normalised by the thresholds and purity in force.</summary>
/// <param name="Segment">The segment as read.</param>
/// <param name="Contig">The canonical contig, or the name as written when not in the alias table.</param>
/// <param name="CopyNumber">Absolute copy number: the caller's, else from log2 (purity-corrected when purity is given).</param>
/// <param name="State"><c>homozygous_deletion</c>, <c>heterozygous_deletion</c>, <c>neutral</c>, <c>gain</c> or <c>unknown</c>.</param>
public sealed record SegmentCopyNumber(CopyNumberSegment Segment, string Contig, double? CopyNumber, string State);
