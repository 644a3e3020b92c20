namespace Harmony.Genomics.Engine;

/// <summary>What one input contributed.</summary>
/// <param name="Input">The input as named on the command line.</param>
/// <param name="SourceFile">The <c>source_file</c> value stored in the lake.</param>
/// <param name="Skipped">True when the lake already held this content (nothing was written).</param>
/// <param name="Variants">Rows in <c>variants</c>.</param>
/// <param name="Calls">Rows in <c>calls</c>.</param>
/// <param name="Samples">Rows in <c>samples</c>.</param>
/// <param name="Rejected">Rows in <c>rejected</c>.</param>
public sealed record SourceIngestResult(string Input, string SourceFile, bool Skipped, long Variants, long Calls, long Samples, long Rejected);
