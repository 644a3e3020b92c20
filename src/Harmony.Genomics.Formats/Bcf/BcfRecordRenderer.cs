using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Bcf;

// The hot methods are compiled optimised from the first call: a BCF is rendered in one pass, so tier-0 code would
// otherwise run for a large share of a typical file.

/// <summary>
/// Renders one BCF record as the VCF line <c>bcftools view</c> (htslib 1.16 <c>vcf_format</c>) prints for it.
/// VCF 4.4 §6.3 describes the record layout; §6.3.3 the typed values and their missing and end-of-vector sentinels.
/// </summary>
internal sealed class BcfRecordRenderer
{
    // VCF 4.4 §6.3.3: type codes of typed values.
    internal const int TypeInt8 = 1;
    internal const int TypeInt16 = 2;
    internal const int TypeInt32 = 3;
    internal const int TypeFloat = 5;
    internal const int TypeChar = 7;

    // VCF 4.4 §6.3.3: float missing is a signalling NaN, the end of a vector another.
    internal const uint FloatMissing = 0x7F800001;
    internal const uint FloatVectorEnd = 0x7F800002;

    private readonly BcfHeaderDictionary header;
    private readonly string sourceName;
    private long recordIndex;
    private long recordOffset;

    public BcfRecordRenderer(BcfHeaderDictionary header, string sourceName)
    {
        this.header = header;
        this.sourceName = sourceName;
    }

