using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace Harmony.Genomics.Tests.Lake;

/// <summary>A temporary lake directory with helpers to write Parquet (through real DuckDB) and fingerprint the tree.</summary>
internal sealed class TempLake : IDisposable
{
    public TempLake()
    {
        Root = Path.Combine(Path.GetTempPath(), "harmony-lake-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Path0 = Path.Combine(Root, "lake");
    }

    public string Root { get; }

    public string Path0 { get; }

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes a Parquet file with DuckDB's COPY from a SELECT.</summary>
    public static void WriteParquet(string path, string select)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"copy ({select}) to '{path.Replace("'", "''", StringComparison.Ordinal)}' (format parquet)";
        command.ExecuteNonQuery();
    }

    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every entry under the lake, with symbolic link targets and file hashes, in a stable order; ignores the lock file's existence.</summary>
    public string Fingerprint()
    {
        var lines = new List<string>();
        Walk(Path0, lines);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Walk(string dir, List<string> lines)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(Path0, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                lines.Add($"L {relative} -> {target}");
            }
            else if (entry is DirectoryInfo)
            {
                lines.Add($"D {relative}");
                Walk(entry.FullName, lines);
            }
            else if (relative == "_harmony/lock" || relative.EndsWith(".live", StringComparison.Ordinal))
            {
                // The writer (a live run, for a staging folder's mark) holds it open exclusively; its (empty) content carries no state.
                lines.Add($"F {relative}");
            }
            else
            {
                lines.Add($"F {relative} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}");
            }
        }
    }
}
