using Harmony.Genomics.Compute.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// The ILGPU kernels, three launches: one thread per record finds each sample column's start (and checks the column
/// count); one thread per (record, sample) decodes a call, and on an error lowers the record's first failing sample
/// with an atomic minimum; one thread per failed record re-decodes that sample for the error code and position and
/// puts every call of the record in the absent state. Neighbouring threads write neighbouring elements of each
/// plane. The same code runs on CUDA and on ILGPU's CPU accelerator, where tests check it against the scalar
/// reference. A batch may hold at most <see cref="int.MaxValue"/> calls.
/// </summary>
internal sealed class IlgpuGenotypeDecodeKernel : IGenotypeDecodeKernel
{
    private const int NoFailure = int.MaxValue;
    private readonly GpuSession _session;
    private readonly bool _ownsSession;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _scanKernel;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<short>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int, int, int> _decodeKernel;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<short>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int, int, int> _finishKernel;

    public IlgpuGenotypeDecodeKernel(GpuSession session, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _ownsSession = ownsSession;
        var accelerator = session.Accelerator;
        _scanKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(ScanKernel);
        _decodeKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<short>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int, int, int>(DecodeKernel);
        _finishKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<short>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int, int, int>(FinishKernel);
    }

    public void Decode(GenotypeLines lines, GenotypeColumns output)
    {
        GenotypeDecoding.Check(lines, output);
        int records = lines.Records, samples = lines.Samples;
        if (records == 0)
        {
            return;
        }

        if (samples == 0)
        {
            for (var r = 0; r < records; r++)
            {
                GenotypeDecoding.Succeed(output, r);
            }

            return;
        }

        var calls = (long)records * samples;
        if (calls * Math.Max(output.MaxPloidy, output.MaxAd) >= int.MaxValue)
        {
            throw new ArgumentException($"a batch of {records} x {samples} calls is too large for one GPU launch; decode it in smaller batches");
        }

        var accelerator = _session.Accelerator;
        using var text = accelerator.Allocate1D(lines.Text.Length == 0 ? new byte[1] : lines.Text);
        using var info = accelerator.Allocate1D(lines.Info);
        using var starts = accelerator.Allocate1D<int>(calls);
        using var errors = accelerator.Allocate1D<int>(3L * records);
        using var alleles = accelerator.Allocate1D<short>(output.Alleles.Length);
        using var callBytes = accelerator.Allocate1D<byte>(3 * calls);
        using var ad = accelerator.Allocate1D<int>(output.Ad.Length);
        using var dp = accelerator.Allocate1D<int>(calls);
        _scanKernel(records, text.View, info.View, starts.View, errors.View, samples);
        _decodeKernel((int)calls, text.View, info.View, starts.View, errors.View, alleles.View, callBytes.View, ad.View, dp.View, samples, output.MaxPloidy, output.MaxAd);
        _finishKernel(records, text.View, info.View, starts.View, errors.View, alleles.View, callBytes.View, ad.View, dp.View, samples, output.MaxPloidy, output.MaxAd);
        accelerator.Synchronize();
        alleles.View.CopyToCPU(output.Alleles);
        ad.View.CopyToCPU(output.Ad);
        dp.View.CopyToCPU(output.Dp);
        var bytes = callBytes.GetAsArray1D();
        Array.Copy(bytes, 0, output.Ploidy, 0, calls);
        Array.Copy(bytes, calls, output.Phased, 0, calls);
        Array.Copy(bytes, 2 * calls, output.AdCount, 0, calls);
        var e = errors.GetAsArray1D();
        for (var r = 0; r < records; r++)
        {
            output.ErrorCode[r] = e[3 * r];
            output.ErrorSample[r] = e[(3 * r) + 1];
            output.ErrorColumn[r] = e[(3 * r) + 2];
        }
    }

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    /// <summary>One thread per record: starts[r * S + s] = first byte of sample s; errors[3r..3r+2] = code, first failing sample (or none), column.</summary>
    private static void ScanKernel(Index1D index, ArrayView<byte> text, ArrayView<int> info, ArrayView<int> starts, ArrayView<int> errors, int samples)
    {
        int r = index;
        var at = r * GenotypeLines.InfoStride;
        var lineStart = info[at + GenotypeLines.LineStartField];
        var lineEnd = info[at + GenotypeLines.LineEndField];
        var samplesStart = info[at + GenotypeLines.SamplesStartField];
        var row = (long)r * samples;
        starts[row] = samplesStart;
        var tabs = 0;
        var extra = -1;
        for (var p = samplesStart; p < lineEnd; p++)
        {
            if (text[p] == (byte)'\t')
            {
                tabs++;
                if (tabs < samples)
                {
                    starts[row + tabs] = p + 1;
                }
                else
                {
                    extra = p;
                    break;
                }
            }
        }

        var code = 0;
        var column = 0;
        if (extra >= 0)
        {
            code = (int)GenotypeDecodeError.ExtraSampleColumns;
            column = extra - lineStart;
        }
        else if (tabs < samples - 1)
        {
            code = (int)GenotypeDecodeError.MissingSampleColumns;
            column = lineEnd - lineStart;
        }

        errors[3 * r] = code;
        errors[(3 * r) + 1] = code != 0 ? -1 : NoFailure;
        errors[(3 * r) + 2] = column;
    }

