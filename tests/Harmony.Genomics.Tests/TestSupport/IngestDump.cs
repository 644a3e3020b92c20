using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Selection;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// One file ingested into a fresh lake with a given thread layout, as text to compare: the warnings, then per table, per
/// file in part order, its columns and its rows in file order; or the error and the warnings before it.
/// </summary>
internal static class IngestDump
{
    /// <param name="vcf">The input.</param>
    /// <param name="lake">The lake to make (it does not exist yet).</param>
    /// <param name="threads">The ingest's threads; with two or more, even a small file is read on them.</param>
    /// <param name="lenient">Whether malformed records are kept aside rather than ending the ingest.</param>
    /// <param name="selection">A region, target or sample selection, or null.</param>
    /// <param name="workers">Decoder workers instead of those <paramref name="threads"/> implies.</param>
    /// <param name="chunkRecords">Records per decoded chunk (a few make the workers race).</param>
    public static string Of(string vcf, string lake, int threads, bool lenient, VariantSelection? selection = null, int? workers = null, int chunkRecords = 256)
    {
        var text = new StringBuilder();
        var warnings = new List<string>();
        void Warn(string warning)
        {
            lock (warnings)
            {
                warnings.Add(warning);
            }
        }

        try
        {
            IngestJob.Run([vcf], new IngestOptions
            {
                LakePath = lake, KeepSampleIds = true, Threads = threads, Lenient = lenient, Selection = selection,
                DecodeWorkers = workers, ChunkRecords = chunkRecords, Warning = Warn,
                // These files are small: without this, two threads would read them on one.
                SmallInputBytes = 0,
            });
        }
        catch (HarmonyException e)
        {
            return $"error: {e.GetType().Name}: {e.Message}\n== warnings\n{string.Join('\n', InOrder(warnings))}";
        }

        text.Append("== warnings\n").AppendJoin('\n', InOrder(warnings)).Append('\n');
        foreach (var table in LakeDump.Tables)
        {
            var dir = Path.Combine(lake, table);
            if (!Directory.Exists(dir))
            {
                text.Append("== ").Append(table).Append(": (no table)\n");
                continue;
            }

            // part-<run>-<ordinal>-<part>.parquet: the run id differs between lakes, the rest must not.
            var files = Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories)
                .Select(f => (Key: Path.GetRelativePath(dir, Path.GetDirectoryName(f)!) + "/" + string.Join('-', Path.GetFileNameWithoutExtension(f).Split('-')[^2..]), File: f))
                .OrderBy(f => f.Key, StringComparer.Ordinal);
            foreach (var (key, file) in files)
            {
                var source = $"read_parquet({LakeReader.Literal(file)})";
                text.Append("== ").Append(table).Append(' ').Append(key).Append('\n');
                text.AppendJoin('\n', LakeReader.Query($"select column_name, column_type, \"null\" from (describe select * from {source})")).Append('\n');
                text.AppendJoin('\n', LakeReader.Query($"select columns(*)::varchar from {source}")).Append('\n');
            }
        }

        return text.ToString();
    }

    // Warnings about a line in the order they came (file order, whatever the threads), the others sorted.
    private static IEnumerable<string> InOrder(List<string> warnings) =>
        warnings.Where(w => w.Contains(": line ", StringComparison.Ordinal)).Concat(warnings.Where(w => !w.Contains(": line ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
}
