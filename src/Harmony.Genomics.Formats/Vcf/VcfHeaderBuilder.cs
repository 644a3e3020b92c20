using System.Globalization;
using System.Text;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>Builds a <see cref="VcfHeader"/> from header lines, one at a time, validating each against VCF 4.4 §1.4–1.5.</summary>
internal sealed class VcfHeaderBuilder
{
    private static readonly string[] FixedColumns = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"];
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly string _source;
    private readonly Action<string>? _warning;
    private readonly List<VcfMetaLine> _metaLines = [];
    private string? _fileFormat;

    public VcfHeaderBuilder(string source, Action<string>? warning)
    {
        _source = source;
        _warning = warning;
    }

    /// <summary>Takes one header line (no newline); returns the finished header after the <c>#CHROM</c> line, else null.</summary>
    public VcfHeader? AddLine(ReadOnlySpan<byte> bytes, long lineNumber, long offset)
    {
        if (_fileFormat is null && !bytes.StartsWith("##fileformat="u8))
        {
            // Not VCF at all (binary data, BCF, another text format): say so before any byte-level complaint.
            throw Error(lineNumber, offset, null, bytes.IsEmpty ? "a VCF header starting with '##fileformat=VCFv4.x', found an empty line" : $"a VCF header starting with '##fileformat=VCFv4.x', found '{Printable(bytes)}'");
        }

        var text = Decode(bytes, lineNumber, offset);
        if (_fileFormat is null)
        {
            _fileFormat = text["##fileformat=".Length..];
            // VCFv<major>.<minor>: every version is read by the 4.x rules (bcftools reads anything here).
            if (!IsFileFormat(_fileFormat))
            {
                throw Error(lineNumber, offset, "fileformat", $"a VCF file format such as 'VCFv4.2', found '{Clip(_fileFormat)}'");
            }

            _metaLines.Add(new VcfMetaLine("fileformat", _fileFormat, null));
            return null;
        }

        if (text.StartsWith("##", StringComparison.Ordinal))
        {
            _metaLines.Add(ParseMetaLine(text, lineNumber, offset));
            return null;
        }

        if (text.StartsWith("#CHROM", StringComparison.Ordinal))
        {
            return Finish(text, lineNumber, offset);
        }

        throw Error(lineNumber, offset, null, $"a '##' meta line or the '#CHROM' header line before the first record, found '{Clip(text)}'");
    }

    /// <summary>Called at end of input before a <c>#CHROM</c> line was seen.</summary>
    public InputFormatException MissingHeaderLine(long lineNumber, long offset) => _fileFormat is null
        ? Error(lineNumber, offset, null, "a VCF header starting with '##fileformat=VCFv4.x', found no data")
        : Error(lineNumber, offset, null, "the '#CHROM' header line, found the end of the input");

