using System.Reflection;

namespace Harmony.Genomics.Leukemia;

/// <summary>Reads the embedded knowledge-base files (tab-separated, first line a header).</summary>
internal static class EmbeddedTable
{
    public static Stream Open(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("kb/" + file);
        return stream ?? throw new InvalidOperationException($"knowledge-base resource {file} is missing from the assembly");
    }

    public static string ReadText(string file)
    {
        using var reader = new StreamReader(Open(file));
        return reader.ReadToEnd();
    }

    /// <summary>The data rows with their 1-based line numbers, cells addressed by header name.</summary>
    public static IEnumerable<(int Line, Func<string, string> Cell)> Rows(string file, bool hasHeader = true, string[]? columns = null)
    {
        var lines = ReadText(file).Split('\n');
        var header = hasHeader ? lines[0].TrimEnd('\r').Split('\t') : columns!;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            index[header[i]] = i;
        }

        for (var n = hasHeader ? 1 : 0; n < lines.Length; n++)
        {
            var text = lines[n].TrimEnd('\r');
            if (text.Length == 0)
            {
                continue;
            }

            var cells = text.Split('\t');
            yield return (n + 1, name =>
            {
                if (!index.TryGetValue(name, out var i))
                {
                    throw new InvalidOperationException($"knowledge-base file {file} has no column {name}");
                }

                return i < cells.Length ? cells[i].Trim() : string.Empty;
            });
        }
    }
}
