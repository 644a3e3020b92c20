using System.Text.Json;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>Reads and writes a snapshot's <c>sources.json</c>: the ingested sources, so a rerun can skip what is already in.</summary>
internal static class SourcesManifest
{
    internal const string FileName = "sources.json";
    private const int FormatVersion = 1;

    internal static List<LakeSource> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new HarmonyException($"The lake snapshot is damaged: '{path}' is missing.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("formatVersion").GetInt32();
            if (version != FormatVersion)
            {
                throw new HarmonyException($"'{path}' has format version {version}; this build reads version {FormatVersion}.");
            }

            var sources = new List<LakeSource>();
            foreach (var s in root.GetProperty("sources").EnumerateArray())
            {
                var rows = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var p in s.GetProperty("rowCounts").EnumerateObject())
                {
                    rows[p.Name] = p.Value.GetInt64();
                }

                sources.Add(new LakeSource(
                    s.GetProperty("contentSha256").GetString()!,
                    s.GetProperty("sourceName").GetString()!,
                    s.GetProperty("ordinal").GetInt32(),
                    s.GetProperty("runId").GetString()!,
                    rows));
            }

            return sources;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new HarmonyException($"The lake snapshot is damaged: '{path}' cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>Writes the manifest and flushes it to disk before the snapshot is published.</summary>
    internal static void Write(string path, IEnumerable<LakeSource> sources)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("formatVersion", FormatVersion);
                writer.WriteStartArray("sources");
                // Sorted with List.Sort rather than OrderBy, whose sorter over these types the precompiled build lacks.
                var ordered = sources.ToList();
                ordered.Sort((x, y) => x.Ordinal.CompareTo(y.Ordinal));
                foreach (var s in ordered)
                {
                    writer.WriteStartObject();
                    writer.WriteString("contentSha256", s.ContentSha256);
                    writer.WriteString("sourceName", s.SourceName);
                    writer.WriteNumber("ordinal", s.Ordinal);
                    writer.WriteString("runId", s.RunId);
                    writer.WriteStartObject("rowCounts");
                    var tables = s.RowCounts.Keys.ToArray();
                    Array.Sort(tables, StringComparer.Ordinal);
                    foreach (var table in tables)
                    {
                        writer.WriteNumber(table, s.RowCounts[table]);
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }
    }
}
