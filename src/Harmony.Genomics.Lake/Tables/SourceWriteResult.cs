namespace Harmony.Genomics.Lake.Tables;

/// <summary>What one source contributed to each table.</summary>
/// <param name="Variants">Rows written to <c>variants</c>.</param>
/// <param name="Calls">Rows written to <c>calls</c>.</param>
/// <param name="Samples">Rows written to <c>samples</c>.</param>
/// <param name="Rejected">Rows written to <c>rejected</c>.</param>
public sealed record SourceWriteResult(long Variants, long Calls, long Samples, long Rejected);
