using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private int DecodeSamplesOnePass(VcfRecord record, ReadOnlySpan<byte> region, int samplesStart, int sampleCount, int fields, int alts)
    {
        if (OnePassLayoutFor(record, fields, alts) is not { } layout)
        {
            return 0;
        }

        ReadOnlySpan<int> wanted = layout.Wanted;
        ReadOnlySpan<VcfValueType> types = layout.Types;
        var integersPerSample = layout.IntegersPerSample;
        var maxAllele = (uint)alts;
        var values = record.SampleValues;
        var at = record.GenotypeAlleleCount;

        // The pools and their counts live in locals for the whole pass, where the JIT can keep them in registers; the
        // record's fields are written back when it ends.
        var integers = record.IntegerPool;
        var integerCount = record.IntegerCount;
        var floats = record.FloatPool;
        var floatCount = record.FloatCount;
        var pos = 0;
        var s = 0;
        for (; s < sampleCount; s++)
        {
            if (integersPerSample >= 0 && fields <= 32)
            {
                // The integer loop takes what it can from here; this loop decodes the sample it stops at, if any.
                record.IntegerCount = integerCount;
                record.GenotypeAlleleCount = at;
                (s, pos) = DecodePlainIntegerSamples(record, region, s, pos, sampleCount, fields, wanted, integersPerSample, maxAllele, ShapedSamples ? layout.Shapes : null);
                integers = record.IntegerPool;
                integerCount = record.IntegerCount;
                at = record.GenotypeAlleleCount;
                if (s == sampleCount)
                {
                    break;
                }
            }

            var (integersBefore, floatsBefore, textsBefore) = (integerCount, floatCount, record.TextCount);
            if (pos + 3 > region.Length)
            {
                break;
            }

            var separator = region[pos + 1];
            if (!TryDiploidDigits(region[pos], separator, region[pos + 2], maxAllele, out var a, out var b))
            {
                break;
            }

            pos += 3;
            var baseIndex = s * fields;
            var k = 1;
            var taken = true;
            for (; k < fields; k++)
            {
                if (pos == region.Length || region[pos] == Tab)
                {
                    // VCF 4.4 §1.6.2: trailing fields may be dropped.
                    break;
                }

                if (region[pos] != (byte)':')
                {
                    taken = false;
                    break;
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
                        taken = false;
                        break;
                    }

                    values[baseIndex + k] = new FieldValues(record.TextCount, 1);
                    AppendText(record, new ByteRange(samplesStart + pos, length));
                    pos += length;
                    continue;
                }

                var isFloat = types[k] == VcfValueType.Float;
                var first = isFloat ? floatCount : integerCount;
                var count = 0;
                while (true)
                {
                    var real = 0d;
                    var parsed = 0;
                    var used = isFloat ? FloatElementLength(region, pos, out real) : IntegerElementLength(region, pos, out parsed);
                    if (used < 0)
                    {
                        taken = false;
                        break;
                    }

                    pos += used;
                    if (isFloat)
                    {
                        if (floatCount == floats.Length)
                        {
                            Array.Resize(ref record.FloatPool, floats.Length * 2);
                            floats = record.FloatPool;
                        }

                        floats[floatCount++] = real;
                    }
                    else
                    {
                        if (integerCount == integers.Length)
                        {
                            Array.Resize(ref record.IntegerPool, integers.Length * 2);
                            integers = record.IntegerPool;
                        }

                        integers[integerCount++] = parsed;
                    }

                    count++;
                    if (pos == region.Length || region[pos] is (byte)':' or Tab)
                    {
                        break;
                    }

                    if (region[pos++] != (byte)',')
                    {
                        taken = false;
                        break;
                    }
                }

                if (!taken || (wanted[k] >= 0 && count != wanted[k]))
                {
                    taken = false;
                    break;
                }

                values[baseIndex + k] = new FieldValues(first, count);
            }

            // The sample ends at a tab, the last one at the end of the line; anything else (more fields than FORMAT
            // declares, too many or too few columns) is for the general path to report.
            if (!taken || (s < sampleCount - 1 ? pos >= region.Length || region[pos] != Tab : pos != region.Length))
            {
                // This sample's values are rolled back; the general path decodes it again from its start.
                (integerCount, floatCount, record.TextCount) = (integersBefore, floatsBefore, textsBefore);
                break;
            }

            for (; k < fields; k++)
            {
                values[baseIndex + k] = FieldValues.Missing;
            }

            pos++;
            StoreDiploid(record, s, at, (int)a, (int)b, separator);
            at += 2;
            values[baseIndex] = FieldValues.Missing;
        }

        record.IntegerCount = integerCount;
        record.FloatCount = floatCount;
        record.GenotypeAlleleCount = at;
        return s;
    }

    // The one-pass layouts of the last FORMAT by ALT count, each worked out once (bit n of _onePassKnown: the layout for n
    // ALT alleles is known; null when the one-pass reader cannot take it); DecodeSamples forgets them when the FORMAT
    // changes. On a one-sample file working a layout out took as long as reading the sample, and a file mixing one and
    // two ALT alleles (c of benchmarks/e2e.sh: 5% two) made a new one at each change when only the last was kept.
    // Records of 32 or more ALT alleles (many-allelic STR calls, say) share one more slot, for the last such count
    // (_manyAlts, -1 when unknown; forgotten with the others).
    private readonly OnePassLayout?[] _onePassLayouts = new OnePassLayout?[32];
    private uint _onePassKnown;
    private OnePassLayout? _manyAltsLayout;
    private int _manyAlts = -1;

    private readonly StrongBox<long> _samplesReadByShape = new();

    /// <summary>Samples this decoder has read by shape (<see cref="SampleShapes"/>), for tests.</summary>
    internal long SamplesReadByShape => _samplesReadByShape.Value;

    private OnePassLayout? OnePassLayoutFor(VcfRecord record, int fields, int alts)
    {
        if (alts >= _onePassLayouts.Length)
        {
            if (alts != _manyAlts)
            {
                _manyAltsLayout = OnePassLayout.Of(record.FormatFields.AsSpan(), fields, alts, _samplesReadByShape);
                _manyAlts = alts;
            }

            return _manyAltsLayout;
        }

        if ((_onePassKnown & (1u << alts)) == 0)
        {
            _onePassLayouts[alts] = OnePassLayout.Of(record.FormatFields.AsSpan(), fields, alts, _samplesReadByShape);
            _onePassKnown |= 1u << alts;
        }

        return _onePassLayouts[alts];
    }

    /// <summary>Per FORMAT field after GT (index 0 unused), its type and the values a diploid call has of it.</summary>
    private sealed class OnePassLayout(VcfValueType[] types, int[] wanted, int integersPerSample, StrongBox<long> shapeReads)
    {
        public VcfValueType[] Types { get; } = types;

        public int[] Wanted { get; } = wanted;

        /// <summary>Integers per sample when every field is an Integer of a fixed count (GT:AD:DP:GQ:PL), else -1.</summary>
        public int IntegersPerSample { get; } = integersPerSample;

        /// <summary>The sample shapes met under this layout, when its samples can be read by shape (see <see cref="SampleShapes"/>).</summary>
        public SampleShapes? Shapes { get; } = integersPerSample > 0 ? SampleShapes.For(wanted, wanted.Length, integersPerSample, shapeReads) : null;

        public static OnePassLayout? Of(ReadOnlySpan<VcfFieldDefinition> format, int fields, int alts, StrongBox<long> shapeReads)
        {
            var types = new VcfValueType[fields];
            var wanted = new int[fields];
            var integersPerSample = 0;
            for (var k = 1; k < fields; k++)
            {
                var definition = format[k];
                types[k] = definition.Type;
                if (definition.Type is not (VcfValueType.Integer or VcfValueType.Float) && !(definition.Type == VcfValueType.String && definition.Number.IsScalar))
                {
                    return null;
                }

                // A diploid call: Number=G counts genotypes of ploidy 2.
                wanted[k] = definition.Number.ExpectedCount(alts, 2);
                integersPerSample = definition.Type == VcfValueType.Integer && wanted[k] >= 0 && integersPerSample >= 0 ? integersPerSample + wanted[k] : -1;
            }

            return new OnePassLayout(types, wanted, integersPerSample, shapeReads);
        }
    }

    /// <summary>
    /// The samples from <paramref name="sample"/> on whose FORMAT fields after GT are all Integers of fixed count
    /// and whose every value is 1 to 7 digits, as in nearly every GT:AD:DP:GQ:PL column: read by their shapes where they
    /// have one (<see cref="ReadShapedSamples"/>: values of 1 to 4 digits, 8 values at most), else with one 8-byte word
    /// per value (the line's last values from the word that ends with them), no call, and the integer pool sized once. It
    /// stops before the first sample it cannot take whole ('.', a sign, a long number, a dropped trailing field, a line
    /// shorter than a word, anything malformed), with that sample untouched, and returns where it stopped;
    /// <see cref="DecodeSamplesOnePass"/> takes it from there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Sample, int Position) DecodePlainIntegerSamples(VcfRecord record, ReadOnlySpan<byte> region, int sample, int position, int sampleCount, int fields, ReadOnlySpan<int> wanted, int integersPerSample, uint maxAllele, SampleShapes? shapes)
    {
        // A sample read by shape stores four or eight lanes, some past its last value.
        var needed = record.IntegerCount + ((sampleCount - sample) * integersPerSample) + 8;
        if (record.IntegerPool.Length < needed)
        {
            Array.Resize(ref record.IntegerPool, Math.Max(needed, record.IntegerPool.Length * 2));
        }

        var integers = record.IntegerPool;
        var count = record.IntegerCount;
        var values = record.SampleValues;
        var at = record.GenotypeAlleleCount;
        ref var bytes = ref MemoryMarshal.GetReference(region);
        var length = region.Length;
        var pos = position;
        var s = sample;
        for (; s < sampleCount; s++)
        {
            if (shapes is not null)
            {
                // The samples that have a shape; the loop below reads the one it stops at, if it can.
                s = ReadShapedSamples(shapes, record, region, ref pos, s, sampleCount, fields, maxAllele, ref count, ref at);
                if (s == sampleCount)
                {
                    break;
                }
            }

            if (pos + 4 > length)
            {
                break;
            }

            var separator = Unsafe.Add(ref bytes, pos + 1);
            if (!TryDiploidDigits(Unsafe.Add(ref bytes, pos), separator, Unsafe.Add(ref bytes, pos + 2), maxAllele, out var a, out var b))
            {
                break;
            }

            var cursor = pos + 3;
            var countBefore = count;
            var baseIndex = s * fields;
            var k = 1;
            for (; k < fields; k++)
            {
                if (cursor >= length || Unsafe.Add(ref bytes, cursor) != (byte)':')
                {
                    break;
                }

                cursor++;
                var first = count;
                var expected = wanted[k];
                var elements = 0;
                while (true)
                {
                    // The line's last bytes are read from the word that ends with them (a one-sample line's values).
                    if (!TryReadWord(region, cursor, out var word))
                    {
                        elements = -1;
                        break;
                    }

                    var digitCount = LeadingDigits(word, out var value);
                    if ((uint)(digitCount - 1) >= 7 || elements == expected)
                    {
                        elements = -1;
                        break;
                    }

                    integers[count++] = value;
                    elements++;
                    cursor += digitCount;
                    if (cursor >= length || Unsafe.Add(ref bytes, cursor) != (byte)',')
                    {
                        break;
                    }

                    cursor++;
                }

                if (elements != expected)
                {
                    break;
                }

                values[baseIndex + k] = new FieldValues(first, elements);
            }

            // Every field present, and the sample ends at a tab (the last one at the end of the line).
            if (k < fields || (s < sampleCount - 1 ? cursor >= length || Unsafe.Add(ref bytes, cursor) != Tab : cursor != length))
            {
                count = countBefore;
                break;
            }

            StoreDiploid(record, s, at, (int)a, (int)b, separator);
            at += 2;
            values[baseIndex] = FieldValues.Missing;
            pos = cursor + 1;
        }

        record.IntegerCount = count;
        record.GenotypeAlleleCount = at;
        return (s, pos);
    }

    // The length of the Integer element at text[pos..], as TryParseIntegerElement reads it, or -1 when it is not one.
    // 1 to 7 digits followed by a separator are read from one word (LeadingDigits); anything else (a sign, '.', 8 or
    // more digits, the last bytes of the line) by TryParseIntegerElement. The position goes in by value and the length
    // comes back, so the caller's position stays in a register (passed by reference it lives in memory, and every
    // value waited on it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IntegerElementLength(ReadOnlySpan<byte> text, int pos, out int value)
    {
        if (TryReadWord(text, pos, out var word))
        {
            var length = LeadingDigits(word, out value);
            if (length is > 0 and < 8)
            {
                return length;
            }
        }

        return GeneralIntegerElementLength(text, pos, out value);
    }

    /// <summary>
    /// How many ASCII digits <paramref name="word"/> (8 bytes of text, first byte lowest) starts with, 8 when all are,
    /// and, when 1 to 7, their value: found and converted without a branch per digit (SWAR), where a digit loop
    /// mispredicts its exit at nearly every value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LeadingDigits(ulong word, out int value)
    {
        var digits = word - 0x3030303030303030UL;
        var length = DigitBytes(digits);
        // The digits, most significant in the lowest byte, combined (garbage when length is 0 or 8).
        value = (int)CombineDigits(digits, length);
        return length;
    }

    /// <summary>
    /// How many bytes of <paramref name="digits"/> (8 bytes of text less '0' each, first byte lowest) are digits before
    /// the first that is not, 8 when all are: a byte below '0' wrapped (high bit set), one above '9' gets the high bit
    /// once 0x76 is added. Borrows and carries only reach bytes after the first non-digit, which are not counted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DigitBytes(ulong digits) =>
        BitOperations.TrailingZeroCount((digits | (digits + 0x7676767676767676UL)) & 0x8080808080808080UL) >> 3;

    /// <summary>
    /// The number the first <paramref name="count"/> bytes of <paramref name="digits"/> spell, one digit a byte in its
    /// low four bits, most significant first (the bytes after them are ignored); count 1 to 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long CombineDigits(ulong digits, int count)
    {
        // Moved up so the missing leading digits are zero, then pairs, quads and octets combined: 10a + b,
        // 100ab + cd, 10000abcd + efgh. (Garbage when count is 0.)
        digits <<= ((8 - count) * 8) & 63;
        digits = ((digits & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        digits = ((digits & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        return (long)(((digits & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int GeneralIntegerElementLength(ReadOnlySpan<byte> text, int pos, out int value)
    {
        var end = pos;
        return TryParseIntegerElement(text, ref end, out value) ? end - pos : -1;
    }

    // The length of the Float element at text[pos..], or -1 when it is not one: '.' (missing) when a separator or the
    // end follows it, else what TryParseFloat accepts up to the next separator. A short decimal (an allele fraction,
    // 0.315) is read in the pass that finds its end, as TryParseShortDecimal reads it; anything else is cut out at the
    // separator and read by TryParseFloat (a search for the separator first, then the parse, cost about 140
    // instructions a value, counted with callgrind).
    private static int FloatElementLength(ReadOnlySpan<byte> text, int pos, out double value)
    {
        var end = ShortDecimalEnd(text, pos, out value);
        return end >= 0 && (end == text.Length || text[end] is (byte)',' or (byte)':' or Tab)
            ? end - pos
            : GeneralFloatElementLength(text, pos, out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GeneralFloatElementLength(ReadOnlySpan<byte> text, int pos, out double value)
    {
        var length = text[pos..].IndexOfAny((byte)',', (byte)':', Tab);
        var element = length < 0 ? text[pos..] : text.Slice(pos, length);
        if (element is [(byte)'.'])
        {
            value = VcfMissing.Float;
            return 1;
        }

        return TryParseFloat(element, out value) ? element.Length : -1;
    }
}
