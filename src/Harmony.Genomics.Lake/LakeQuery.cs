using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>
/// Runs SQL over a lake with embedded DuckDB: each table directory becomes a view of the same name over its Parquet files
/// (Hive partitions as columns, schemas unioned by name, so older files without a newer column still read).
/// </summary>
/// <remarks>
/// <code>
/// LakeQuery.Run("/data/lake", "select cohort, count(*) from variants group by cohort", QueryOutputFormat.Table, Console.Out);
/// </code>
/// </remarks>
public static class LakeQuery
{
    /// <summary>Runs <paramref name="sql"/> against the lake and prints the result.</summary>
    /// <param name="lakePath">The lake directory.</param>
    /// <param name="sql">The query; tables are referred to by name (e.g. <c>variants</c>).</param>
    /// <param name="format">The output format.</param>
    /// <param name="output">Where the result is printed.</param>
    public static void Run(string lakePath, string sql, QueryOutputFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lakePath);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(output);
        var root = Path.GetFullPath(lakePath);
        try
        {
            using var connection = Connect(root);
            var (columns, rows) = Read(connection, sql);
            Write(columns, rows, format, output);
        }
        catch (DbException ex)
        {
            throw new HarmonyException($"SQL error: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens an in-memory DuckDB in which every table of the lake is a view under its own name
    /// (<c>read_parquet</c> with Hive partitions and columns matched by name). Dispose it when done.
    /// </summary>
    /// <param name="lakePath">The lake directory.</param>
    public static DuckDBConnection Connect(string lakePath)
    {
        ArgumentNullException.ThrowIfNull(lakePath);
        var root = Path.GetFullPath(lakePath);
        if (!Directory.Exists(root))
        {
            throw new HarmonyException(File.Exists(root) ? $"The lake '{root}' is a file, not a lake folder." : $"The lake '{root}' does not exist.");
        }

        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            foreach (var table in FindTables(root))
            {
                using var create = connection.CreateCommand();
                var glob = Path.Combine(root, table, "**", "*.parquet");
                create.CommandText =
                    $"create view {QuoteIdentifier(table)} as select * from read_parquet({QuoteLiteral(glob)}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)";
                create.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs SQL on a connection from <see cref="Connect"/> and returns its rows; SQL NULL is <c>null</c>.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The query.</param>
    /// <exception cref="HarmonyException">The SQL fails (the message is DuckDB's).</exception>
    public static List<object?[]> Rows(DuckDBConnection connection, string sql)
    {
        try
        {
            return Read(connection, sql).Rows;
        }
        catch (DbException ex)
        {
            throw new HarmonyException($"SQL error: {ex.Message}", ex);
        }
    }

    private static (string[] Columns, List<object?[]> Rows) Read(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var reader = command.ExecuteReader();
        try
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var types = FieldTypes(reader);
            var casts = TextCasts(reader, types);
            if (casts.Any(c => c is not null))
            {
                // Run again with those columns as text lists; the column names stay the query's own. A statement that
                // cannot be wrapped (not a query, a comment after it) is read as DuckDB.NET gives it.
                reader.Dispose();
                try
                {
                    command.CommandText = WithTextColumns(sql, casts);
                    reader = command.ExecuteReader();
                }
                catch (DbException)
                {
                    command.CommandText = sql;
                    reader = command.ExecuteReader();
                }

                types = FieldTypes(reader);
            }

            var readers = types.Select(ValueReader).ToArray();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    try
                    {
                        row[i] = reader.IsDBNull(i) ? null : readers[i](reader, i);
                    }
                    catch (Exception ex) when (ex is InvalidCastException or MissingMethodException)
                    {
                        // A statement that could not be wrapped (see TextCasts): the user can cast it.
                        var cast = IsNested(reader.GetDataTypeName(i)) ? "VARCHAR" : "VARCHAR[]";
                        throw new HarmonyException($"Column '{columns[i]}' ({reader.GetDataTypeName(i)}) cannot be read: {ex.Message}. Cast it in the query, e.g. CAST({columns[i]} AS {cast}).", ex);
                    }
                }

                rows.Add(row);
            }

            return (columns, rows);
        }
        finally
        {
            reader.Dispose();
        }
    }

    // GetFieldType is called in a method of ours, not passed as a method group: a delegate to it (its result is annotated
    // for trimming) is refused by the native build's trimmer. A type DuckDB.NET does not know (UNION) comes back as
    // object, which TextCasts then reads as text.
    private static Type[] FieldTypes(DbDataReader reader) => Enumerable.Range(0, reader.FieldCount).Select(i => FieldType(reader, i)).ToArray();

    private static Type FieldType(DbDataReader reader, int i)
    {
        try
        {
            return reader.GetFieldType(i);
        }
        catch (ArgumentException)
        {
            return typeof(object);
        }
    }

    // DuckDB.NET gives a list of numbers (INTEGER[], DOUBLE[] ...) as a list of non-nullable values and throws when an
    // element is null, as every '.' in AD or a './.' call's gt_alleles is: the lake's own list types are read as lists
    // of nullable values instead, nested lists included, named here so that the native build (which cannot make generic
    // code at run time) reads them too.
    private static readonly Dictionary<Type, Func<DbDataReader, int, object>> NullableListReaders = new()
    {
        [typeof(List<int>)] = static (r, i) => r.GetFieldValue<List<int?>>(i),
        [typeof(List<long>)] = static (r, i) => r.GetFieldValue<List<long?>>(i),
        [typeof(List<short>)] = static (r, i) => r.GetFieldValue<List<short?>>(i),
        [typeof(List<sbyte>)] = static (r, i) => r.GetFieldValue<List<sbyte?>>(i),
        [typeof(List<float>)] = static (r, i) => r.GetFieldValue<List<float?>>(i),
        [typeof(List<double>)] = static (r, i) => r.GetFieldValue<List<double?>>(i),
        [typeof(List<bool>)] = static (r, i) => r.GetFieldValue<List<bool?>>(i),
        [typeof(List<List<int>>)] = static (r, i) => r.GetFieldValue<List<List<int?>>>(i),
        [typeof(List<List<float>>)] = static (r, i) => r.GetFieldValue<List<List<float?>>>(i),
    };

    private static Func<DbDataReader, int, object> ValueReader(Type fieldType) =>
        NullableListReaders.TryGetValue(fieldType, out var known) ? known : static (reader, i) => reader.GetValue(i);

    // A list of values of another value type (UBIGINT, DATE, DECIMAL, TIMESTAMP, UUID ..., or lists of lists of them)
    // that DuckDB.NET could not give with a null element, even as a list of nullable values: it throws "The list
    // contains null value" (DuckDB.NET.Data 1.5.6.1), which had ended `harmony query` with an unhandled exception. Lists
    // of MAPs or STRUCTs too, read by reflection (see TextCasts).
    private static bool IsUnreadableList(Type type) =>
        !NullableListReaders.ContainsKey(type) && ListDepth(type, out var leaf) > 0 && (leaf.IsValueType || typeof(System.Collections.IDictionary).IsAssignableFrom(leaf));

    // How many lists deep the type is (List<List<T>>: 2), and T.
    private static int ListDepth(Type type, out Type leaf)
    {
        var depth = 0;
        leaf = type;
        while (leaf.IsGenericType && leaf.GetGenericTypeDefinition() == typeof(List<>))
        {
            leaf = leaf.GetGenericArguments()[0];
            depth++;
        }

        return depth;
    }

    // Per column, the text type DuckDB is to give it as (null: read as it is). Lists that IsUnreadableList names become
    // lists of text. MAP, STRUCT and UNION values become DuckDB's own text of them ({a=1}, {'x': 1}): DuckDB.NET reads
    // them by reflection, which the native build cannot do (a MAP ended `harmony query` with "No parameterless
    // constructor defined for type Dictionary`2"), and even jitted it throws on a struct holding a list with a null, so
    // both builds print them the same way.
    private static string?[] TextCasts(DbDataReader reader, Type[] types) =>
    [
        .. types.Select((type, i) => type == typeof(object) || IsNested(reader.GetDataTypeName(i)) ? "VARCHAR"
            : IsUnreadableList(type) ? "VARCHAR" + string.Concat(Enumerable.Repeat("[]", ListDepth(type, out _)))
            : null),
    ];

    private static bool IsNested(string duckDbType) =>
        duckDbType.StartsWith("Map", StringComparison.OrdinalIgnoreCase)
        || duckDbType.StartsWith("Struct", StringComparison.OrdinalIgnoreCase)
        || duckDbType.StartsWith("Union", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The query wrapped so that each column with a cast in <paramref name="casts"/> comes back as that text type
    /// (DuckDB's own text of each value or element, NULL kept), the others as they are; columns are taken by position,
    /// so names that repeat or need quoting do not matter.
    /// </summary>
    internal static string WithTextColumns(string sql, IReadOnlyList<string?> casts)
    {
        var inner = sql.Trim().TrimEnd(';').TrimEnd();
        var names = Enumerable.Range(0, casts.Count).Select(i => $"c{i}").ToArray();
        var selected = casts.Select((cast, i) => cast is null ? names[i] : $"CAST({names[i]} AS {cast})");
        return $"SELECT {string.Join(", ", selected)} FROM ({inner}\n) AS harmony_query({string.Join(", ", names)})";
    }

    /// <summary>Table directories: children not starting with '_' or '.', holding at least one Parquet file.</summary>
    internal static List<string> FindTables(string root) =>
    [
        .. Directory.EnumerateDirectories(root)
            .Select(d => Path.GetFileName(d)!)
            .Where(n => n[0] is not ('_' or '.'))
            .Where(n => Directory.EnumerateFiles(Path.Combine(root, n), "*.parquet", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal),
    ];

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Write(string[] columns, List<object?[]> rows, QueryOutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case QueryOutputFormat.Table:
                WriteTable(columns, rows, output);
                break;
            case QueryOutputFormat.Csv:
                WriteDelimited(columns, rows, output, ",", QueryValueText.Csv, "\r\n");
                break;
            case QueryOutputFormat.Tsv:
                WriteDelimited(columns, rows, output, "\t", QueryValueText.Tsv, "\n");
                break;
            case QueryOutputFormat.Json:
                WriteJson(columns, rows, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format.");
        }
    }

    private static void WriteTable(string[] columns, List<object?[]> rows, TextWriter output)
    {
        var cells = rows.Select(r => r.Select(v => v is null ? "NULL" : QueryValueText.Format(v).ReplaceLineEndings(" ")).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        output.Write(string.Join(" | ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        output.Write('\n');
        output.Write(string.Join("-+-", widths.Select(w => new string('-', w))));
        output.Write('\n');
        for (var r = 0; r < cells.Count; r++)
        {
            var line = string.Join(" | ", cells[r].Select((c, i) => QueryValueText.IsNumber(rows[r][i]) ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
            output.Write(line.TrimEnd());
            output.Write('\n');
        }
    }

    private static void WriteDelimited(string[] columns, List<object?[]> rows, TextWriter output, string separator, Func<string, string> escape, string newline)
    {
        output.Write(string.Join(separator, columns.Select(escape)));
        output.Write(newline);
        foreach (var row in rows)
        {
            output.Write(string.Join(separator, row.Select(v => escape(QueryValueText.Format(v)))));
            output.Write(newline);
        }
    }

    private static void WriteJson(string[] columns, List<object?[]> rows, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    writer.WritePropertyName(columns[i]);
                    QueryJsonWriter.WriteValue(writer, row[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }
}
