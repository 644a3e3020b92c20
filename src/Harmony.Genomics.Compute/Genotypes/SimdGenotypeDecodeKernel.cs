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

    // Parsers return the position after what they read, or a failure: -((code << 32) | position), positions relative
    // to the sample value (a returned position rather than a ref parameter keeps the cursor in a register).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Failure(GenotypeDecodeError error, int position) => -(((long)error << 32) | (uint)position);

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

            long next;
            if (k == gtKey)
            {
                gtSeen = true;
                next = ParseGt(o.Alleles, o.Ploidy, o.Phased, v, i, alleleBase, call, samples, o.MaxPloidy);
            }
            else if (k == adKey)
            {
                adSeen = true;
                next = ParseAd(o.Ad, o.AdCount, v, i, adBase, call, samples, o.MaxAd);
            }
            else if (k == dpKey)
            {
                next = i == v.Length || v[i] == (byte)':' ? Failure(GenotypeDecodeError.EmptyValue, i) : ParseInteger(v, i, stopAtComma: false, o.Dp, call);
            }
            else
            {
                // Other values are short: a plain loop beats a vectorised search's setup.
                next = i;
                while (next < v.Length && v[(int)next] != (byte)':')
                {
                    next++;
                }
            }

            if (next < 0)
            {
                var failure = -next;
                column = offset + (int)(failure & 0xFFFF_FFFFL);
                return (GenotypeDecodeError)(failure >> 32);
            }

            i = (int)next;
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

    // The GT at v[i..], up to ':' or the end.
    private static long ParseGt(short[] alleles, byte[] ploidy, byte[] phased, ReadOnlySpan<byte> v, int i, long alleleBase, long call, int samples, int maxPloidy)
    {
        if (i == v.Length || v[i] == (byte)':')
        {
            return Failure(GenotypeDecodeError.EmptyValue, i);
        }

        // The commonest call: two single-digit alleles.
        if (maxPloidy >= 2 && i + 2 < v.Length && IsDigit(v[i]) && IsDigit(v[i + 2]) && (v[i + 1] == (byte)'/' || v[i + 1] == (byte)'|')
            && (i + 3 == v.Length || v[i + 3] == (byte)':'))
        {
            alleles[alleleBase] = (short)(v[i] - (byte)'0');
            alleles[alleleBase + samples] = (short)(v[i + 2] - (byte)'0');
            for (var h = 2; h < maxPloidy; h++)
            {
                alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
            }

            ploidy[call] = 2;
            phased[call] = (byte)(v[i + 1] == (byte)'|' ? 1 : 0);
            return i + 3;
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
            if (n == maxPloidy)
            {
                return Failure(GenotypeDecodeError.PloidyTooHigh, i);
            }

            short allele;
            if (i < v.Length && v[i] == (byte)'.')
            {
                allele = GenotypeColumns.MissingAllele;
                i++;
            }
            else if (i < v.Length && IsDigit(v[i]))
            {
                var start = i;
                var value = 0;
                while (i < v.Length && IsDigit(v[i]))
                {
                    value = Math.Min((value * 10) + (v[i] - (byte)'0'), GenotypeColumns.MaxAlleleIndex + 1);
                    i++;
                }

                if (value > GenotypeColumns.MaxAlleleIndex)
                {
                    return Failure(GenotypeDecodeError.AlleleTooLarge, start);
                }

                allele = (short)value;
            }
            else
            {
                return Failure(GenotypeDecodeError.BadAllele, i);
            }

            alleles[alleleBase + ((long)n * samples)] = allele;
            n++;
            if (i == v.Length || v[i] == (byte)':')
            {
                break;
            }

            if (v[i] != (byte)'/' && v[i] != (byte)'|')
            {
                return Failure(GenotypeDecodeError.BadSeparator, i);
            }

            allPipes &= v[i] == (byte)'|';
            i++;
        }

        for (var h = n; h < maxPloidy; h++)
        {
            alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
        }

        // A lone allele's phase is its VCF 4.4 leading mark ('.' alone: none).
        ploidy[call] = (byte)n;
        phased[call] = (byte)((n == 1 ? leadingPipe : allPipes) ? 1 : 0);
        return i;
    }

    private static long ParseAd(int[] ad, byte[] adCount, ReadOnlySpan<byte> v, int i, long adBase, long call, int samples, int maxAd)
    {
        if (i == v.Length || v[i] == (byte)':')
        {
            return Failure(GenotypeDecodeError.EmptyValue, i);
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
                if (k == maxAd)
                {
                    return Failure(GenotypeDecodeError.TooManyAdValues, i);
                }

                var next = ParseInteger(v, i, stopAtComma: true, ad, adBase + ((long)k * samples));
                if (next < 0)
                {
                    return next;
                }

                i = (int)next;
                k++;
                if (i == v.Length || v[i] == (byte)':')
                {
                    break;
                }

                i++; // the comma
            }
        }

        adCount[call] = (byte)k;
        for (var j = k; j < maxAd; j++)
        {
            ad[adBase + ((long)j * samples)] = GenotypeColumns.MissingInteger;
        }

        return i;
    }

    // One element ('.', or an optional '-' and digits, up to ':', ',' when stopAtComma, or the end) into target[index].
    private static long ParseInteger(ReadOnlySpan<byte> v, int i, bool stopAtComma, int[] target, long index)
    {
        var start = i;
        if (i < v.Length && v[i] == (byte)'.' && (i + 1 == v.Length || v[i + 1] == (byte)':' || (stopAtComma && v[i + 1] == (byte)',')))
        {
            target[index] = GenotypeColumns.MissingInteger;
            return i + 1;
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
                return Failure(GenotypeDecodeError.BadInteger, start);
            }

            magnitude = Math.Min((magnitude * 10) + (v[i] - (byte)'0'), 1L << 32);
            digits++;
            i++;
        }

        if (digits == 0)
        {
            return Failure(GenotypeDecodeError.BadInteger, start);
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed < GenotypeColumns.MinimumInteger || signed > int.MaxValue)
        {
            return Failure(GenotypeDecodeError.IntegerOutOfRange, start);
        }

        target[index] = (int)signed;
        return i;
    }
}
