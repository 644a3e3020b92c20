using System.Security.Cryptography;
using System.Text;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Reads a whole lake with DuckDB into text, for "identical" and "unchanged" assertions.</summary>
public static class LakeDump
{
    /// <summary>The four tables of a lake.</summary>
    public static readonly string[] Tables = ["variants", "calls", "samples", "rejected"];

    /// <summary>Whether DIR/<paramref name="table"/> exists (as the link the commit protocol publishes).</summary>
    public static bool HasTable(string lake, string table) =>
        Directory.Exists(Path.Combine(lake, table)) || File.Exists(Path.Combine(lake, table));

    /// <summary>Whether any table of the lake is visible.</summary>
    public static bool AnyTableVisible(string lake) => Tables.Any(t => HasTable(lake, t));

    /// <summary>The names of the table entries visible in the lake directory.</summary>
    public static string VisibleTables(string lake) => string.Join(", ", Tables.Where(t => HasTable(lake, t)));

    /// <summary>A read_parquet expression over one table.</summary>
    public static string Table(string lake, string table) =>
        $"read_parquet({LakeReader.Literal($"{lake}/{table}/**/*.parquet")}, hive_partitioning = true, union_by_name = true)";

    /// <summary>Whether the table holds at least one Parquet file.</summary>
    public static bool HasFiles(string lake, string table) =>
        Directory.Exists(Path.Combine(lake, table)) &&
        Directory.EnumerateFiles(Path.Combine(lake, table), "*.parquet", SearchOption.AllDirectories).Any();

    /// <summary>Every row of the table, every column cast to text, sorted; "(no table)" when absent.</summary>
    public static string DumpTable(string lake, string table)
    {
        if (!HasFiles(lake, table))
        {
            return $"== {table}: (no table)";
        }

        var header = LakeReader.Query($"select string_agg(column_name, ',' order by column_name) from (describe select * from {Table(lake, table)})");
        var rows = LakeReader.Query($"select columns(*)::varchar from {Table(lake, table)}");
        rows.Sort(StringComparer.Ordinal);
        return $"== {table}: {header[0]}\n{string.Join('\n', rows)}";
    }

    /// <summary>All tables, plus every file reachable from DIR/&lt;table&gt; with its hash.</summary>
    public static string Fingerprint(string lake)
    {
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            text.Append(DumpTable(lake, table)).Append('\n');
        }

        text.Append(ReachableFiles(lake));
        return text.ToString();
    }

    /// <summary>"table/relative-path sha256" for every file reachable from the table links, sorted.</summary>
    public static string ReachableFiles(string lake)
    {
        var lines = new List<string>();
        foreach (var table in Tables)
        {
            var dir = Path.Combine(lake, table);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                lines.Add($"{table}/{Path.GetRelativePath(dir, file)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The variants and calls of a single-source lake with every column (as text) except source_file and variant_id, in
    /// record order; calls carry the record_index of their variant.
    /// </summary>
    public static string Content(string lake)
    {
        var text = new StringBuilder();
        var v = Table(lake, "variants");
        text.Append(string.Join('\n', LakeReader.Query(
            $"select columns(* exclude (source_file, variant_id, ri__))::varchar from (select *, record_index as ri__ from {v}) order by ri__")));
        if (HasFiles(lake, "calls"))
        {
            var c = Table(lake, "calls");
            text.Append("\n-- calls\n").Append(string.Join('\n', LakeReader.Query(
                $"select columns(* exclude (ri__, si__))::varchar from (select v.record_index, c.* exclude (variant_id), v.record_index as ri__, c.sample_index as si__ from {c} c join (select variant_id, record_index from {v}) v on c.variant_id = v.variant_id) order by ri__, si__")));
        }

        if (HasFiles(lake, "samples"))
        {
            text.Append("\n-- samples\n").Append(string.Join('\n', LakeReader.Query(
                $"select columns(* exclude (source_file, si__))::varchar from (select *, sample_index as si__ from {Table(lake, "samples")}) order by si__")));
        }

        return text.ToString();
    }

    /// <summary>One expression over a table as text lines, ordered by <paramref name="orderBy"/> (a numeric expression).</summary>
    public static List<string> Column(string lake, string table, string expression, string orderBy = "record_index") =>
        LakeReader.Query($"select v__ from (select ({expression})::varchar as v__, ({orderBy}) as o__ from {Table(lake, table)}) order by o__");
}
