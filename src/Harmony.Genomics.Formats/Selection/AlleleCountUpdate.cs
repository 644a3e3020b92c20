using System.Buffers.Text;
using System.Text;
using Harmony.Genomics.Formats.Bcf;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// Recomputes INFO/AC and INFO/AN from the kept samples' genotypes, as <c>bcftools view -s</c> does unless
/// <c>-I/--no-update</c>: existing values are replaced in place, missing ones appended (AC, then AN), and a record
/// without FORMAT/GT is left alone. AC has one value per ALT allele (VCF 4.4 §1.6.1: AC Number=A, AN Number=1).
/// </summary>
internal static class AlleleCountUpdate
{
    /// <summary>The header lines bcftools adds when the header lacks them.</summary>
    public const string AcHeader = "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in genotypes\">";

    /// <summary>See <see cref="AcHeader"/>.</summary>
    public const string AnHeader = "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in called genotypes\">";

    /// <summary>
    /// Writes the INFO column of a record whose samples are <paramref name="line"/>'s columns 9 + <paramref name="keep"/>,
    /// or returns <c>false</c> (writing nothing) when the record has no GT.
    /// </summary>
    public static bool TryWriteInfo(ReadOnlySpan<byte> line, List<Range> columns, int[] keep, TextBuffer output)
    {
        if (columns.Count < 9)
        {
            return false;
        }

        var gtIndex = FieldIndex(line[columns[8]], "GT"u8);
        if (gtIndex < 0)
        {
            return false;
        }

        var alt = line[columns[4]];
        var altCount = alt.SequenceEqual("."u8) ? 0 : alt.Count((byte)',') + 1;
        var counts = new int[altCount];
        var an = 0;
        foreach (var s in keep)
        {
            var gt = Subfield(line[columns[9 + s]], gtIndex);
            var start = 0;
            for (var i = 0; i <= gt.Length; i++)
            {
                if (i < gt.Length && gt[i] != (byte)'/' && gt[i] != (byte)'|')
                {
                    continue;
                }

                var allele = gt[start..i];
                start = i + 1;
                if (Utf8Parser.TryParse(allele, out int index, out var used) && used == allele.Length && index >= 0)
                {
                    an++;
                    if (index > 0 && index <= altCount)
                    {
                        counts[index - 1]++;
                    }
                }
            }
        }

        var ac = string.Join(',', counts);
        var info = line[columns[7]];
        var items = info.SequenceEqual("."u8) ? [] : Encoding.UTF8.GetString(info).Split(';').ToList();
        var hasAc = false;
        var hasAn = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].StartsWith("AC=", StringComparison.Ordinal) || items[i] == "AC")
            {
                hasAc = true;
                items[i] = altCount > 0 ? $"AC={ac}" : string.Empty;
            }
            else if (items[i].StartsWith("AN=", StringComparison.Ordinal) || items[i] == "AN")
            {
                hasAn = true;
                items[i] = $"AN={an}";
            }
        }

        if (!hasAc && altCount > 0)
        {
            items.Add($"AC={ac}");
        }

        if (!hasAn)
        {
            items.Add($"AN={an}");
        }

        items.RemoveAll(i => i.Length == 0);
        output.Append(items.Count == 0 ? "." : string.Join(';', items));
        return true;
    }

    private static int FieldIndex(ReadOnlySpan<byte> format, ReadOnlySpan<byte> key)
    {
        var index = 0;
        while (true)
        {
            var colon = format.IndexOf((byte)':');
            var field = colon < 0 ? format : format[..colon];
            if (field.SequenceEqual(key))
            {
                return index;
            }

            if (colon < 0)
            {
                return -1;
            }

            format = format[(colon + 1)..];
            index++;
        }
    }

    private static ReadOnlySpan<byte> Subfield(ReadOnlySpan<byte> sample, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var colon = sample.IndexOf((byte)':');
            if (colon < 0)
            {
                return default;
            }

            sample = sample[(colon + 1)..];
        }

        var end = sample.IndexOf((byte)':');
        return end < 0 ? sample : sample[..end];
    }
}
