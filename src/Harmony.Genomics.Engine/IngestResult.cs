namespace Harmony.Genomics.Engine;

/// <summary>The outcome of a committed ingest.</summary>
/// <param name="Sources">One entry per input, in order.</param>
/// <param name="Elapsed">The wall time of the job.</param>
public sealed record IngestResult(IReadOnlyList<SourceIngestResult> Sources, TimeSpan Elapsed)
{
    /// <summary>With <see cref="IngestOptions.Stats"/>: what was written to <c>variant_stats</c> and <c>sample_qc</c>; else null.</summary>
    public string? Stats { get; init; }
}
