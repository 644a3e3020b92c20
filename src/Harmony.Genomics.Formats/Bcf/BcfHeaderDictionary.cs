using System.Globalization;
using System.Text;

namespace Harmony.Genomics.Formats.Bcf;

/// <summary>
/// The two dictionaries a BCF record refers to by integer: FILTER/INFO/FORMAT IDs (one shared string dictionary)
/// and contig names, built from the BCF's embedded VCF header text.
/// </summary>
internal sealed class BcfHeaderDictionary
{
    private readonly Dictionary<int, string> strings = [];
    private readonly Dictionary<int, string> contigs = [];

    /// <summary>The header as VCF text (IDX attributes removed, as <c>bcftools view</c> prints it), ending in a newline.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>The sample names of the <c>#CHROM</c> line.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Contig names by index (a BCF CSI index numbers sequences this way); gaps are empty.</summary>
    public IReadOnlyList<string> Contigs =>
        contigs.Count == 0 ? [] : Enumerable.Range(0, contigs.Keys.Max() + 1).Select(i => contigs.GetValueOrDefault(i, string.Empty)).ToList();

    public string? StringAt(int index) => strings.GetValueOrDefault(index);

    public string? ContigAt(int index) => contigs.GetValueOrDefault(index);

    /// <summary>The index of a FILTER/INFO/FORMAT ID in the string dictionary, or -1.</summary>
    public int IndexOf(string id)
    {
        foreach (var (index, name) in strings)
        {
            if (name == id)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Parses the embedded header text.</summary>
    public static BcfHeaderDictionary Parse(string headerText)
    {
        // VCF 4.4 §6.2.1 (BCF header): the dictionary of strings holds FILTER, INFO and FORMAT IDs in the order they
        // first appear, PASS always first at 0, unless an IDX attribute gives the index explicitly; contigs likewise.
        var lines = headerText.Split('\n');
        var output = new StringBuilder(headerText.Length);
        var nextString = 1;
        var nextContig = 0;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal) { ["PASS"] = 0 };
        var result = new BcfHeaderDictionary();
        result.strings[0] = "PASS";
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var kind = line.StartsWith("##INFO=<", StringComparison.Ordinal) || line.StartsWith("##FORMAT=<", StringComparison.Ordinal) || line.StartsWith("##FILTER=<", StringComparison.Ordinal)
                ? 1
                : line.StartsWith("##contig=<", StringComparison.Ordinal) ? 2 : 0;
            if (kind != 0)
            {
                var (id, idx, stripped) = ParseStructured(line);
                line = stripped;
                if (id is not null)
                {
                    if (kind == 1)
                    {
                        if (idx is int i)
                        {
                            byName[id] = i;
                            result.strings[i] = id;
                            nextString = Math.Max(nextString, i + 1);
                        }
                        else if (!byName.ContainsKey(id))
                        {
                            byName[id] = nextString;
                            result.strings[nextString++] = id;
                        }
                    }
                    else
                    {
                        var c = idx ?? nextContig;
                        result.contigs[c] = id;
                        nextContig = Math.Max(nextContig, c + 1);
                    }
                }
            }
            else if (line.StartsWith("#CHROM", StringComparison.Ordinal))
            {
                var columns = line.Split('\t');
                result.SampleCount = Math.Max(0, columns.Length - 9);
            }

            output.Append(line).Append('\n');
        }

        result.Text = output.ToString();
        return result;
    }

    /// <summary>Finds ID and IDX in a <c>##KEY=&lt;...&gt;</c> line and returns the line without its IDX attribute.</summary>
    private static (string? Id, int? Idx, string Line) ParseStructured(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.LastIndexOf('>');
        if (open < 0 || close < open)
        {
            return (null, null, line);
        }

        string? id = null;
        int? idx = null;
        var kept = new List<string>();
        var body = line.AsSpan(open + 1, close - open - 1);
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i < body.Length)
            {
                if (body[i] == '"' && (i == 0 || body[i - 1] != '\\'))
                {
                    quoted = !quoted;
                }

                if (quoted || body[i] != ',')
                {
                    continue;
                }
            }

            var pair = body[start..i].ToString();
            start = i + 1;
            if (pair.StartsWith("ID=", StringComparison.Ordinal))
            {
                id = pair[3..];
            }
            else if (pair.StartsWith("IDX=", StringComparison.Ordinal) && int.TryParse(pair.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                idx = n;
                continue;
            }

            kept.Add(pair);
        }

        return (id, idx, string.Concat(line.AsSpan(0, open + 1), string.Join(',', kept), line.AsSpan(close)));
    }
}
