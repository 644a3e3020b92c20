using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// An nf-core style sample sheet (CSV or TSV, one row per file): <c>patient</c>, <c>specimen</c>,
/// <c>specimen_type</c> (tumour/normal/germline), <c>file</c> (relative to the sheet's folder) and <c>kind</c>
/// (small_variants/structural_variants/copy_number/fusions, sniffed from the file when empty); every other column
/// is kept as a clinical key-value. Errors name the sheet, the line and the column.
/// </summary>
public sealed class SampleSheet
{
    private static readonly string[] Required = ["patient", "specimen", "specimen_type", "file"];

    private SampleSheet(string path, IReadOnlyList<SampleSheetRow> rows)
    {
        Path = path;
        Rows = rows;
    }

    /// <summary>The sheet's path.</summary>
    public string Path { get; }

    /// <summary>The rows in sheet order.</summary>
    public IReadOnlyList<SampleSheetRow> Rows { get; }

    /// <summary>Reads and checks a sheet; every file must exist.</summary>
    /// <exception cref="HarmonyException">The sheet is missing or malformed; the message names line and column.</exception>
    public static SampleSheet Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarmonyException($"{path}: cannot read the sample sheet: {e.Message}", e);
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.StartsWith('#'));
        if (headerLine < 0)
        {
            throw new HarmonyException($"{path}: the sample sheet is empty (expected a header line with {string.Join(", ", Required)})");
        }

        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && lines[headerLine].Contains('\t', StringComparison.Ordinal)) ? '\t' : ',';
        var header = Split(lines[headerLine], separator, path, headerLine + 1).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var name in Required)
        {
            if (!header.Contains(name))
            {
                throw new HarmonyException($"{path}: line {headerLine + 1}: missing column '{name}' (columns: {string.Join(", ", header)}; required: {string.Join(", ", Required)}, optional: kind and clinical columns){SeparatorHint(lines[headerLine], separator)}");
            }
        }

        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new HarmonyException($"{path}: line {headerLine + 1}: column '{duplicate.Key}' appears twice");
        }

        var rows = new List<SampleSheetRow>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var lineNumber = i + 1;
            var cells = Split(lines[i], separator, path, lineNumber);
            if (cells.Count > header.Length)
            {
                throw new HarmonyException($"{path}: line {lineNumber}: {cells.Count} columns, the header has {header.Length}");
            }

            string Cell(string name)
            {
                var index = Array.IndexOf(header, name);
                return index >= 0 && index < cells.Count ? cells[index].Trim() : string.Empty;
            }

            string RequiredCell(string name)
            {
                var value = Cell(name);
                return value.Length > 0 ? value : throw new HarmonyException($"{path}: line {lineNumber}, column {name}: empty (a value is required)");
            }

            var patient = RequiredCell("patient");
            var specimen = RequiredCell("specimen");
            var type = ParseType(RequiredCell("specimen_type"), path, lineNumber);
            var written = RequiredCell("file");
            var file = System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(written) ? written : System.IO.Path.Combine(folder, written));
            if (!File.Exists(file))
            {
                throw new HarmonyException($"{path}: line {lineNumber}, column file: '{written}' not found (looked for {file}; relative paths resolve against the sheet's folder)");
            }

            var kindText = Cell("kind");
            var kind = kindText.Length > 0 ? ParseKind(kindText, path, lineNumber) : Sniff(file, path, lineNumber);
            var clinical = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length && c < cells.Count; c++)
            {
                if (!Required.Contains(header[c]) && header[c] != "kind" && cells[c].Trim().Length > 0)
                {
                    clinical[header[c]] = cells[c].Trim();
                }
            }

            rows.Add(new SampleSheetRow(lineNumber, patient, specimen, type, file, kind, kindText.Length == 0, clinical));
        }

        if (rows.Count == 0)
        {
            throw new HarmonyException($"{path}: the sample sheet has a header but no rows");
        }

        return new SampleSheet(path, rows);
    }

    private static SpecimenType ParseType(string text, string path, int line) => text.ToLowerInvariant() switch
    {
        "tumour" or "tumor" => SpecimenType.Tumour,
        "normal" => SpecimenType.Normal,
        "germline" => SpecimenType.Germline,
        _ => throw new HarmonyException($"{path}: line {line}, column specimen_type: '{text}' is not one of tumour, normal, germline"),
    };

    private static DataKind ParseKind(string text, string path, int line) => text.ToLowerInvariant() switch
    {
        "small_variants" => DataKind.SmallVariants,
        "structural_variants" => DataKind.StructuralVariants,
        "copy_number" => DataKind.CopyNumber,
        "fusions" => DataKind.Fusions,
        _ => throw new HarmonyException($"{path}: line {line}, column kind: '{text}' is not one of small_variants, structural_variants, copy_number, fusions"),
    };

    /// <summary>
    /// Sniffs the kind from the file: a VCF or BCF declaring SVTYPE is structural (CN in INFO or FORMAT makes it copy
    /// number), any other VCF small variants; segment files by extension; fusion tables by their callers' headers.
    /// </summary>
    private static DataKind Sniff(string file, string path, int line)
    {
        var name = System.IO.Path.GetFileName(file).ToLowerInvariant();
        if (name.EndsWith(".seg", StringComparison.Ordinal) || name.EndsWith(".cns", StringComparison.Ordinal) || name.EndsWith(".cnr", StringComparison.Ordinal))
        {
            return DataKind.CopyNumber;
        }

        // BCF too: DELLY writes its calls as BCF by default, and the reader reads BCF.
        if (name.EndsWith(".vcf", StringComparison.Ordinal) || name.EndsWith(".vcf.gz", StringComparison.Ordinal) || name.EndsWith(".vcf.bgz", StringComparison.Ordinal) || name.EndsWith(".bcf", StringComparison.Ordinal))
        {
            try
            {
                using var reader = VcfReader.Open(file, new VcfReaderOptions { Threads = 1 });
                var info = reader.Header.Info;
                if (info.TryGet("SVTYPE", out _))
                {
                    return info.TryGet("CN", out _) || reader.Header.Format.TryGet("CN", out _) ? DataKind.CopyNumber : DataKind.StructuralVariants;
                }

                return DataKind.SmallVariants;
            }
            catch (InputFormatException e)
            {
                throw new HarmonyException($"{path}: line {line}, column kind: empty, and the file's VCF header cannot be read to sniff it: {e.Message}", e);
            }
        }

        using (var text = new StreamReader(file))
        {
            var first = (text.ReadLine() ?? string.Empty).ToLowerInvariant();
            if (first.StartsWith("#gene1", StringComparison.Ordinal) || first.StartsWith("#fusionname", StringComparison.Ordinal) || first.Contains("fusion", StringComparison.Ordinal))
            {
                return DataKind.Fusions;
            }

            if (first.Contains("segment_mean", StringComparison.Ordinal) || first.Contains("log2", StringComparison.Ordinal))
            {
                return DataKind.CopyNumber;
            }
        }

        throw new HarmonyException($"{path}: line {line}, column kind: empty, and the kind of '{System.IO.Path.GetFileName(file)}' cannot be sniffed; write one of small_variants, structural_variants, copy_number, fusions");
    }

    // RFC 4180 quoting: a field in double quotes may hold the separator, and "" stands for one quote.
    /// <summary>
    /// Why a header may have come apart wrongly: the extension decides the separator (.csv commas, .tsv tabs), so a
    /// tab-separated file named .csv reads as one column; said in the missing-column message.
    /// </summary>
    internal static string SeparatorHint(string headerLine, char separator) => separator switch
    {
        ',' when headerLine.Contains('\t', StringComparison.Ordinal) => "; the header line has tabs, but a .csv file is read as comma-separated: name a tab-separated file .tsv",
        '\t' when !headerLine.Contains('\t', StringComparison.Ordinal) && headerLine.Contains(',', StringComparison.Ordinal) => "; the header line has commas, but a .tsv file is read as tab-separated: name a comma-separated file .csv",
        _ => string.Empty,
    };

    internal static List<string> Split(string line, char separator, string path, int lineNumber)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.ToString().Trim().Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new HarmonyException($"{path}: line {lineNumber}, column {cells.Count + 1}: unterminated quoted field");
        }

        cells.Add(cell.ToString().TrimEnd('\r'));
        return cells;
    }
}
