using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>Writes a table derived from a sample sheet's sources (findings, copy number, classifications) into the run's transaction.</summary>
internal static class DerivedTable
{
    /// <param name="transaction">The run's transaction: the table is published with everything else or not at all.</param>
    /// <param name="cohort">The cohort partition.</param>
    /// <param name="table">The table name.</param>
    /// <param name="fileTag">Keeps the files of different writers of one table apart (empty for none).</param>
    /// <param name="columns">The columns.</param>
    /// <param name="rows">The rows, in column order.</param>
    public static void Write(LakeTransaction transaction, string cohort, string table, string fileTag, RowColumn[] columns, IEnumerable<object?[]> rows)
    {
        var partitions = new[] { new KeyValuePair<string, string>(LakeColumns.CohortPartition, cohort) };
        var metadata = new Dictionary<string, string>
        {
            ["harmony.schema_version"] = LakeColumns.SchemaVersion,
            ["harmony.engine_version"] = SourceMetadata.EngineVersion,
            ["harmony.kb_version"] = KnowledgeBase.CurrentVersion,
            ["harmony.cohort"] = cohort,
        };
        var tag = fileTag.Length == 0 ? string.Empty : fileTag + "-";
        using var writer = new RowTableWriter(columns, metadata, part => transaction.NewFilePath(table, partitions, $"part-{transaction.RunId}-{tag}{part:D4}.parquet"));
        foreach (var row in rows)
        {
            writer.Add(row);
        }

        writer.Complete();
    }
}
