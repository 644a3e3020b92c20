using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Reads VEP <c>CSQ</c> and SnpEff <c>ANN</c> INFO fields using the field order their header Description
/// declares (<c>Format: Allele|Consequence|…</c>, <c>Functional annotations: 'Allele | Annotation | …'</c>),
/// and maps each entry to the ALT it describes.
/// </summary>
internal sealed class ConsequenceParser
{
    private static readonly string[] SnpEffDefault =
        ["Allele", "Annotation", "Annotation_Impact", "Gene_Name", "Gene_ID", "Feature_Type", "Feature_ID", "Transcript_BioType", "Rank", "HGVS.c", "HGVS.p"];

    private readonly string[]? _csq;
    private readonly string[]? _ann;

    public ConsequenceParser(VcfHeader header)
    {
        if (header.Info.TryGet("CSQ", out var csq))
        {
            _csq = FieldsAfter(csq.Description, "Format:");
        }

        if (header.Info.TryGet("ANN", out var ann))
        {
            _ann = FieldsAfter(ann.Description, ":") ?? SnpEffDefault;
        }
    }

    /// <summary>Whether the header declares CSQ or ANN.</summary>
    public bool HasAnnotations => _csq is not null || _ann is not null;

    /// <summary>Which annotation is read (<c>VEP CSQ</c> is preferred over <c>SnpEff ANN</c>), or null.</summary>
    public string? Source => _csq is not null ? "VEP CSQ" : _ann is not null ? "SnpEff ANN" : null;

    /// <summary>The consequences per ALT index (VEP preferred over SnpEff when both are present).</summary>
    public List<ConsequenceAnnotation>[] Parse(VcfRecord record, IReadOnlyList<string> reference, IReadOnlyList<string> alts)
    {
        var result = new List<ConsequenceAnnotation>[alts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = [];
        }

        foreach (var (field, values) in record.Info)
        {
            if (values.IsMissing || (field.Id != "CSQ" && field.Id != "ANN"))
            {
                continue;
            }

            var isVep = field.Id == "CSQ";
            var columns = isVep ? _csq : _ann;
            if (columns is null)
            {
                continue;
            }

            var vepAlleles = isVep ? VepAlleles(reference[0], alts) : null;
            var seenAlt = new HashSet<int>();
            for (var t = values.Start; t < values.Start + values.Count; t++)
            {
                var text = record.GetString(record.Texts[t]);
                if (text is null)
                {
                    continue;
                }

                foreach (var entry in text.Split(','))
                {
                    var cells = entry.Split('|');
                    string Cell(params string[] names)
                    {
                        foreach (var name in names)
                        {
                            var i = Array.IndexOf(columns, name);
                            if (i >= 0 && i < cells.Length)
                            {
                                return Unescape(cells[i].Trim());
                            }
                        }

                        return string.Empty;
                    }

                    var allele = Cell("Allele");
                    var altIndex = -1;
                    if (isVep && int.TryParse(Cell("ALLELE_NUM"), System.Globalization.CultureInfo.InvariantCulture, out var num) && num >= 1 && num <= alts.Count)
                    {
                        altIndex = num - 1;
                    }
                    else
                    {
                        var list = isVep ? vepAlleles! : alts;
                        for (var a = 0; a < list.Count; a++)
                        {
                            if (string.Equals(list[a], allele, StringComparison.OrdinalIgnoreCase))
                            {
                                altIndex = a;
                                break;
                            }
                        }
                    }

                    if (altIndex < 0)
                    {
                        continue;
                    }

                    var preferred = isVep ? Cell("PICK") == "1" || Cell("CANONICAL") == "YES" : seenAlt.Add(altIndex);
                    result[altIndex].Add(new ConsequenceAnnotation(
                        allele,
                        isVep ? Cell("SYMBOL") : Cell("Gene_Name"),
                        isVep ? Cell("Consequence") : Cell("Annotation"),
                        isVep ? Cell("Feature") : Cell("Feature_ID"),
                        isVep ? Cell("HGVSc") : Cell("HGVS.c"),
                        isVep ? Cell("HGVSp") : Cell("HGVS.p"),
                        preferred,
                        isVep ? "VEP" : "SnpEff"));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The consequence to report for one ALT: VEP before SnpEff, then entries on a transcript the rules number their
    /// protein changes on (<paramref name="ruleTranscripts"/>, prefixes such as <c>NM_033632</c>), then preferred entries
    /// (VEP's CANONICAL/PICK), then protein-altering ones. SnpEff marks no canonical entry, so without the rule
    /// transcripts its first entry would decide (FBXW7 R465 reported as R385 of another isoform).
    /// </summary>
    public static ConsequenceAnnotation? Choose(IReadOnlyList<ConsequenceAnnotation> entries, IReadOnlyList<string>? ruleTranscripts = null) =>
        entries.OrderBy(e => e.Annotator == "VEP" ? 0 : 1)
            .ThenBy(e => ruleTranscripts is not null && ruleTranscripts.Any(t => e.Transcript.StartsWith(t, StringComparison.Ordinal) || e.HgvsC.StartsWith(t, StringComparison.Ordinal)) ? 0 : 1)
            .ThenBy(e => e.Preferred ? 0 : 1)
            .ThenBy(e => ConsequenceClass.IsProteinAltering(e.Consequence) ? 0 : 1)
            .FirstOrDefault();

    // VEP drops the first base when every allele shares it and writes "-" for an allele left empty. Spanning deletions
    // ('*', GATK joint calling) take no part in that test, as in VEP's own parser, and keep their name.
    private static List<string> VepAlleles(string reference, IReadOnlyList<string> alts)
    {
        var sequences = alts.Where(a => a != "*").ToList();
        var shareFirst = reference.Length > 0 && sequences.Count > 0 && sequences.All(a => a.Length > 0 && a[0] == reference[0]) && sequences.Any(a => a.Length != reference.Length);
        return alts.Select(a => a == "*" || !shareFirst ? a : a.Length == 1 ? "-" : a[1..]).ToList();
    }

    private static string[]? FieldsAfter(string description, string marker)
    {
        var at = description.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var fields = description[(at + marker.Length)..].Trim().Trim('\'', '"').Split('|').Select(f => f.Trim().Trim('\'', '"', ' ')).ToArray();
        return fields.Length > 1 ? fields : null;
    }

    // VEP and SnpEff percent-encode the characters that would break INFO (';', '=', ',', space).
    private static string Unescape(string text) =>
        text.Contains('%', StringComparison.Ordinal)
            ? text.Replace("%3D", "=", StringComparison.OrdinalIgnoreCase).Replace("%3B", ";", StringComparison.OrdinalIgnoreCase).Replace("%2C", ",", StringComparison.OrdinalIgnoreCase).Replace("%20", " ", StringComparison.OrdinalIgnoreCase)
            : text;
}
