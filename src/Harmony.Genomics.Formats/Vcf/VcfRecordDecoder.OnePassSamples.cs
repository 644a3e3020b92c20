using System.Runtime.CompilerServices;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The one-pass reader of the commonest cohort sample layout (see <see cref="DecodeSamplesOnePass"/>).</summary>
internal sealed partial class VcfRecordDecoder
{
    /// <summary>
    /// Reads the sample columns of a record whose FORMAT is GT followed by Integer, Float or single String fields
    /// (GT:AD:DP:GQ:PL of germline callers, GT:AD:AF:DP of somatic ones, GATK's PGT/PID) in one pass over their bytes:
    /// no structural scan, no slice or dispatch per field, and the expected value counts worked out once per record.
    /// It takes a sample only when every call is a diploid of single-digit alleles (or '.') and every value is one the
    /// general path accepts and stores the same way, so its result is exactly the general path's. It stops at the first sample it cannot take as it is (errors included), with that
    /// sample's values rolled back, and returns how many leading samples it decoded; the general path goes on from there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DecodeSamplesOnePass(VcfRecord record, ReadOnlySpan<byte> region, int samplesStart, int sampleCount, int fields, int alts)
    {
        Span<int> wanted = fields <= 32 ? stackalloc int[32] : new int[fields];
        Span<VcfValueType> types = fields <= 32 ? stackalloc VcfValueType[32] : new VcfValueType[fields];
        for (var k = 1; k < fields; k++)
        {
            var definition = record.FormatFields[k];
            types[k] = definition.Type;
            if (definition.Type is not (VcfValueType.Integer or VcfValueType.Float) && !(definition.Type == VcfValueType.String && definition.Number.IsScalar))
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
            var before = (record.IntegerCount, record.FloatCount, record.TextCount);
            if (pos + 3 > region.Length)
            {
                return s;
            }

            var separator = region[pos + 1];
            if (!TryDiploidDigits(region[pos], separator, region[pos + 2], maxAllele, out var a, out var b))
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
                    return Stop(record, before, s);
                }

                pos++;
                if (pos < region.Length && region[pos] == (byte)'.' && (pos + 1 == region.Length || region[pos + 1] is (byte)':' or Tab))
                {
                    values[baseIndex + k] = FieldValues.Missing;
                    pos++;
                    continue;
                }

                if (types[k] == VcfValueType.String)
                {
                    // Number=1: the whole value is one string, commas included, as in htslib.
                    var length = region[pos..].IndexOfAny((byte)':', Tab);
                    length = length < 0 ? region.Length - pos : length;
                    if (length == 0)
                    {
                        return Stop(record, before, s);
                    }

                    values[baseIndex + k] = new FieldValues(record.TextCount, 1);
                    AppendText(record, new ByteRange(samplesStart + pos, length));
                    pos += length;
                    continue;
                }

                var isFloat = types[k] == VcfValueType.Float;
                var first = isFloat ? record.FloatCount : record.IntegerCount;
                var count = 0;
                while (true)
                {
                    if (isFloat)
                    {
                        if (!TryParseFloatElement(region, ref pos, out var real))
                        {
                            return Stop(record, before, s);
                        }

                        AppendFloat(record, real);
                    }
                    else
                    {
                        if (!TryParseIntegerElement(region, ref pos, out var parsed))
                        {
                            return Stop(record, before, s);
                        }

                        AppendInteger(record, parsed);
                    }

                    count++;
                    if (pos == region.Length || region[pos] is (byte)':' or Tab)
                    {
                        break;
                    }

                    if (region[pos++] != (byte)',')
                    {
                        return Stop(record, before, s);
                    }
                }

                if (wanted[k] >= 0 && count != wanted[k])
                {
                    return Stop(record, before, s);
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
                return Stop(record, before, s);
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

    // One Float element at text[pos..]: '.' (missing) when a separator or the end follows it, else what TryParseFloat
    // accepts up to the next separator.
    private static bool TryParseFloatElement(ReadOnlySpan<byte> text, ref int pos, out double value)
    {
        var length = text[pos..].IndexOfAny((byte)',', (byte)':', Tab);
        var element = length < 0 ? text[pos..] : text.Slice(pos, length);
        pos += element.Length;
        if (element is [(byte)'.'])
        {
            value = VcfMissing.Float;
            return true;
        }

        return TryParseFloat(element, out value);
    }

    private static int Stop(VcfRecord record, (int Integers, int Floats, int Texts) before, int sample)
    {
        (record.IntegerCount, record.FloatCount, record.TextCount) = before;
        return sample;
    }
}
