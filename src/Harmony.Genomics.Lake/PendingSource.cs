namespace Harmony.Genomics.Lake;

/// <summary>A source added by the running transaction; its row counts fill in as the run writes tables.</summary>
internal sealed class PendingSource(string contentSha256, string sourceName, int ordinal)
{
    internal string ContentSha256 { get; } = contentSha256;

    internal string SourceName { get; } = sourceName;

    internal int Ordinal { get; } = ordinal;

    internal Dictionary<string, long> RowCounts { get; } = new(StringComparer.Ordinal);

    internal LakeSource ToSource(string runId) => new(ContentSha256, SourceName, Ordinal, runId, new Dictionary<string, long>(RowCounts, StringComparer.Ordinal));
}