    /// <summary>Appends the VCF line (with its newline) for the record in <paramref name="shared"/> and <paramref name="indiv"/>.</summary>
    /// <param name="shared">The shared part (l_shared bytes).</param>
    /// <param name="indiv">The per-sample part (l_indiv bytes).</param>
    /// <param name="index">The 0-based record index, for errors.</param>
    /// <param name="offset">The record's offset in the decompressed BCF, for errors.</param>
    /// <param name="output">Where the line goes.</param>
    public void Render(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv, long index, long offset, TextBuffer output)
    {
        recordIndex = index;
        recordOffset = offset;
        try
        {
            RenderCore(shared, indiv, output);
        }
        catch (IndexOutOfRangeException)
        {
            throw Error("a BCF record whose typed values fit inside its l_shared and l_indiv lengths (corrupt record)");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Error("a BCF record whose typed values fit inside its l_shared and l_indiv lengths (corrupt record)");
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RenderCore(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv, TextBuffer output)
    {
        if (shared.Length < 24)
        {
            throw Error($"a BCF record with l_shared of at least 24 bytes, found {shared.Length}");
        }

        var (chrom, pos, qualBits, nInfo, nAllele, nSample, nFmt) = ReadFixedFields(shared);

        var name = header.ContigAt(chrom) ?? throw Error($"a CHROM index declared by a ##contig header line, found {chrom}");
        output.Append(name);
        output.Append((byte)'\t');
        output.Append((long)pos + 1);
        output.Append((byte)'\t');

        var p = 24;

        // ID: a typed string; empty means missing.
        var (idCount, idType) = ReadDescriptor(shared, ref p);
        var idBytes = shared.Slice(p, idCount * Size(idType));
        p += idBytes.Length;
        if (idCount == 0)
        {
            output.Append((byte)'.');
        }
        else
        {
            AppendChars(idBytes, output);
        }

        output.Append((byte)'\t');

        // REF and ALT: n_allele typed strings.
        if (nAllele == 0)
        {
            output.Append(".\t."u8);
        }

        for (var a = 0; a < nAllele; a++)
        {
            var (count, type) = ReadDescriptor(shared, ref p);
            var bytes = shared.Slice(p, count * Size(type));
            p += bytes.Length;
            if (a >= 2)
            {
                output.Append((byte)',');
            }

            AppendChars(bytes, output);
            if (a == 0)
            {
                output.Append((byte)'\t');
                if (nAllele == 1)
                {
                    output.Append((byte)'.');
                }
            }
        }

        output.Append((byte)'\t');
        if (qualBits == FloatMissing)
        {
            output.Append((byte)'.');
        }
        else
        {
            output.AppendFloat(BitConverter.UInt32BitsToSingle(qualBits));
        }

        output.Append((byte)'\t');

        // FILTER: a typed vector of string-dictionary indexes.
        var (nFilter, filterType) = ReadDescriptor(shared, ref p);
        if (nFilter == 0)
        {
            output.Append((byte)'.');
        }

        for (var f = 0; f < nFilter; f++)
        {
            var key = (int)ReadInt(shared, ref p, filterType);
            if (f > 0)
            {
                output.Append((byte)';');
            }

            output.Append(header.StringAt(key) ?? throw Error($"a FILTER index declared by the header, found {key}"));
        }

        output.Append((byte)'\t');

        // INFO: n_info pairs of a typed key and a typed value (htslib vcf_format).
        if (nInfo == 0)
        {
            output.Append((byte)'.');
        }

        for (var i = 0; i < nInfo; i++)
        {
            var key = ReadTypedInt(shared, ref p);
            if (i > 0)
            {
                output.Append((byte)';');
            }

            output.Append(header.StringAt(key) ?? throw Error($"an INFO key index declared by the header, found {key}"));
            var (count, type) = ReadDescriptor(shared, ref p);
            var values = shared.Slice(p, count * Size(type));
            p += values.Length;
            if (count <= 0)
            {
                // A flag (or an empty value), printed as the key alone.
                continue;
            }

            output.Append((byte)'=');
            if (count == 1)
            {
                // htslib prints single values without the end-of-vector check.
                if (type == TypeChar)
                {
                    output.Append(values[0]);
                }
                else if (type == TypeFloat)
                {
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(values);
                    if (bits == FloatMissing)
                    {
                        output.Append((byte)'.');
                    }
                    else
                    {
                        output.AppendFloat(BitConverter.UInt32BitsToSingle(bits));
                    }
                }
                else
                {
                    var q = 0;
                    var v = ReadInt(values, ref q, type);
                    if (v == MissingOf(type))
                    {
                        output.Append((byte)'.');
                    }
                    else
                    {
                        output.Append(v);
                    }
                }
            }
            else
            {
                AppendArray(values, count, type, output);
            }
        }

        // FORMAT and samples.
        if (nSample > 0)
        {
            RenderSamples(indiv, nFmt, nSample, output);
        }

        output.Append((byte)'\n');
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RenderSamples(ReadOnlySpan<byte> indiv, int nFmt, int nSample, TextBuffer output)
    {
        if (nFmt == 0)
        {
            for (var j = 0; j <= nSample; j++)
            {
                output.Append("\t."u8);
            }

            return;
        }

        Span<(int Start, int Count, int Type, bool Gt)> fields = nFmt <= 64 ? stackalloc (int, int, int, bool)[nFmt] : new (int, int, int, bool)[nFmt];
        var p = 0;
        for (var i = 0; i < nFmt; i++)
        {
            var key = ReadTypedInt(indiv, ref p);
            var name = header.StringAt(key) ?? throw Error($"a FORMAT key index declared by the header, found {key}");
            output.Append(i == 0 ? (byte)'\t' : (byte)':');
            output.Append(name);
            var (count, type) = ReadDescriptor(indiv, ref p);
            fields[i] = (p, count, type, name == "GT");
            p += count * Size(type) * nSample;
            if (p > indiv.Length)
            {
                throw Error($"FORMAT/{name} values for {nSample} samples inside l_indiv ({indiv.Length} bytes)");
            }
        }

        if (nFmt == 1 && fields[0] is { Gt: true, Type: TypeInt8, Count: 2 })
        {
            RenderDiploidGenotypes(indiv.Slice(fields[0].Start, 2 * nSample), nSample, output);
            return;
        }

        // Room for the widest rendering of one sample: 11 characters and a separator per value (a float's %g is at
        // most 13: reserve 14), so the per-value appends need no capacity checks.
        var perSample = 1;
        foreach (var field in fields)
        {
            perSample += 1 + (Math.Max(field.Count, 1) * 14);
        }

        for (var j = 0; j < nSample; j++)
        {
            output.Reserve(perSample);
            output.AppendUnchecked((byte)'\t');
            for (var i = 0; i < nFmt; i++)
            {
                if (i > 0)
                {
                    output.AppendUnchecked((byte)':');
                }

                var (start, count, type, gt) = fields[i];
                var size = count * Size(type);
                var values = indiv.Slice(start + (j * size), size);
                if (gt)
                {
                    AppendGenotype(values, count, type, output);
                }
                else
                {
                    AppendArray(values, count, type, output);
                }
            }
        }
    }

    /// <summary>
    /// FORMAT = GT alone, two int8 values per sample (a cohort's genotype matrix): a sample whose alleles are 0 to 9 or
    /// missing is written as one 4-byte word (tab, allele, separator, allele); any other (haploid, a larger allele)
    /// goes through <see cref="AppendGenotype"/>, as every sample did before. Four such samples at a time are
    /// rendered by one byte shuffle (<see cref="RenderFourDiploid"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void RenderDiploidGenotypes(ReadOnlySpan<byte> values, int nSample, TextBuffer output)
    {
        output.Reserve((nSample * 4) + 16);
        var j = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 4 <= nSample; j += 4)
            {
                var four = Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(values.Slice(2 * j, 8))).AsByte();
                if (!Vector128.GreaterThanAny(four, Vector128.Create((byte)21)))
                {
                    output.AppendSixteenUnchecked(RenderFourDiploid(four));
                    continue;
                }

                for (var k = j; k < j + 4; k++)
                {
                    RenderDiploid(values, k, nSample, output);
                }
            }
        }

        for (; j < nSample; j++)
        {
            RenderDiploid(values, j, nSample, output);
        }
    }

