using System.Globalization;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// A small tab-separated text file (plain or gzip/BGZF) held in memory as lines with their 1-based numbers and
/// byte offsets, so that every parse error can name file, line, byte and column like the VCF reader does.
/// Call files (segments, fusion tables) are kilobytes to a few megabytes, so reading them whole is fine.
/// </summary>
internal sealed class TextTable
{
    private TextTable(string source, IReadOnlyList<(int Number, long Offset, string Text)> lines)
    {
        Source = source;
        Lines = lines;
    }

    public string Source { get; }

    public IReadOnlyList<(int Number, long Offset, string Text)> Lines { get; }

    public static TextTable Read(string path, string? sourceName = null)
    {
        using var input = InputOpener.Open(path, new InputOptions { Threads = 1 });
        using var memory = new MemoryStream();
        input.Stream.CopyTo(memory);
        return Parse(memory.ToArray(), sourceName ?? Path.GetFileName(path));
    }

    public static TextTable Parse(byte[] bytes, string source)
    {
        var lines = new List<(int, long, string)>();
        var start = 0;
        var number = 1;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var stop = end < 0 ? bytes.Length : end;
            var length = stop - start;
            if (length > 0 && bytes[start + length - 1] == '\r')
            {
                length--;
            }

            lines.Add((number, start, Encoding.UTF8.GetString(bytes, start, length)));
            number++;
            start = stop + 1;
        }

        return new TextTable(source, lines);
    }

    public InputFormatException Error((int Number, long Offset, string Text) line, string? column, string expected) =>
        new(Source, line.Number, line.Offset, column, expected);

    public static long ParseLong(TextTable table, (int Number, long Offset, string Text) line, string column, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw table.Error(line, column, $"an integer, found '{text}'");

    public static double? ParseDouble(TextTable table, (int Number, long Offset, string Text) line, string column, string text)
    {
        // CNVkit and GATK write NA/NaN/empty for values they could not estimate; those stay unknown, not zero.
        if (text.Length == 0 || text is "NA" or "NaN" or "nan" or "." or "None")
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw table.Error(line, column, $"a number, found '{text}'");
    }
}
