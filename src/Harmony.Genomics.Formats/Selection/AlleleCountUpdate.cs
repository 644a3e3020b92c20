using System.Buffers.Text;
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
    /// Whether an INFO column holds both AC and AN. With no sample kept, bcftools (htslib's bcf_calc_ac, INFO first)
    /// leaves those as they are, and counts the file's own genotypes, all of them, only where one is missing.
    /// </summary>
    public static bool HasCounts(ReadOnlySpan<byte> info)
    {
        bool ac = false, an = false;
        foreach (var range in info.Split((byte)';'))
        {
            var entry = info[range];
            ac |= entry.StartsWith("AC="u8);
            an |= entry.StartsWith("AN="u8);
        }

        return ac && an;
    }

    /// <summary>
    /// Writes the INFO column of a record whose samples are <paramref name="line"/>'s columns 9 + <paramref name="keep"/>,
    /// or returns <c>false</c> (writing nothing) when the record has no GT.
    /// </summary>
    /// <param name="line">The record.</param>
    /// <param name="columns">Its columns.</param>
    /// <param name="keep">The samples counted.</param>
    /// <param name="output">Receives the INFO column.</param>
    /// <param name="zeroWithoutGt">A record without GT gets AC=0 and AN=0 instead of <c>false</c> (bcftools, no sample kept).</param>
    public static bool TryWriteInfo(ReadOnlySpan<byte> line, List<Range> columns, int[] keep, TextBuffer output, bool zeroWithoutGt = false)
    {
        var gtIndex = columns.Count < 9 ? -1 : FieldIndex(line[columns[8]], "GT"u8);
        if (gtIndex < 0 && !zeroWithoutGt)
        {
            return false;
        }

        var alt = line[columns[4]];
        var altCount = alt.SequenceEqual("."u8) ? 0 : alt.Count((byte)',') + 1;
        var counts = new int[altCount];
        var an = 0;
        foreach (var s in gtIndex < 0 ? [] : keep)
        {
            var sample = line[columns[9 + s]];

            // The common call first: GT leading the sample, two one-digit alleles ("0/1", "1|0" then ':' or the end).
            if (gtIndex == 0 && sample.Length >= 3 && (sample.Length == 3 || sample[3] == (byte)':') && sample[1] is (byte)'/' or (byte)'|'
                && (uint)(sample[0] - '0') <= 9 && (uint)(sample[2] - '0') <= 9)
            {
                CountAllele(counts, ref an, sample[0] - '0');
                CountAllele(counts, ref an, sample[2] - '0');
                continue;
            }

            var gt = Subfield(sample, gtIndex);
            var start = 0;
            for (var i = 0; i <= gt.Length; i++)
            {
                if (i < gt.Length && gt[i] != (byte)'/' && gt[i] != (byte)'|')
                {
                    continue;
                }

                var allele = gt[start..i];
                start = i + 1;
                if (Utf8Parser.TryParse(allele, out int index, out var used) && used == allele.Length)
                {
                    CountAllele(counts, ref an, index);
                }
            }
        }

        // The INFO items in place, AC and AN replaced (AC dropped without ALT), then AC and AN appended when missing.
        var info = line[columns[7]];
        var start0 = output.Length;
        var hasAc = false;
        var hasAn = false;
        if (!info.SequenceEqual("."u8))
        {
            foreach (var range in info.Split((byte)';'))
            {
                var item = info[range];
                if (item.StartsWith("AC="u8) || item.SequenceEqual("AC"u8))
                {
                    hasAc = true;
                    if (altCount > 0)
                    {
                        Separate(output, start0);
                        WriteCounts(output, "AC="u8, counts);
                    }
                }
                else if (item.StartsWith("AN="u8) || item.SequenceEqual("AN"u8))
                {
                    hasAn = true;
                    Separate(output, start0);
                    WriteCounts(output, "AN="u8, [an]);
                }
                else if (!item.IsEmpty)
                {
                    Separate(output, start0);
                    output.Append(item);
                }
            }
        }

        if (!hasAc && altCount > 0)
        {
            Separate(output, start0);
            WriteCounts(output, "AC="u8, counts);
        }

        if (!hasAn)
        {
            Separate(output, start0);
            WriteCounts(output, "AN="u8, [an]);
        }

        return true;
    }

    /// <summary>
    /// Counts one allele of a kept genotype: a called allele (index 0 or more) adds to AN, an ALT allele (1 to the
    /// ALT count, <paramref name="counts"/>' length) to its AC; a missing or negative one counts for neither.
    /// </summary>
    internal static void CountAllele(int[] counts, ref int an, long allele)
    {
        if (allele < 0)
        {
            return;
        }

        an++;
        if (allele > 0 && allele <= counts.Length)
        {
            counts[allele - 1]++;
        }
    }

    private static void Separate(TextBuffer output, int start)
    {
        if (output.Length > start)
        {
            output.Append((byte)';');
        }
    }

    private static void WriteCounts(TextBuffer output, ReadOnlySpan<byte> key, ReadOnlySpan<int> values)
    {
        output.Append(key);
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                output.Append((byte)',');
            }

            output.Append(values[i]);
        }
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
