namespace Harmony.Genomics.Formats.Calls;

/// <summary>A copy-number segment file.</summary>
/// <param name="Source">The name used in errors and evidence.</param>
/// <param name="Format">The sniffed format.</param>
/// <param name="Segments">Segments in file order.</param>
/// <param name="Header">The VCF header for a CNV VCF (for assembly detection), else null.</param>
/// <param name="ReportsOnlyChanges">True for CNV VCFs: regions without a record are copy-neutral by the caller's convention, not unmeasured.</param>
public sealed record SegmentFile(string Source, SegmentFormat Format, IReadOnlyList<CopyNumberSegment> Segments, Vcf.VcfHeader? Header, bool ReportsOnlyChanges);
