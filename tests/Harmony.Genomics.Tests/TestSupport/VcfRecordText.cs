using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Everything a decoded record holds, as one line of text (ranges as their bytes, floats as their bits), so that two
/// decodings of one record can be compared whole.
/// </summary>
internal static class VcfRecordText
{
    public static string Describe(VcfRecord record)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{record.RecordIndex} line {record.LineNumber} {Bytes(record, record.Chromosome)}:{record.Position}-{record.EndPosition}");
        text.Append(CultureInfo.InvariantCulture, $" id={Bytes(record, record.Id)} ref={Bytes(record, record.Reference)} alt=[{string.Join(',', record.AlternateAlleles.Select(a => Bytes(record, a)))}]");
        text.Append(CultureInfo.InvariantCulture, $" qual={(record.Quality is { } q ? Bits(q) : "null")} filter={(record.FilterMissing ? "." : string.Join(';', record.Filters.Select(f => Bytes(record, f))))}");
        text.Append(CultureInfo.InvariantCulture, $" fields={record.InfoFieldCount}/{record.FormatFieldCount} info:");
        foreach (var (field, values) in record.Info)
        {
            text.Append(' ').Append(field.Id).Append('=').Append(Values(record, field.Type, values));
        }

        text.Append(CultureInfo.InvariantCulture, $" format={string.Join(':', record.Format.Select(f => f.Id))} gt={record.HasGenotypes} samples={record.SampleCount}:");
        if (record.Format.Count == 0)
        {
            return text.ToString();
        }

        for (var s = 0; s < record.SampleCount; s++)
        {
            text.Append(" | ");
            if (record.HasGenotypes)
            {
                text.Append(string.Join(',', record.GetAlleles(s).ToArray())).Append('/').Append(string.Join(',', record.GetPhasing(s).ToArray().Select(p => p ? 1 : 0)));
            }

            for (var k = record.HasGenotypes ? 1 : 0; k < record.Format.Count; k++)
            {
                text.Append(' ').Append(Values(record, record.Format[k].Type, record.GetSampleValues(s, k)));
            }
        }

        return text.ToString();
    }

    private static string Values(VcfRecord record, VcfValueType type, FieldValues values)
    {
        if (values.IsMissing)
        {
            return "<missing>";
        }

        return type switch
        {
            VcfValueType.Flag => "<flag>",
            VcfValueType.Integer => string.Join(',', record.Integers.Slice(values.Start, values.Count).ToArray()),
            VcfValueType.Float => string.Join(',', record.Floats.Slice(values.Start, values.Count).ToArray().Select(Bits)),
            _ => string.Join(',', record.Texts.Slice(values.Start, values.Count).ToArray().Select(t => t.IsMissing ? "<missing>" : "'" + Bytes(record, t) + "'")),
        };
    }

    private static string Bytes(VcfRecord record, ByteRange range) => range.IsMissing ? "<missing>" : record.GetString(range)!;

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);
}
