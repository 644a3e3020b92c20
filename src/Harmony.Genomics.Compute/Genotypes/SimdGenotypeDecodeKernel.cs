using System.Runtime.CompilerServices;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// The CPU fast path: per record, one vectorised sweep finds every sample column's tab (<see cref="DelimiterIndex"/>:
/// Vector512 where AVX-512 is accelerated, else Vector256, scalar tail), then a tight one-pass parse per call with a
/// fast path for the commonest GT (two single-digit alleles); records in chunks, in parallel.
/// </summary>
internal sealed class SimdGenotypeDecodeKernel(int threads, ScanPath path = ScanPath.Auto) : IGenotypeDecodeKernel
{
    private const int ChunkRecords = 16;

    public void Decode(GenotypeLines lines, GenotypeColumns output)
    {
        GenotypeDecoding.Check(lines, output);
        var chunks = (lines.Records + ChunkRecords - 1) / ChunkRecords;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => new int[Math.Max(1, lines.Samples)],
            (chunk, _, tabs) =>
            {
                var end = Math.Min(lines.Records, (chunk + 1) * ChunkRecords);
                for (var r = chunk * ChunkRecords; r < end; r++)
                {
                    DecodeRecord(lines, output, r, tabs, path);
                }

                return tabs;
            },
            _ => { });
    }

    public void Dispose()
    {
    }

    private static void DecodeRecord(GenotypeLines lines, GenotypeColumns o, int r, int[] tabs, ScanPath path)
    {
        var samples = lines.Samples;
        if (samples == 0)
        {
            GenotypeDecoding.Succeed(o, r);
            return;
        }

        var lineStart = lines.LineStart(r);
        var samplesStart = lines.SamplesStart(r);
        var lineEnd = lines.LineEnd(r);
        var region = lines.Text.AsSpan(samplesStart, lineEnd - samplesStart);
        var found = DelimiterIndex.FindAll(region, (byte)'\t', tabs.AsSpan(0, samples - 1), path);
        if (found < samples - 1)
        {
            GenotypeDecoding.Fail(o, r, GenotypeDecodeError.MissingSampleColumns, -1, lineEnd - lineStart);
            return;
        }

        if (found > samples - 1)
        {
            var after = samples > 1 ? tabs[samples - 2] + 1 : 0;
            GenotypeDecoding.Fail(o, r, GenotypeDecodeError.ExtraSampleColumns, -1, samplesStart + after + region[after..].IndexOf((byte)'\t') - lineStart);
            return;
        }

        tabs[samples - 1] = region.Length;
        var keys = lines.FormatKeys(r);
        var gtKey = lines.GtKey(r);
        var adKey = lines.AdKey(r);
        var dpKey = lines.DpKey(r);
        var from = 0;
        for (var s = 0; s < samples; s++)
        {
            var to = tabs[s];
            var error = DecodeCall(o, r, s, region[from..to], samplesStart + from - lineStart, keys, gtKey, adKey, dpKey, out var column);
            if (error != GenotypeDecodeError.None)
            {
                GenotypeDecoding.Fail(o, r, error, s, column);
                return;
            }

            from = to + 1;
        }

        GenotypeDecoding.Succeed(o, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - (byte)'0') <= 9;

    private static GenotypeDecodeError DecodeCall(GenotypeColumns o, int r, int s, ReadOnlySpan<byte> v, int offset, int keys, int gtKey, int adKey, int dpKey, out int column)
    {
        var call = o.Call(r, s);
        var samples = o.Samples;
        var alleleBase = ((long)r * o.MaxPloidy * samples) + s;
        var adBase = ((long)r * o.MaxAd * samples) + s;
        o.Ploidy[call] = 0;
        o.Phased[call] = 0;
        o.AdCount[call] = 0;
        o.Dp[call] = GenotypeColumns.MissingInteger;
        column = offset;
        if (v.IsEmpty)
        {
            return GenotypeDecodeError.EmptySample;
        }

        var gtSeen = false;
        var adSeen = false;
        var i = 0;
        for (var k = 0; ; k++)
        {
            if (k == keys)
            {
                column = offset + i - 1;
                return GenotypeDecodeError.TooManyValues;
            }

            var error = GenotypeDecodeError.None;
            if (k == gtKey)
            {
                gtSeen = true;
                error = ParseGt(o, v, ref i, alleleBase, call, out column);
            }
            else if (k == adKey)
            {
                adSeen = true;
                error = ParseAd(o, v, ref i, adBase, call, out column);
            }
            else if (k == dpKey)
            {
                error = ParseDpValue(v, ref i, out var dp, out column);
                o.Dp[call] = dp;
            }
            else
            {
                var colon = v[i..].IndexOf((byte)':');
                i = colon < 0 ? v.Length : i + colon;
            }

            if (error != GenotypeDecodeError.None)
            {
                column += offset;
                return error;
            }

            if (i == v.Length)
            {
                break;
            }

            i++;
        }

        if (!gtSeen)
        {
            // Absent GT: ploidy 0; a dropped trailing GT: one missing allele, as the VCF decoder reads it.
            var first = GenotypeColumns.AbsentAllele;
            if (gtKey >= 0)
            {
                o.Ploidy[call] = 1;
                first = GenotypeColumns.MissingAllele;
            }

            o.Alleles[alleleBase] = first;
            for (var h = 1; h < o.MaxPloidy; h++)
            {
                o.Alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
            }
        }

        if (!adSeen)
        {
            for (var k = 0; k < o.MaxAd; k++)
            {
                o.Ad[adBase + ((long)k * samples)] = GenotypeColumns.MissingInteger;
            }
        }

        return GenotypeDecodeError.None;
    }

    // Reads the GT at v[i..] up to ':' or the end, leaving i there; column is relative to v.
    private static GenotypeDecodeError ParseGt(GenotypeColumns o, ReadOnlySpan<byte> v, ref int i, long alleleBase, long call, out int column)
    {
        var samples = o.Samples;
        var maxPloidy = o.MaxPloidy;
        column = i;
        if (i == v.Length || v[i] == (byte)':')
        {
            return GenotypeDecodeError.EmptyValue;
        }

        // The commonest call: two single-digit alleles.
        if (maxPloidy >= 2 && i + 2 < v.Length && IsDigit(v[i]) && IsDigit(v[i + 2]) && (v[i + 1] == (byte)'/' || v[i + 1] == (byte)'|')
            && (i + 3 == v.Length || v[i + 3] == (byte)':'))
        {
            o.Alleles[alleleBase] = (short)(v[i] - (byte)'0');
            o.Alleles[alleleBase + samples] = (short)(v[i + 2] - (byte)'0');
            for (var h = 2; h < maxPloidy; h++)
            {
                o.Alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
            }

            o.Ploidy[call] = 2;
            o.Phased[call] = (byte)(v[i + 1] == (byte)'|' ? 1 : 0);
            i += 3;
            return GenotypeDecodeError.None;
        }

        var leadingPipe = false;
        if (v[i] == (byte)'/' || v[i] == (byte)'|')
        {
            leadingPipe = v[i] == (byte)'|';
            i++;
        }

        var allPipes = true;
        var n = 0;
        while (true)
        {
            column = i;
            if (n == maxPloidy)
            {
                return GenotypeDecodeError.PloidyTooHigh;
            }

            short allele;
            if (i < v.Length && v[i] == (byte)'.')
            {
                allele = GenotypeColumns.MissingAllele;
                i++;
            }
            else if (i < v.Length && IsDigit(v[i]))
            {
                var value = 0;
                while (i < v.Length && IsDigit(v[i]))
                {
                    value = Math.Min((value * 10) + (v[i] - (byte)'0'), GenotypeColumns.MaxAlleleIndex + 1);
                    i++;
                }

                if (value > GenotypeColumns.MaxAlleleIndex)
                {
                    return GenotypeDecodeError.AlleleTooLarge;
                }

                allele = (short)value;
            }
            else
            {
                return GenotypeDecodeError.BadAllele;
            }

            o.Alleles[alleleBase + ((long)n * samples)] = allele;
            n++;
            if (i == v.Length || v[i] == (byte)':')
            {
                break;
            }

            if (v[i] != (byte)'/' && v[i] != (byte)'|')
            {
                column = i;
                return GenotypeDecodeError.BadSeparator;
            }

            allPipes &= v[i] == (byte)'|';
            i++;
        }

        for (var h = n; h < maxPloidy; h++)
        {
            o.Alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
        }

        // A lone '.' is one missing allele with no phase.
        o.Ploidy[call] = (byte)n;
        o.Phased[call] = (byte)((n == 1 ? leadingPipe : allPipes) ? 1 : 0);
        return GenotypeDecodeError.None;
    }

    private static GenotypeDecodeError ParseAd(GenotypeColumns o, ReadOnlySpan<byte> v, ref int i, long adBase, long call, out int column)
    {
        var samples = o.Samples;
        column = i;
        if (i == v.Length || v[i] == (byte)':')
        {
            return GenotypeDecodeError.EmptyValue;
        }

        var k = 0;
        if (v[i] == (byte)'.' && (i + 1 == v.Length || v[i + 1] == (byte)':'))
        {
            i++;
        }
        else
        {
            while (true)
            {
                column = i;
                if (k == o.MaxAd)
                {
                    return GenotypeDecodeError.TooManyAdValues;
                }

                var error = ParseInteger(v, ref i, stopAtComma: true, out var value);
                if (error != GenotypeDecodeError.None)
                {
                    return error;
                }

                o.Ad[adBase + ((long)k * samples)] = value;
                k++;
                if (i == v.Length || v[i] == (byte)':')
                {
                    break;
                }

                i++; // the comma
            }
        }

        o.AdCount[call] = (byte)k;
        for (var j = k; j < o.MaxAd; j++)
        {
            o.Ad[adBase + ((long)j * samples)] = GenotypeColumns.MissingInteger;
        }

        return GenotypeDecodeError.None;
    }

    private static GenotypeDecodeError ParseDpValue(ReadOnlySpan<byte> v, ref int i, out int value, out int column)
    {
        column = i;
        value = GenotypeColumns.MissingInteger;
        if (i == v.Length || v[i] == (byte)':')
        {
            return GenotypeDecodeError.EmptyValue;
        }

        var error = ParseInteger(v, ref i, stopAtComma: false, out value);
        if (error != GenotypeDecodeError.None)
        {
            value = GenotypeColumns.MissingInteger;
        }

        return error;
    }

    // One element: '.', or an optional '-' and digits, up to ':' (or ',' when stopAtComma) or the end.
    private static GenotypeDecodeError ParseInteger(ReadOnlySpan<byte> v, ref int i, bool stopAtComma, out int value)
    {
        value = GenotypeColumns.MissingInteger;
        if (i < v.Length && v[i] == (byte)'.' && (i + 1 == v.Length || v[i + 1] == (byte)':' || (stopAtComma && v[i + 1] == (byte)',')))
        {
            i++;
            return GenotypeDecodeError.None;
        }

        var negative = i < v.Length && v[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        long magnitude = 0;
        var digits = 0;
        while (i < v.Length && v[i] != (byte)':' && !(stopAtComma && v[i] == (byte)','))
        {
            if (!IsDigit(v[i]))
            {
                return GenotypeDecodeError.BadInteger;
            }

            magnitude = Math.Min((magnitude * 10) + (v[i] - (byte)'0'), 1L << 32);
            digits++;
            i++;
        }

        if (digits == 0)
        {
            return GenotypeDecodeError.BadInteger;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed < GenotypeColumns.MinimumInteger || signed > int.MaxValue)
        {
            return GenotypeDecodeError.IntegerOutOfRange;
        }

        value = (int)signed;
        return GenotypeDecodeError.None;
    }
}