    private VcfHeader Finish(string text, long lineNumber, long offset)
    {
        var columns = text.Split('\t');
        if (columns.Length < FixedColumns.Length)
        {
            var hint = text.Contains(' ', StringComparison.Ordinal) ? " (columns must be separated by tabs, not spaces)" : string.Empty;
            throw Error(lineNumber, offset, "#CHROM", $"the 8 tab-separated columns #CHROM POS ID REF ALT QUAL FILTER INFO{hint}");
        }

        var column = 0L;
        for (var i = 0; i < FixedColumns.Length; i++)
        {
            if (columns[i] != FixedColumns[i])
            {
                throw Error(lineNumber, offset + column, "#CHROM", $"column {i + 1} named '{FixedColumns[i]}', found '{Clip(columns[i])}'");
            }

            column += columns[i].Length + 1;
        }

        var samples = new List<string>();
        var hasFormat = columns.Length > FixedColumns.Length;
        if (hasFormat)
        {
            if (columns[8] != "FORMAT")
            {
                throw Error(lineNumber, offset + column, "#CHROM", $"column 9 named 'FORMAT', found '{Clip(columns[8])}'");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            column += columns[8].Length + 1;
            for (var i = 9; i < columns.Length; i++)
            {
                var name = columns[i];
                if (name.Length == 0)
                {
                    throw Error(lineNumber, offset + column, "#CHROM", $"a sample name in column {i + 1}, found an empty name");
                }

                if (!seen.Add(name))
                {
                    // Sample names are not echoed: they may identify people.
                    throw Error(lineNumber, offset + column, "#CHROM", $"unique sample names, found a duplicate sample name in column {i + 1}");
                }

                samples.Add(name);
                column += name.Length + 1;
            }
        }

        var header = new VcfHeader(_fileFormat!, _metaLines, samples) { HasFormatColumn = hasFormat };
        foreach (var meta in _metaLines)
        {
            Register(header, meta);
        }

        return header;
    }

    private void Register(VcfHeader header, VcfMetaLine meta)
    {
        switch (meta.Key)
        {
            case "INFO":
            case "FORMAT":
                var definition = ToDefinition(meta);
                var dictionary = meta.Key == "INFO" ? header.Info : header.Format;
                if (!dictionary.TryAdd(definition, notify: false))
                {
                    _warning?.Invoke($"{_source}: {meta.Key}/{definition.Id} is defined more than once; the first definition is used");
                }

                break;
            case "FILTER":
                header.FilterMap.TryAdd(meta["ID"]!, meta["Description"] ?? string.Empty);
                break;
            case "contig":
                var length = long.TryParse(meta["length"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : (long?)null;
                header.ContigList.Add(new VcfContig(meta["ID"]!, length));
                break;
            default:
                break;
        }
    }

    private static VcfFieldDefinition ToDefinition(VcfMetaLine meta)
    {
        VcfNumber.TryParse(meta["Number"]!, out var number);
        var type = Enum.Parse<VcfValueType>(meta["Type"]!);
        return new VcfFieldDefinition(meta["ID"]!, number, type, meta["Description"] ?? string.Empty);
    }

    private VcfMetaLine ParseMetaLine(string text, long lineNumber, long offset)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 3)
        {
            throw Error(lineNumber, offset, null, $"a meta line of the form '##key=value', found '{Clip(text)}'");
        }

        var key = text[2..equals];
        var value = text[(equals + 1)..];
        IReadOnlyList<KeyValuePair<string, string>>? attributes = null;
        var defining = key is "INFO" or "FORMAT" or "FILTER" or "contig" or "ALT";
        if (value.StartsWith('<'))
        {
            try
            {
                attributes = ParseAttributes(value, key, lineNumber, offset + equals + 1);
            }
            catch (InputFormatException) when (!defining)
            {
                // Lines that define nothing the reader relies on (SAMPLE, META, tool lines) often nest brackets or
                // lists the grammar does not allow; they are kept as unstructured text rather than rejected.
                _warning?.Invoke($"{_source}: line {lineNumber}: ##{key} is not a well-formed structured line; kept as text");
            }
        }

        var meta = new VcfMetaLine(key, value, attributes);
        if (defining)
        {
            Validate(meta, lineNumber, offset);
        }

        return meta;
    }

    private void Validate(VcfMetaLine meta, long lineNumber, long offset)
    {
        if (meta.Attributes is null)
        {
            throw Error(lineNumber, offset, meta.Key, $"a structured value '##{meta.Key}=<ID=...>'");
        }

        if (string.IsNullOrEmpty(meta["ID"]))
        {
            throw Error(lineNumber, offset, meta.Key, "an ID attribute");
        }

        if (meta.Key is not ("INFO" or "FORMAT"))
        {
            return;
        }

        var id = meta["ID"]!;
        var number = meta["Number"];
        // VCF 4.5 §1.4.2: FORMAT's Number may also be P, LA, LR or LG (VCF 4.4 has P); INFO's may not.
        if (number is null || !VcfNumber.TryParse(number, out var parsed) || (meta.Key == "INFO" && parsed.IsFormatOnly))
        {
            var allowed = meta.Key == "INFO" ? "an integer, A, R, G or '.'" : "an integer, A, R, G, P, LA, LR, LG or '.'";
            throw Error(lineNumber, offset, $"{meta.Key}/{id}", $"Number to be {allowed}, found '{Clip(number ?? "(none)")}'");
        }

        var type = meta["Type"];
        if (type is not ("Integer" or "Float" or "Flag" or "Character" or "String"))
        {
            throw Error(lineNumber, offset, $"{meta.Key}/{id}", $"Type to be Integer, Float, Flag, Character or String, found '{Clip(type ?? "(none)")}'");
        }

        if (type == "Flag" && meta.Key == "FORMAT")
        {
            throw Error(lineNumber, offset, $"FORMAT/{id}", "a FORMAT Type other than Flag (VCF 4.4 §1.4.4)");
        }

        if (type == "Flag" && number != "0")
        {
            _warning?.Invoke($"{_source}: line {lineNumber}: INFO/{id} is a Flag with Number={number}; Number=0 is assumed");
        }
    }

    // VCF 4.4 §1.4: structured values are <key=value,...>; values may be double-quoted with \" and \\ escapes.
    private List<KeyValuePair<string, string>> ParseAttributes(string value, string key, long lineNumber, long offset)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        var i = 1;
        var text = new StringBuilder();
        while (true)
        {
            var keyStart = i;
            while (i < value.Length && value[i] != '=' && value[i] != ',' && value[i] != '>')
            {
                i++;
            }

            if (i >= value.Length)
            {
                throw Error(lineNumber, offset + i, key, "a closing '>' at the end of the structured meta line");
            }

            // htslib tolerates blanks around names and unquoted values; so do we, as they carry no meaning.
            var name = value[keyStart..i].Trim();
            if (value[i] != '=')
            {
                throw Error(lineNumber, offset + i, key, $"'=' after attribute name '{Clip(name)}'");
            }

            i++;
            text.Clear();
            while (i < value.Length && value[i] == ' ')
            {
                i++;
            }

            if (i < value.Length && value[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= value.Length)
                    {
                        throw Error(lineNumber, offset + i, key, $"a closing '\"' for the value of attribute '{Clip(name)}' (unterminated quote)");
                    }

                    var c = value[i];
                    if (c == '\\' && i + 1 < value.Length)
                    {
                        text.Append(value[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        i++;
                        break;
                    }

                    text.Append(c);
                    i++;
                }
            }
            else
            {
                while (i < value.Length && value[i] != ',' && value[i] != '>')
                {
                    text.Append(value[i]);
                    i++;
                }
            }

            while (i < value.Length && value[i] == ' ')
            {
                i++;
            }

            attributes.Add(new(name, text.ToString().TrimEnd()));
            if (i >= value.Length)
            {
                throw Error(lineNumber, offset + i, key, "a closing '>' at the end of the structured meta line");
            }

            if (value[i] == '>')
            {
                if (value.AsSpan(i + 1).Trim(" \t").Length != 0)
                {
                    throw Error(lineNumber, offset + i + 1, key, $"the end of the line after '>', found '{Clip(value[(i + 1)..])}'");
                }

                return attributes;
            }

            if (value[i] != ',')
            {
                throw Error(lineNumber, offset + i, key, $"',' or '>' after the value of attribute '{Clip(name)}'");
            }

            i++;
        }
    }

    private string Decode(ReadOnlySpan<byte> bytes, long lineNumber, long offset)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Error(lineNumber, offset + nul, null, "text, found a NUL byte");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Error(lineNumber, offset + Math.Max(0, e.Index), null, "valid UTF-8 text, found an invalid byte sequence");
        }
    }

    private InputFormatException Error(long lineNumber, long offset, string? column, string expected) =>
        new(_source, lineNumber, offset, column, expected);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[Math.Min(bytes.Length, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = bytes[i] is >= 0x20 and < 0x7f ? (char)bytes[i] : '?';
        }

        return new string(chars) + (bytes.Length > 40 ? "..." : string.Empty);
    }

    internal static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static bool IsFileFormat(string value)
    {
        if (!value.StartsWith("VCFv", StringComparison.Ordinal))
        {
            return false;
        }

        var version = value.AsSpan(4);
        var dot = version.IndexOf('.');
        return dot > 0 && dot < version.Length - 1 && !version[..dot].ContainsAnyExceptInRange('0', '9') && !version[(dot + 1)..].ContainsAnyExceptInRange('0', '9');
    }
}
