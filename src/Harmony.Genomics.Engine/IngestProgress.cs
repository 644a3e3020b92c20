namespace Harmony.Genomics.Engine;

/// <summary>Where a running ingest stands.</summary>
/// <param name="Source">The source being read, as stored in the lake (its pseudonym unless raw IDs are kept).</param>
/// <param name="CompressedBytesRead">Bytes read from the source file so far.</param>
/// <param name="Records">Records read from this source so far.</param>
/// <param name="Elapsed">Time since the job started.</param>
public sealed record IngestProgress(string Source, long CompressedBytesRead, long Records, TimeSpan Elapsed);
