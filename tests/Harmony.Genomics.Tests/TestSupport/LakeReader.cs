using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Reads a Harmony lake with DuckDB (an independent reader, not the engine's own code) into the text form that
/// <see cref="BcftoolsOracle"/> produces, with the SQL of <c>shared/checks/lake-dump.mjs</c>.
/// </summary>
public static class LakeReader
{
    /// <summary>One line per record of the lake: chrom, pos, ref, alts (',' joined; '.' if none), ordered by source_file, record_index.</summary>
    public static IReadOnlyList<string> ReadSites(string lakeDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeDir);
        return Query($"""
            select chrom, pos, ref,
                   case when alts is null or len(alts) = 0 then '.' else array_to_string(alts, ',') end
            from {Table(lakeDir, "variants")} order by source_file, record_index
            """);
    }

    /// <summary>
    /// One line per call of the lake: record_index, sample, gt, sorted ordinally; empty when the lake has no calls
    /// table (a file without samples).
    /// </summary>
    public static IReadOnlyList<string> ReadCalls(string lakeDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeDir);
        List<string> calls;
        try
        {
            calls = Query($"""
                select v.record_index, c.sample, c.gt
                from {Table(lakeDir, "calls")} c join {Table(lakeDir, "variants")} v using (variant_id)
                order by v.source_file, v.record_index, c.sample
                """);
        }
        catch (DbException e) when (e.Message.Contains("No files found", StringComparison.Ordinal))
        {
            return [];
        }

        calls.Sort(StringComparer.Ordinal);
        return calls;
    }

    /// <summary>Runs <paramref name="sql"/> in an in-memory DuckDB and returns each row as tab-joined text, NULL as '.'.</summary>
    public static List<string> Query(string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        var cells = new string[reader.FieldCount];
        while (reader.Read())
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "." : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? ".";
            }

            rows.Add(string.Join('\t', cells));
        }

        return rows;
    }

    /// <summary>Runs statements (e.g. <c>COPY … TO</c>) in an in-memory DuckDB; for tests that build a lake by hand.</summary>
    public static void Execute(string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A SQL string literal for <paramref name="text"/>.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Table(string lakeDir, string table) =>
        $"read_parquet({Literal($"{lakeDir}/{table}/**/*.parquet")}, hive_partitioning = true, union_by_name = true)";
}
