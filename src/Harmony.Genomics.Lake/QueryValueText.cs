using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Harmony.Genomics.Lake;

/// <summary>Text for DuckDB values in the Table, CSV and TSV formats: invariant culture, lists as <c>[a, b]</c>.</summary>
internal static class QueryValueText
{
    internal static string Format(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => "\\x" + Convert.ToHexString(bytes),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Format(k)}: {Nested(map[k])}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Nested)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Whether the value is numeric, so a text table right-aligns it.</summary>
    internal static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or BigInteger;

    private static string Nested(object? value) => value is null or DBNull ? "NULL" : Format(value);

    internal static string Csv(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }

        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    internal static string Tsv(string field)
    {
        if (field.AsSpan().IndexOfAny("\t\r\n\\") < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            builder.Append(c switch { '\t' => "\\t", '\r' => "\\r", '\n' => "\\n", '\\' => "\\\\", _ => c.ToString() });
        }

        return builder.ToString();
    }
}