    /// <summary>One thread per call.</summary>
    private static void DecodeKernel(
        Index1D index,
        ArrayView<byte> text,
        ArrayView<int> info,
        ArrayView<int> starts,
        ArrayView<int> errors,
        ArrayView<short> alleles,
        ArrayView<byte> calls,
        ArrayView<int> ad,
        ArrayView<int> dp,
        int samples,
        int maxPloidy,
        int maxAd)
    {
        int call = index;
        var r = call / samples;
        var s = call - (r * samples);
        if (errors[3 * r] != 0)
        {
            ClearCall(alleles, calls, ad, dp, r, s, samples, maxPloidy, maxAd);
            return;
        }

        var result = DecodeCall(text, info, starts, alleles, calls, ad, dp, r, s, samples, maxPloidy, maxAd);
        if (result < 0)
        {
            Atomic.Min(ref errors[(3 * r) + 1], s);
        }
    }

    /// <summary>One thread per record: turns a failing sample into the record's error and clears the record.</summary>
    private static void FinishKernel(
        Index1D index,
        ArrayView<byte> text,
        ArrayView<int> info,
        ArrayView<int> starts,
        ArrayView<int> errors,
        ArrayView<short> alleles,
        ArrayView<byte> calls,
        ArrayView<int> ad,
        ArrayView<int> dp,
        int samples,
        int maxPloidy,
        int maxAd)
    {
        int r = index;
        if (errors[3 * r] != 0)
        {
            return;
        }

        var s = errors[(3 * r) + 1];
        if (s == NoFailure)
        {
            errors[(3 * r) + 1] = -1;
            errors[(3 * r) + 2] = 0;
            return;
        }

        var failure = -DecodeCall(text, info, starts, alleles, calls, ad, dp, r, s, samples, maxPloidy, maxAd);
        errors[3 * r] = (int)(failure >> 32);
        errors[(3 * r) + 2] = (int)(failure & 0xFFFF_FFFFL) - info[(r * GenotypeLines.InfoStride) + GenotypeLines.LineStartField];
        for (var t = 0; t < samples; t++)
        {
            ClearCall(alleles, calls, ad, dp, r, t, samples, maxPloidy, maxAd);
        }
    }

    private static void ClearCall(ArrayView<short> alleles, ArrayView<byte> calls, ArrayView<int> ad, ArrayView<int> dp, int r, int s, int samples, int maxPloidy, int maxAd)
    {
        var total = calls.Length / 3;
        var call = ((long)r * samples) + s;
        calls[call] = 0;
        calls[total + call] = 0;
        calls[(2 * total) + call] = 0;
        dp[call] = GenotypeColumns.MissingInteger;
        var alleleBase = ((long)r * maxPloidy * samples) + s;
        for (var h = 0; h < maxPloidy; h++)
        {
            alleles[alleleBase + ((long)h * samples)] = GenotypeColumns.AbsentAllele;
        }

        var adBase = ((long)r * maxAd * samples) + s;
        for (var k = 0; k < maxAd; k++)
        {
            ad[adBase + ((long)k * samples)] = GenotypeColumns.MissingInteger;
        }
    }

    // An error as a negative number: -((code << 32) | absolute text position).
    private static long Failure(GenotypeDecodeError error, int position) => -(((long)error << 32) | (uint)position);

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

    /// <summary>Clears, then decodes call(r, s); 0 or a <see cref="Failure"/>.</summary>
    private static long DecodeCall(
        ArrayView<byte> text,
        ArrayView<int> info,
        ArrayView<int> starts,
        ArrayView<short> alleles,
        ArrayView<byte> calls,
        ArrayView<int> ad,
        ArrayView<int> dp,
        int r,
        int s,
        int samples,
        int maxPloidy,
        int maxAd)
    {
        ClearCall(alleles, calls, ad, dp, r, s, samples, maxPloidy, maxAd);
        var at = r * GenotypeLines.InfoStride;
        var keys = info[at + GenotypeLines.FormatKeysField];
        var gtKey = info[at + GenotypeLines.GtKeyField];
        var adKey = info[at + GenotypeLines.AdKeyField];
        var dpKey = info[at + GenotypeLines.DpKeyField];
        var call = ((long)r * samples) + s;
        var from = starts[call];
        var to = s < samples - 1 ? starts[call + 1] - 1 : info[at + GenotypeLines.LineEndField];
        if (from == to)
        {
            return Failure(GenotypeDecodeError.EmptySample, from);
        }

        var gtSeen = false;
        var i = from;
        for (var k = 0; ; k++)
        {
            if (k == keys)
            {
                return Failure(GenotypeDecodeError.TooManyValues, i - 1);
            }

            long next;
            if (k == gtKey)
            {
                gtSeen = true;
                next = ParseGt(text, i, to, alleles, calls, r, s, samples, maxPloidy);
            }
            else if (k == adKey)
            {
                next = ParseAd(text, i, to, ad, calls, r, s, samples, maxAd);
            }
            else if (k == dpKey)
            {
                next = i == to || text[i] == (byte)':' ? Failure(GenotypeDecodeError.EmptyValue, i) : ParseInteger(text, i, to, false, dp, call);
            }
            else
            {
                next = i;
                while (next < to && text[next] != (byte)':')
                {
                    next++;
                }
            }

            if (next < 0)
            {
                return next;
            }

            i = (int)next;
            if (i == to)
            {
                break;
            }

            i++;
        }

        if (!gtSeen && gtKey >= 0)
        {
            // A dropped trailing GT: one missing allele, as the VCF decoder reads it.
            calls[call] = 1;
            alleles[((long)r * maxPloidy * samples) + s] = GenotypeColumns.MissingAllele;
        }

        return 0;
    }