    // One sample of RenderDiploidGenotypes: (allele + 1) << 1 | phased, 0 is '.', 1 to 10 the digits 0 to 9; the first
    // allele's phase bit is not printed.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void RenderDiploid(ReadOnlySpan<byte> values, int j, int nSample, TextBuffer output)
    {
        var first = (sbyte)values[2 * j] >> 1;
        var second = (sbyte)values[(2 * j) + 1];
        if ((uint)first <= 10 && (uint)(second >> 1) <= 10)
        {
            var a = first == 0 ? (uint)'.' : (uint)('0' + first - 1);
            var b = (second >> 1) == 0 ? (uint)'.' : (uint)('0' + (second >> 1) - 1);
            var separator = (second & 1) != 0 ? (uint)'|' : '/';
            output.AppendFourUnchecked((uint)'\t' | (a << 8) | (separator << 16) | (b << 24));
            return;
        }

        output.Reserve(16 + ((nSample - j) * 4));
        output.AppendUnchecked((byte)'\t');
        AppendGenotype(values.Slice(2 * j, 2), 2, TypeInt8, output);
    }

    /// <summary>
    /// Four diploid samples (eight GT bytes in the low half, each at most 21: alleles 0 to 9 or missing) as sixteen
    /// bytes of text: tab, allele, separator, allele per sample, as <see cref="RenderDiploid"/> writes one.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> RenderFourDiploid(Vector128<byte> four)
    {
        var allele = Vector128.ShiftRightLogical(four, 1);

        // '0' - 1 + allele, less one where the allele is missing (0), which gives '.'.
        var digits = allele + Vector128.Create((byte)('0' - 1)) + Vector128.Equals(allele, Vector128<byte>.Zero);
        var separators = Vector128.ConditionalSelect(Vector128.Equals(four & Vector128<byte>.One, Vector128<byte>.One), Vector128.Create((byte)'|'), Vector128.Create((byte)'/'));

        // Digits in bytes 0-7, separators in bytes 8-15; each sample takes its two digits and its second allele's separator.
        var both = Vector128.Create(digits.AsUInt64().ToScalar(), separators.AsUInt64().ToScalar()).AsByte();
        var text = Vector128.Shuffle(both, Vector128.Create((byte)255, 0, 9, 1, 255, 2, 11, 3, 255, 4, 13, 5, 255, 6, 15, 7));
        return text | Vector128.Create((byte)'\t', 0, 0, 0, (byte)'\t', 0, 0, 0, (byte)'\t', 0, 0, 0, (byte)'\t', 0, 0, 0);
    }

