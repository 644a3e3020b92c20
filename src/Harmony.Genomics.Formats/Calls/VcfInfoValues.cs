using System.Globalization;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// INFO and FORMAT values of a decoded <see cref="VcfRecord"/> by ID, as text or numbers, whatever type the header
/// declared (callers disagree: SVLEN is Integer in Manta, String in some CNV callers; CN Integer or Float).
/// </summary>
internal static class VcfInfoValues
{
    public static bool Has(VcfRecord record, string id) => Find(record, id) is not null;

    public static IReadOnlyList<string>? Texts(VcfRecord record, string id)
    {
        var entry = Find(record, id);
        return entry is { } e ? ToTexts(record, e.Field, e.Values) : null;
    }

    public static string? Text(VcfRecord record, string id) => Texts(record, id) is { Count: > 0 } t ? t[0] : null;

    public static long? Integer(VcfRecord record, string id, string source) =>
        Number(record, id, source) is { } d ? (long)Math.Round(d) : null;

    public static double? Number(VcfRecord record, string id, string source)
    {
        var text = Text(record, id);
        if (text is null || text == ".")
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new Core.InputFormatException(source, record.LineNumber, record.ByteOffset, "INFO/" + id, $"a number, found '{text}'");
    }

    public static (int Low, int High)? Interval(VcfRecord record, string id, string source)
    {
        var texts = Texts(record, id);
        if (texts is null)
        {
            return null;
        }

        if (texts.Count != 2
            || !int.TryParse(texts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(texts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var high)
            || low > high)
        {
            throw new Core.InputFormatException(source, record.LineNumber, record.ByteOffset, "INFO/" + id, $"two integers low,high with low <= high (e.g. -10,10), found '{string.Join(",", texts)}'");
        }

        return (low, high);
    }

    /// <summary>A FORMAT value of one sample as text, or null.</summary>
    public static string? SampleText(VcfRecord record, int sample, string id)
    {
        for (var i = 0; i < record.Format.Count; i++)
        {
            if (record.Format[i].Id == id)
            {
                var values = record.GetSampleValues(sample, i);
                return ToTexts(record, record.Format[i], values) is { Count: > 0 } t ? t[0] : null;
            }
        }

        return null;
    }

    private static (VcfFieldDefinition Field, FieldValues Values)? Find(VcfRecord record, string id)
    {
        foreach (var entry in record.Info)
        {
            if (entry.Field.Id == id)
            {
                return entry;
            }
        }

        return null;
    }

    private static List<string> ToTexts(VcfRecord record, VcfFieldDefinition field, FieldValues values)
    {
        var result = new List<string>();
        if (field.Type == VcfValueType.Flag)
        {
            result.Add("true");
            return result;
        }

        if (values.IsMissing)
        {
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            result.Add(field.Type switch
            {
                VcfValueType.Integer => record.Integers[values.Start + i] is var n && n <= VcfMissing.MinimumInteger ? "." : n.ToString(CultureInfo.InvariantCulture),
                VcfValueType.Float => VcfMissing.IsMissing(record.Floats[values.Start + i]) ? "." : record.Floats[values.Start + i].ToString("R", CultureInfo.InvariantCulture),
                _ => record.GetString(record.Texts[values.Start + i]) ?? ".",
            });
        }

        return result;
    }
}
