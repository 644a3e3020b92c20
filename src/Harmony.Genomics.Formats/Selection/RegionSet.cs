using System.Globalization;
using System.IO.Compression;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>Regions per chromosome, 1-based inclusive, sorted and merged; parsed the way bcftools parses <c>-r/-R/-t/-T</c>.</summary>
internal sealed class RegionSet
{
    private readonly Dictionary<string, List<(long Begin, long End)>> byChromosome = new(StringComparer.Ordinal);

    /// <summary>The chromosomes in the order they were first named.</summary>
    public List<string> Chromosomes { get; } = [];

    /// <summary>Whether the set selects records outside it (a <c>^</c> prefix on targets).</summary>
    public bool Exclude { get; private init; }

    public IReadOnlyList<(long Begin, long End)> For(string chromosome) =>
        byChromosome.TryGetValue(chromosome, out var list) ? list : [];

    /// <summary>Parses <c>chr</c>, <c>chr:pos</c>, <c>chr:beg-end</c>, <c>chr:beg-</c>, comma-separated.</summary>
    public static RegionSet Parse(string list, bool allowExclude)
    {
        var exclude = allowExclude && list.StartsWith('^');
        var set = new RegionSet { Exclude = exclude };
        var items = (exclude ? list[1..] : list).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            // An empty list would select nothing (or, excluded, everything) without a word: a slip, not a request.
            throw new HarmonyException($"regions: expected chr, chr:pos or chr:beg-end, comma-separated, found '{list}'");
        }

        foreach (var item in items)
        {
            var colon = item.LastIndexOf(':');
            if (colon < 0)
            {
                set.Add(item, 1, long.MaxValue);
                continue;
            }

            var chrom = item[..colon];
            var range = item[(colon + 1)..];
            var dash = range.IndexOf('-', StringComparison.Ordinal);

            // bcftools: "chr:pos" is that one position, "chr:beg-" runs to the end of the chromosome.
            var begin = ParsePosition(dash < 0 ? range : range[..dash], item);
            var end = dash < 0 ? begin : dash == range.Length - 1 ? long.MaxValue : ParsePosition(range[(dash + 1)..], item);
            if (end < begin)
            {
                throw new HarmonyException($"region {item}: the end is before the beginning");
            }

            set.Add(chrom, begin, end);
        }

        set.Normalise();
        return set;
    }

    /// <summary>Reads a regions or targets file: tab-separated chr, beg[, end]; BED (0-based half-open) by suffix.</summary>
    public static RegionSet Load(string path, bool allowExclude)
    {
        var exclude = allowExclude && path.StartsWith('^');
        var file = exclude ? path[1..] : path;
        var bed = file.EndsWith(".bed", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".bed.gz", StringComparison.OrdinalIgnoreCase);
        var set = new RegionSet { Exclude = exclude };
        Stream stream;
        try
        {
            stream = File.OpenRead(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarmonyException($"{file}: cannot open the regions file: {e.Message}", e);
        }

        using (stream)
        {
            var head = new byte[2];
            var n = stream.Read(head);
            stream.Position = 0;
            using var text = n == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            using var reader = new StreamReader(text);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0 || line.StartsWith('#') || (bed && (line.StartsWith("track", StringComparison.Ordinal) || line.StartsWith("browser", StringComparison.Ordinal))))
                {
                    continue;
                }

                var fields = line.Split('\t');
                if (fields.Length < 2)
                {
                    throw new HarmonyException($"{file}: line {lineNumber}: expected chromosome and position separated by a tab, found '{line}'");
                }

                var where = $"{file}: line {lineNumber}";
                var begin = ParsePosition(fields[1], where);
                var end = fields.Length > 2 && fields[2].Length > 0 ? ParsePosition(fields[2], where) : begin;
                if (bed)
                {
                    // BED is 0-based and half-open: [beg, end) becomes [beg+1, end]. An empty interval (beg == end, an
                    // insertion point) is valid BED and selects nothing, as in bcftools.
                    begin++;
                    if (end == begin - 1)
                    {
                        continue;
                    }
                }

                if (end < begin)
                {
                    throw new HarmonyException($"{where}: the end is before the beginning");
                }

                set.Add(fields[0], begin, end);
            }
        }

        set.Normalise();
        return set;
    }

    /// <summary>Whether [<paramref name="begin"/>, <paramref name="end"/>] overlaps a region of <paramref name="chromosome"/>.</summary>
    public bool Overlaps(string chromosome, long begin, long end)
    {
        if (!byChromosome.TryGetValue(chromosome, out var list))
        {
            return false;
        }

        // First region whose end is at or after begin; it overlaps when it starts at or before end.
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].End < begin)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < list.Count && list[lo].Begin <= end;
    }

    private static long ParsePosition(string text, string where)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new HarmonyException($"{where}: expected a position (a non-negative integer), found '{text}'");
        }

        return value;
    }

    private void Add(string chromosome, long begin, long end)
    {
        if (!byChromosome.TryGetValue(chromosome, out var list))
        {
            list = [];
            byChromosome[chromosome] = list;
            Chromosomes.Add(chromosome);
        }

        list.Add((Math.Max(begin, 1), end));
    }

    private void Normalise()
    {
        foreach (var list in byChromosome.Values)
        {
            list.Sort();
            var merged = new List<(long Begin, long End)>();
            foreach (var r in list)
            {
                if (merged.Count > 0 && r.Begin <= merged[^1].End)
                {
                    merged[^1] = (merged[^1].Begin, Math.Max(merged[^1].End, r.End));
                }
                else
                {
                    merged.Add(r);
                }
            }

            list.Clear();
            list.AddRange(merged);
        }
    }
}
