using System.Text;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>Which sample columns to keep, resolved against a header's sample names as <c>bcftools view -s/-S</c> does.</summary>
internal static class SampleSubset
{
    /// <summary>
    /// The 0-based indexes of the kept samples, in output order: the listed order when including, the header order
    /// when excluding (<c>^</c>).
    /// </summary>
    /// <exception cref="HarmonyException">An unknown or duplicate sample without <c>--force-samples</c>.</exception>
    public static int[] Resolve(VariantSelection selection, IReadOnlyList<string> headerSamples, string sourceName, Action<string>? warning)
    {
        var (names, exclude) = Names(selection);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headerSamples.Count; i++)
        {
            index.TryAdd(headerSamples[i], i);
        }

        var chosen = new List<int>();
        var seen = new HashSet<int>();
        foreach (var name in names)
        {
            if (!index.TryGetValue(name, out var i))
            {
                // bcftools: "subset called for sample that does not exist in header" unless --force-samples.
                var verb = exclude ? "exclude" : "subset";
                if (!selection.ForceSamples)
                {
                    throw new HarmonyException($"{sourceName}: {verb} called for sample that does not exist in header: \"{name}\"; use --force-samples to ignore this error");
                }

                warning?.Invoke($"{sourceName}: {verb} called for sample that does not exist in header: \"{name}\"... skipping");
                continue;
            }

            if (!seen.Add(i) && !exclude)
            {
                throw new HarmonyException($"{sourceName}: duplicate sample name \"{name}\" in the sample list");
            }

            chosen.Add(i);
        }

        if (exclude)
        {
            chosen = Enumerable.Range(0, headerSamples.Count).Where(i => !seen.Contains(i)).ToList();
        }

        if (chosen.Count == 0 && headerSamples.Count > 0)
        {
            warning?.Invoke($"{sourceName}: subsetting has removed all samples");
        }

        return [.. chosen];
    }

    /// <summary>
    /// What a sample selection writes in place of the <c>#CHROM</c> line, as <c>bcftools view -s</c> does: INFO/AC and
    /// INFO/AN declared when the header lacks them (unless <c>-I</c>), then <c>#CHROM</c> naming the kept samples (without
    /// FORMAT when none is kept), each line ending in '\n'; with the kept samples and the header's sample count.
    /// </summary>
    /// <exception cref="HarmonyException">An unknown or duplicate sample without <c>--force-samples</c>.</exception>
    public static (int[] Keep, int HeaderSamples, string Lines) SubsetHeader(string chromLine, VariantSelection selection, bool hasAcHeader, bool hasAnHeader, string sourceName, Action<string>? warning)
    {
        var lines = new StringBuilder();
        if (!selection.NoUpdate)
        {
            // bcftools declares the AC and AN it writes.
            if (!hasAcHeader)
            {
                lines.Append(AlleleCountUpdate.AcHeader).Append('\n');
            }

            if (!hasAnHeader)
            {
                lines.Append(AlleleCountUpdate.AnHeader).Append('\n');
            }
        }

        var columns = chromLine.TrimEnd('\r').Split('\t');
        var keep = Resolve(selection, columns.Length > 9 ? columns[9..] : [], sourceName, warning);
        lines.AppendJoin('\t', columns.Take(Math.Min(columns.Length, keep.Length > 0 ? 9 : 8)).Concat(keep.Select(i => columns[9 + i]))).Append('\n');
        return (keep, Math.Max(0, columns.Length - 9), lines.ToString());
    }

    /// <summary>The kept samples as runs of consecutive indexes, in output order, so that a filter copies a run at a time.</summary>
    public static (int First, int Count)[] Runs(int[] samples)
    {
        var runs = new List<(int First, int Count)>();
        foreach (var s in samples)
        {
            if (runs.Count > 0 && runs[^1].First + runs[^1].Count == s)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((s, 1));
            }
        }

        return [.. runs];
    }

    private static (List<string> Names, bool Exclude) Names(VariantSelection selection)
    {
        if (selection.Samples is { } list)
        {
            var exclude = list.StartsWith('^');
            return ([.. (exclude ? list[1..] : list).Split(',', StringSplitOptions.RemoveEmptyEntries)], exclude);
        }

        var file = selection.SamplesFile!;
        var excludeFile = file.StartsWith('^');
        if (excludeFile)
        {
            file = file[1..];
        }

        try
        {
            var names = File.ReadAllLines(file).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            return (names, excludeFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarmonyException($"{file}: cannot open the samples file: {e.Message}", e);
        }
    }
}
