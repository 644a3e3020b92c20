using System.Text.RegularExpressions;

namespace Harmony.Genomics.Lake;

/// <summary>
/// Reduces VCF meta lines to what is safe to store in lake metadata: an allow-list of keys, sample names replaced by their
/// pseudonyms, and dates, command lines, paths, hosts and <c>##SAMPLE</c> lines removed. VCF headers routinely carry
/// patient names, user names and hospital hosts; the lake is shared more widely than the source files.
/// </summary>
/// <remarks>
/// <code>
/// // VcfMetaLine.Text is the line after its "##"; the scrubber takes whole lines and keeps none without it.
/// var lines = header.MetaLines.Select(m => "##" + m.Text).ToList();
/// var safe = HeaderScrubber.Scrub(lines, new Dictionary&lt;string, string&gt; { ["PATIENT_1"] = "hs_0a1b…" });
/// </code>
/// </remarks>
public static partial class HeaderScrubber
{
    private static readonly HashSet<string> StructuredKeys = new(StringComparer.Ordinal) { "contig", "INFO", "FORMAT", "FILTER", "ALT", "META" };

    // Schema fields are never sample names, but a sample named "1" must not turn Number=1 or contig ID=1 into a pseudonym.
    private static readonly HashSet<string> SchemaFields = new(StringComparer.Ordinal) { "ID", "Number", "Type", "length" };

    /// <summary>Returns the meta lines that may be stored, in their original order.</summary>
    /// <param name="metaLines">VCF meta lines, each starting with <c>##</c>, without the newline.</param>
    /// <param name="sampleRenames">Raw sample name to pseudonym, for every sample in the file.</param>
    /// <returns>The scrubbed lines.</returns>
    public static IReadOnlyList<string> Scrub(IReadOnlyList<string> metaLines, IReadOnlyDictionary<string, string> sampleRenames)
    {
        ArgumentNullException.ThrowIfNull(metaLines);
        ArgumentNullException.ThrowIfNull(sampleRenames);
        var renamer = new SampleRenamer(sampleRenames);
        var kept = new List<string>(metaLines.Count);
        foreach (var line in metaLines)
        {
            if (ScrubLine(line, renamer) is { } safe)
            {
                kept.Add(safe);
            }
        }

        return kept;
    }

    /// <summary>
    /// Scrubs free text from a header (e.g. an INFO Description kept as column metadata) by the same rules as
    /// <see cref="Scrub"/>: paths, URLs and host names redacted, sample names replaced by their pseudonyms.
    /// </summary>
    public static string ScrubText(string text, IReadOnlyDictionary<string, string> sampleRenames)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TextScrubber(sampleRenames)(text);
    }

    /// <summary>
    /// <see cref="ScrubText"/> for the many texts of one file (each column's description): the pattern of its sample
    /// names is built once, not once per text. For a 2,504-sample cohort that pattern is an alternation of 2,504 names:
    /// building one per description took a pseudonymised ingest of such a file with 80 INFO fields from 0.21 to 0.49 s.
    /// </summary>
    public static Func<string, string> TextScrubber(IReadOnlyDictionary<string, string> sampleRenames)
    {
        ArgumentNullException.ThrowIfNull(sampleRenames);
        var renamer = new SampleRenamer(sampleRenames);
        return text => renamer.Replace(SensitiveText.Redact(text));
    }

    private static string? ScrubLine(string line, SampleRenamer renamer)
    {
        if (!line.StartsWith("##", StringComparison.Ordinal))
        {
            return null;
        }

        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq < 3)
        {
            return null;
        }

        var key = line[2..eq];
        var value = line[(eq + 1)..];
        return key switch
        {
            "fileformat" => FileFormatPattern().IsMatch(value) ? line : null,
            "assembly" or "reference" => value.StartsWith('<') ? Structured(key, value, renamer) : Plain(key, SensitiveText.BaseName(value) is { } name ? renamer.Replace(name) : null),
            "source" => Source(value, renamer),
            "PEDIGREE" => Pedigree(value, renamer),
            _ when StructuredKeys.Contains(key) => Structured(key, value, renamer),

            // SAMPLE lines describe people, fileDate dates the patient's sample, *Command* lines carry paths and users,
            // and unknown keys may hold anything: all dropped.
            _ => null,
        };
    }

    private static string? Plain(string key, string? value) => string.IsNullOrEmpty(value) ? null : $"##{key}={value}";

    private static string? Source(string value, SampleRenamer renamer)
    {
        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !SensitiveText.IsSensitiveToken(w) && !w.Contains('=', StringComparison.Ordinal))
            .Select(renamer.Replace)
            .ToList();
        return words.Count == 0 ? null : "##source=" + string.Join(' ', words);
    }

    private static string? Pedigree(string value, SampleRenamer renamer)
    {
        if (!TryBody(value, out var fields))
        {
            return null;
        }

        // Every value is a sample name; a name we have no pseudonym for is a person we cannot protect, so it goes.
        var kept = fields.Where(f => renamer.TryRename(f.Value, out _))
            .Select(f => f with { Value = renamer.Replace(f.Value) })
            .ToList();
        return kept.Count == 0 ? null : $"##PEDIGREE=<{string.Join(',', kept)}>";
    }

    private static string? Structured(string key, string value, SampleRenamer renamer)
    {
        if (!TryBody(value, out var fields))
        {
            return null;
        }

        var kept = new List<MetaField>(fields.Count);
        foreach (var field in fields)
        {
            if (field.Key.EndsWith("date", StringComparison.OrdinalIgnoreCase) || IsCommandKey(field.Key))
            {
                continue;
            }

            var isId = field.Key == "ID";
            if (isId && SensitiveText.ContainsSensitive(field.Value))
            {
                return null;
            }

            string cleaned;
            if (field.Quoted)
            {
                cleaned = SensitiveText.Redact(field.Value);
            }
            else if (SensitiveText.ContainsSensitive(field.Value))
            {
                // An unquoted value that is a path, URL or host carries no meaning worth the risk.
                continue;
            }
            else
            {
                cleaned = field.Value;
            }

            kept.Add(field with { Value = SchemaFields.Contains(field.Key) ? cleaned : renamer.Replace(cleaned) });
        }

        return kept.Count == 0 ? null : $"##{key}=<{string.Join(',', kept)}>";
    }

    private static bool TryBody(string value, out List<MetaField> fields)
    {
        fields = [];
        if (value.Length < 2 || value[0] != '<' || value[^1] != '>')
        {
            return false;
        }

        var parsed = MetaField.ParseAll(value[1..^1]);
        if (parsed is null)
        {
            return false;
        }

        fields = parsed;
        return true;
    }

    private static bool IsCommandKey(string key) =>
        key.EndsWith("Command", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("CommandLine", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("Cmd", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^VCFv\d+(\.\d+)*$")]
    private static partial Regex FileFormatPattern();
}
