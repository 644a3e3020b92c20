namespace Harmony.Genomics.Engine;

/// <summary>The outcome of a committed ingest.</summary>
/// <param name="Sources">One entry per input, in order.</param>
/// <param name="Elapsed">The wall time of the job.</param>
public sealed record IngestResult(IReadOnlyList<SourceIngestResult> Sources, TimeSpan Elapsed);