    private static long ParseGt(ArrayView<byte> text, int i, int to, ArrayView<short> alleles, ArrayView<byte> calls, int r, int s, int samples, int maxPloidy)
    {
        if (i == to || text[i] == (byte)':')
        {
            return Failure(GenotypeDecodeError.EmptyValue, i);
        }

        var leadingPipe = false;
        if (text[i] == (byte)'/' || text[i] == (byte)'|')
        {
            leadingPipe = text[i] == (byte)'|';
            i++;
        }

        var alleleBase = ((long)r * maxPloidy * samples) + s;
        var allPipes = true;
        var n = 0;
        while (true)
        {
            if (n == maxPloidy)
            {
                return Failure(GenotypeDecodeError.PloidyTooHigh, i);
            }

            short allele;
            if (i < to && text[i] == (byte)'.')
            {
                allele = GenotypeColumns.MissingAllele;
                i++;
            }
            else if (i < to && IsDigit(text[i]))
            {
                var start = i;
                var value = 0;
                while (i < to && IsDigit(text[i]))
                {
                    value = (value * 10) + (text[i] - (byte)'0');
                    if (value > GenotypeColumns.MaxAlleleIndex)
                    {
                        value = GenotypeColumns.MaxAlleleIndex + 1;
                    }

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
            if (i == to || text[i] == (byte)':')
            {
                break;
            }

            if (text[i] != (byte)'/' && text[i] != (byte)'|')
            {
                return Failure(GenotypeDecodeError.BadSeparator, i);
            }

            if (text[i] != (byte)'|')
            {
                allPipes = false;
            }

            i++;
        }

        var call = ((long)r * samples) + s;
        var total = calls.Length / 3;
        calls[call] = (byte)n;
        calls[total + call] = (byte)((n == 1 ? leadingPipe : allPipes) ? 1 : 0);
        return i;
    }

    private static long ParseAd(ArrayView<byte> text, int i, int to, ArrayView<int> ad, ArrayView<byte> calls, int r, int s, int samples, int maxAd)
    {
        if (i == to || text[i] == (byte)':')
        {
            return Failure(GenotypeDecodeError.EmptyValue, i);
        }

        if (text[i] == (byte)'.' && (i + 1 == to || text[i + 1] == (byte)':'))
        {
            return i + 1;
        }

        var adBase = ((long)r * maxAd * samples) + s;
        var k = 0;
        while (true)
        {
            if (k == maxAd)
            {
                return Failure(GenotypeDecodeError.TooManyAdValues, i);
            }

            var next = ParseInteger(text, i, to, true, ad, adBase + ((long)k * samples));
            if (next < 0)
            {
                return next;
            }

            i = (int)next;
            k++;
            if (i == to || text[i] == (byte)':')
            {
                break;
            }

            i++;
        }

        var total = calls.Length / 3;
        calls[(2 * total) + ((long)r * samples) + s] = (byte)k;
        return i;
    }

    // One element ('.', or an optional '-' and digits) written to target[index]; the position after it, or a Failure.
    private static long ParseInteger(ArrayView<byte> text, int i, int to, bool stopAtComma, ArrayView<int> target, long index)
    {
        var start = i;
        if (i < to && text[i] == (byte)'.' && (i + 1 == to || text[i + 1] == (byte)':' || (stopAtComma && text[i + 1] == (byte)',')))
        {
            target[index] = GenotypeColumns.MissingInteger;
            return i + 1;
        }

        var negative = i < to && text[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        long magnitude = 0;
        var digits = 0;
        while (i < to && text[i] != (byte)':' && !(stopAtComma && text[i] == (byte)','))
        {
            if (!IsDigit(text[i]))
            {
                return Failure(GenotypeDecodeError.BadInteger, start);
            }

            magnitude = (magnitude * 10) + (text[i] - (byte)'0');
            if (magnitude > 1L << 32)
            {
                magnitude = 1L << 32;
            }

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
