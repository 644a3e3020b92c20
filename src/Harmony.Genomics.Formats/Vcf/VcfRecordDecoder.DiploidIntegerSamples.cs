using System.Runtime.CompilerServices;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The one-pass reader of the commonest cohort sample layout (see <see cref="DecodeDiploidIntegerSamples"/>).</summary>
internal sealed partial class VcfRecordDecoder
{
    /// <summary>
    /// Reads the sample columns of a record whose FORMAT is GT followed by Integer fields (GT:AD:DP:GQ:PL, the usual
    /// germline cohort layout) in one pass over their bytes: no structural scan, no slice or dispatch per field, and
    /// the expected value counts worked out once per record. It takes a sample only when every call is a diploid of
    /// single-digit alleles (or '.') and every value is what <see cref="TryAppendIntegers"/> accepts, so its result is
    /// exactly the general path's. It stops at the first sample it cannot take as it is (errors included), with that
    /// sample's values rolled back, and returns how many leading samples it decoded; the general path goes on from there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DecodeDiploidIntegerSamples(VcfRecord record, ReadOnlySpan<byte> region, int sampleCount, int fields, int alts)
    {
        Span<int> wanted = fields <= 32 ? stackalloc int[32] : new int[fields];
        for (var k = 1; k < fields; k++)
        {
            var definition = record.FormatFields[k];
            if (definition.Type != VcfValueType.Integer)
            {
                return 0;
            }

            // A diploid call: Number=G counts genotypes of ploidy 2.
            wanted[k] = definition.Number.ExpectedCount(alts, 2);
        }

        var maxAllele = (uint)alts;
        var values = record.SampleValues;
        var pos = 0;
        for (var s = 0; s < sampleCount; s++)
        {
            var integersBefore = record.IntegerCount;
            if (pos + 3 > region.Length)
            {
                return s;
            }

            var a = AlleleDigit(region[pos]);
            var separator = region[pos + 1];
            var b = AlleleDigit(region[pos + 2]);
            if ((a > maxAllele && a != MissingAllele) || (b > maxAllele && b != MissingAllele) || (separator != (byte)'|' && separator != (byte)'/'))
            {
                return s;
            }

            pos += 3;
            var baseIndex = s * fields;
            var k = 1;
            for (; k < fields; k++)
            {
                if (pos == region.Length || region[pos] == Tab)
                {
                    // VCF 4.4 §1.6.2: trailing fields may be dropped.
                    break;
                }

                if (region[pos] != (byte)':')
                {
                    return Stop(record, integersBefore, s);
                }

                pos++;
                if (pos < region.Length && region[pos] == (byte)'.' && (pos + 1 == region.Length || region[pos + 1] is (byte)':' or Tab))
                {
                    values[baseIndex + k] = FieldValues.Missing;
                    pos++;
                    continue;
                }

                var first = record.IntegerCount;
                var count = 0;
                while (true)
                {
                    if (!TryParseIntegerElement(region, ref pos, out var parsed))
                    {
                        return Stop(record, integersBefore, s);
                    }

                    AppendInteger(record, parsed);
                    count++;
                    if (pos == region.Length || region[pos] is (byte)':' or Tab)
                    {
                        break;
                    }

                    if (region[pos++] != (byte)',')
                    {
                        return Stop(record, integersBefore, s);
                    }
                }

                if (wanted[k] >= 0 && count != wanted[k])
                {
                    return Stop(record, integersBefore, s);
                }

                values[baseIndex + k] = new FieldValues(first, count);
            }

            for (; k < fields; k++)
            {
                values[baseIndex + k] = FieldValues.Missing;
            }

            // The sample ends at a tab, the last one at the end of the line; anything else (more fields than FORMAT
            // declares, too many or too few columns) is for the general path to report.
            if (s < sampleCount - 1 ? pos >= region.Length || region[pos] != Tab : pos != region.Length)
            {
                return Stop(record, integersBefore, s);
            }

            pos++;
            var at = record.GenotypeAlleleCount;
            record.GenotypeAlleles[at] = (int)a;
            record.GenotypeAlleles[at + 1] = (int)b;
            record.GenotypePhased[at] = false;
            record.GenotypePhased[at + 1] = separator == (byte)'|';
            record.GenotypeStart[s] = at;
            record.GenotypeLength[s] = 2;
            record.GenotypeAlleleCount = at + 2;
            values[baseIndex] = FieldValues.Missing;
        }

        return sampleCount;
    }

    private static int Stop(VcfRecord record, int integersBefore, int sample)
    {
        record.IntegerCount = integersBefore;
        return sample;
    }
}