    /// <summary>VCF 4.4 §6.3.3 GT encoding: (allele+1)&lt;&lt;1 | phased; 0 is a missing allele. htslib <c>bcf_format_gt</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void AppendGenotype(ReadOnlySpan<byte> values, int count, int type, TextBuffer output)
    {
        if (type == TypeInt8)
        {
            // The common case (fewer than 63 alleles): one byte per allele, no decoding switch.
            var k = 0;
            for (; k < values.Length; k++)
            {
                var v = (sbyte)values[k];
                if (v == sbyte.MinValue + 1)
                {
                    break;
                }

                if (k > 0)
                {
                    output.AppendUnchecked((v & 1) != 0 ? (byte)'|' : (byte)'/');
                }

                if ((v >> 1) == 0)
                {
                    output.AppendUnchecked((byte)'.');
                }
                else
                {
                    output.AppendUnchecked((long)((v >> 1) - 1));
                }
            }

            if (k == 0)
            {
                output.AppendUnchecked((byte)'.');
            }

            return;
        }

        var p = 0;
        var vectorEnd = VectorEndOf(type);
        var i = 0;
        for (; i < count; i++)
        {
            var v = ReadInt(values, ref p, type);
            if (v == vectorEnd)
            {
                break;
            }

            if (i > 0)
            {
                output.Append((v & 1) != 0 ? (byte)'|' : (byte)'/');
            }

            if ((v >> 1) == 0)
            {
                output.Append((byte)'.');
            }
            else
            {
                output.Append((v >> 1) - 1);
            }
        }

        if (i == 0)
        {
            output.Append((byte)'.');
        }
    }

    /// <summary>
    /// The first 24 bytes of a record's shared part (VCF 4.4 §6.3.1): CHROM index, 0-based POS, QUAL's bits, and the
    /// counts of INFO fields, alleles, samples and FORMAT fields (rlen, at bytes 8-11, is not used: END comes from INFO).
    /// </summary>
    internal static (int Chrom, int Pos, uint QualBits, int NInfo, int NAllele, int NSample, int NFmt) ReadFixedFields(ReadOnlySpan<byte> shared)
    {
        var alleleInfo = BinaryPrimitives.ReadUInt32LittleEndian(shared[16..]);
        var fmtSample = BinaryPrimitives.ReadUInt32LittleEndian(shared[20..]);
        return (BinaryPrimitives.ReadInt32LittleEndian(shared), BinaryPrimitives.ReadInt32LittleEndian(shared[4..]), BinaryPrimitives.ReadUInt32LittleEndian(shared[12..]),
            (int)(alleleInfo & 0xFFFF), (int)(alleleInfo >> 16), (int)(fmtSample & 0xFFFFFF), (int)(fmtSample >> 24));
    }

    /// <summary>htslib <c>bcf_fmt_array</c>: ',' between values, '.' for missing, stop at the end-of-vector sentinel.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void AppendArray(ReadOnlySpan<byte> values, int count, int type, TextBuffer output)
    {
        if (count == 0)
        {
            output.Append((byte)'.');
            return;
        }

        if (type == TypeChar)
        {
            AppendChars(values, output);
            return;
        }

        if (type == TypeInt8)
        {
            // At most "-128," per value: room made once, then no capacity check per byte.
            output.Reserve(values.Length * 5);
            for (var k = 0; k < values.Length; k++)
            {
                var v = (sbyte)values[k];
                if (v == sbyte.MinValue + 1)
                {
                    break;
                }

                if (k > 0)
                {
                    output.AppendUnchecked((byte)',');
                }

                if (v == sbyte.MinValue)
                {
                    output.AppendUnchecked((byte)'.');
                }
                else
                {
                    output.AppendUnchecked((long)v);
                }
            }

            return;
        }

        if (type != TypeFloat)
        {
            // At most "-2147483648," per value.
            output.Reserve(count * 12);
        }

        var p = 0;
        for (var j = 0; j < count; j++)
        {
            if (type == TypeFloat)
            {
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(values[p..]);
                p += 4;
                if (bits == FloatVectorEnd)
                {
                    break;
                }

                if (j > 0)
                {
                    output.Append((byte)',');
                }

                if (bits == FloatMissing)
                {
                    output.Append((byte)'.');
                }
                else
                {
                    output.AppendFloat(BitConverter.UInt32BitsToSingle(bits));
                }
            }
            else
            {
                var v = ReadInt(values, ref p, type);
                if (v == VectorEndOf(type))
                {
                    break;
                }

                if (j > 0)
                {
                    output.AppendUnchecked((byte)',');
                }

                if (v == MissingOf(type))
                {
                    output.AppendUnchecked((byte)'.');
                }
                else
                {
                    output.AppendUnchecked((long)v);
                }
            }
        }
    }

