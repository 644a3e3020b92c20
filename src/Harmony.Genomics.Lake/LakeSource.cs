namespace Harmony.Genomics.Lake;

/// <summary>One source file ingested into the lake, as recorded in the current snapshot's <c>sources.json</c>.</summary>
/// <param name="ContentSha256">The lowercase hex SHA-256 of the source file's bytes; the identity used to refuse a second ingestion.</param>
/// <param name="SourceName">The name the source was ingested under (a file name, never a full path).</param>
/// <param name="Ordinal">The source's number in the lake, unique and increasing from 1; used to build unique variant ids.</param>
/// <param name="RunId">The run (transaction) that ingested it.</param>
/// <param name="RowCounts">Rows written per table for this source.</param>
public sealed record LakeSource(string ContentSha256, string SourceName, int Ordinal, string RunId, IReadOnlyDictionary<string, long> RowCounts);