    /// <summary>Characters up to the first NUL (the padding of VCF 4.4 §6.3.3); 0x07 is a missing string.</summary>
    private static void AppendChars(ReadOnlySpan<byte> bytes, TextBuffer output)
    {
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                break;
            }

            output.Append(b == 0x07 ? (byte)'.' : b);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int Size(int type) => type switch
    {
        TypeInt8 or TypeChar => 1,
        TypeInt16 => 2,
        TypeInt32 or TypeFloat => 4,
        0 => 0,
        _ => 8,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static long MissingOf(int type) => type switch
    {
        TypeInt8 => sbyte.MinValue,
        TypeInt16 => short.MinValue,
        _ => int.MinValue,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static long VectorEndOf(int type) => MissingOf(type) + 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static long ReadInt(ReadOnlySpan<byte> span, ref int p, int type)
    {
        switch (type)
        {
            case TypeInt8:
                return (sbyte)span[p++];
            case TypeInt16:
                p += 2;
                return BinaryPrimitives.ReadInt16LittleEndian(span[(p - 2)..]);
            case TypeInt32:
                p += 4;
                return BinaryPrimitives.ReadInt32LittleEndian(span[(p - 4)..]);
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    /// <summary>
    /// VCF 4.4 §6.3.3: the type byte holds the count in its high nibble; 15 means a typed integer count follows. False
    /// for a type or count no BCF holds; a descriptor past the span's end throws <see cref="IndexOutOfRangeException"/>.
    /// </summary>
    internal static bool TryDescriptor(ReadOnlySpan<byte> span, ref int p, out int count, out int type)
    {
        var b = span[p++];
        count = b >> 4;
        type = b & 0x0F;
        if (count == 15 && !TryTypedInt(span, ref p, out count))
        {
            return false;
        }

        return type is (0 or TypeInt8 or TypeInt16 or TypeInt32 or TypeFloat or TypeChar) && count >= 0;
    }

    /// <summary>A typed integer (a count); false for a type that is not an integer.</summary>
    internal static bool TryTypedInt(ReadOnlySpan<byte> span, ref int p, out int value)
    {
        var type = span[p++] & 0x0F;
        value = 0;
        if (type is not (TypeInt8 or TypeInt16 or TypeInt32))
        {
            return false;
        }

        value = (int)ReadInt(span, ref p, type);
        return true;
    }

    private int ReadTypedInt(ReadOnlySpan<byte> span, ref int p)
    {
        var type = span[p++] & 0x0F;
        if (type is not (TypeInt8 or TypeInt16 or TypeInt32))
        {
            throw Error($"a typed integer (type 1, 2 or 3), found type {type}");
        }

        return (int)ReadInt(span, ref p, type);
    }

    /// <summary>VCF 4.4 §6.3.3: the type byte holds the count in its high nibble; 15 means a typed integer count follows.</summary>
    private (int Count, int Type) ReadDescriptor(ReadOnlySpan<byte> span, ref int p)
    {
        var b = span[p++];
        var count = b >> 4;
        var type = b & 0x0F;
        if (count == 15)
        {
            count = ReadTypedInt(span, ref p);
        }

        if (type is not (0 or TypeInt8 or TypeInt16 or TypeInt32 or TypeFloat or TypeChar) || count < 0)
        {
            throw Error($"a typed value of type 0, 1, 2, 3, 5 or 7 with a non-negative count, found type {type}, count {count}");
        }

        return (count, type);
    }

    private InputFormatException Error(string expected) =>
        new(sourceName, null, recordOffset, $"BCF record {recordIndex + 1}", expected);
}
