namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// The simple reference: split the sample region at tabs, each column at ':', GT at '/' and '|', AD at ',', and
/// classify each token; one record and one call at a time. The other implementations parse in one pass instead and
/// must agree with this one exactly, error codes and positions included.
/// </summary>
internal sealed class ScalarGenotypeDecodeKernel : IGenotypeDecodeKernel
{
    public void Decode(GenotypeLines lines, GenotypeColumns output)
    {
        GenotypeDecoding.Check(lines, output);
        for (var r = 0; r < lines.Records; r++)
        {
            DecodeRecord(lines, output, r);
        }
    }

    public void Dispose()
    {
    }

    private static void DecodeRecord(GenotypeLines lines, GenotypeColumns o, int r)
    {
        var lineStart = lines.LineStart(r);
        var samplesStart = lines.SamplesStart(r);
        var region = lines.Text.AsSpan(samplesStart, lines.LineEnd(r) - samplesStart);
        var samples = lines.Samples;
        if (samples == 0)
        {
            GenotypeDecoding.Succeed(o, r);
            return;
        }

        // The columns: every tab ends one.
        var ends = new List<int>();
        for (var i = 0; i < region.Length; i++)
        {
            if (region[i] == (byte)'\t')
            {
                ends.Add(i);
            }
        }

        if (ends.Count < samples - 1)
        {
            GenotypeDecoding.Fail(o, r, GenotypeDecodeError.MissingSampleColumns, -1, lines.LineEnd(r) - lineStart);
            return;
        }

        if (ends.Count > samples - 1)
        {
            GenotypeDecoding.Fail(o, r, GenotypeDecodeError.ExtraSampleColumns, -1, samplesStart + ends[samples - 1] - lineStart);
            return;
        }

        ends.Add(region.Length);
        var from = 0;
        for (var s = 0; s < samples; s++)
        {
            GenotypeDecoding.ClearCall(o, r, s);
            var error = DecodeCall(lines, o, r, s, region[from..ends[s]], samplesStart + from - lineStart, out var column);
            if (error != GenotypeDecodeError.None)
            {
                GenotypeDecoding.Fail(o, r, error, s, column);
                return;
            }

            from = ends[s] + 1;
        }

        GenotypeDecoding.Succeed(o, r);
    }

    // offset: the value's position in its line.
    private static GenotypeDecodeError DecodeCall(GenotypeLines lines, GenotypeColumns o, int r, int s, ReadOnlySpan<byte> value, int offset, out int column)
    {
        column = offset;
        if (value.IsEmpty)
        {
            return GenotypeDecodeError.EmptySample;
        }

        var keys = lines.FormatKeys(r);
        var fieldStarts = new List<int> { 0 };
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)':')
            {
                fieldStarts.Add(i + 1);
            }
        }

        var gtSeen = false;
        for (var k = 0; k < Math.Min(keys, fieldStarts.Count); k++)
        {
            var start = fieldStarts[k];
            var end = k + 1 < fieldStarts.Count ? fieldStarts[k + 1] - 1 : value.Length;
            var field = value[start..end];
            var error = GenotypeDecodeError.None;
            if (k == lines.GtKey(r))
            {
                gtSeen = true;
                error = DecodeGt(o, r, s, field, offset + start, out column);
            }
            else if (k == lines.AdKey(r))
            {
                error = DecodeAd(o, r, s, field, offset + start, out column);
            }
            else if (k == lines.DpKey(r))
            {
                error = DecodeDp(o, r, s, field, offset + start, out column);
            }

            if (error != GenotypeDecodeError.None)
            {
                return error;
            }
        }

        if (fieldStarts.Count > keys)
        {
            column = offset + fieldStarts[keys] - 1;
            return GenotypeDecodeError.TooManyValues;
        }

        if (lines.GtKey(r) >= 0 && !gtSeen)
        {
            // A dropped trailing GT is a missing call, as the VCF decoder reads it.
            o.Ploidy[o.Call(r, s)] = 1;
            o.Alleles[o.AlleleIndex(r, 0, s)] = GenotypeColumns.MissingAllele;
        }

        return GenotypeDecodeError.None;
    }

    private static GenotypeDecodeError DecodeGt(GenotypeColumns o, int r, int s, ReadOnlySpan<byte> gt, int offset, out int column)
    {
        column = offset;
        if (gt.IsEmpty)
        {
            return GenotypeDecodeError.EmptyValue;
        }

        var call = o.Call(r, s);
        if (gt is [(byte)'.'])
        {
            o.Ploidy[call] = 1;
            o.Alleles[o.AlleleIndex(r, 0, s)] = GenotypeColumns.MissingAllele;
            return GenotypeDecodeError.None;
        }

        var leadingPipe = false;
        var start = 0;
        if (gt[0] is (byte)'/' or (byte)'|')
        {
            leadingPipe = gt[0] == (byte)'|';
            start = 1;
        }

        // Tokens between separators; each must be '.' or digits.
        var allPipes = true;
        var n = 0;
        while (true)
        {
            var next = gt[start..].IndexOfAny((byte)'/', (byte)'|');
            var end = next < 0 ? gt.Length : start + next;
            var token = gt[start..end];
            if (n == o.MaxPloidy)
            {
                column = offset + start;
                return GenotypeDecodeError.PloidyTooHigh;
            }

            var error = ClassifyAllele(token, out var allele, out var bad);
            if (error != GenotypeDecodeError.None)
            {
                column = offset + start + bad;
                return error;
            }

            o.Alleles[o.AlleleIndex(r, n, s)] = allele;
            n++;
            if (next < 0)
            {
                break;
            }

            allPipes &= gt[end] == (byte)'|';
            start = end + 1;
        }

        o.Ploidy[call] = (byte)n;
        o.Phased[call] = (byte)((n == 1 ? leadingPipe : allPipes) ? 1 : 0);
        return GenotypeDecodeError.None;
    }

    // bad: where in the token the error is.
    private static GenotypeDecodeError ClassifyAllele(ReadOnlySpan<byte> token, out short allele, out int bad)
    {
        allele = 0;
        bad = 0;
        if (token.IsEmpty)
        {
            return GenotypeDecodeError.BadAllele;
        }

        if (token[0] == (byte)'.')
        {
            allele = GenotypeColumns.MissingAllele;
            bad = 1;
            return token.Length == 1 ? GenotypeDecodeError.None : GenotypeDecodeError.BadSeparator;
        }

        var digits = 0;
        long value = 0;
        while (digits < token.Length && char.IsAsciiDigit((char)token[digits]))
        {
            value = Math.Min((value * 10) + (token[digits] - (byte)'0'), int.MaxValue);
            digits++;
        }

        if (digits == 0)
        {
            return GenotypeDecodeError.BadAllele;
        }

        if (value > GenotypeColumns.MaxAlleleIndex)
        {
            return GenotypeDecodeError.AlleleTooLarge;
        }

        allele = (short)value;
        bad = digits;
        return digits == token.Length ? GenotypeDecodeError.None : GenotypeDecodeError.BadSeparator;
    }

    private static GenotypeDecodeError DecodeAd(GenotypeColumns o, int r, int s, ReadOnlySpan<byte> ad, int offset, out int column)
    {
        column = offset;
        if (ad.IsEmpty)
        {
            return GenotypeDecodeError.EmptyValue;
        }

        if (ad is [(byte)'.'])
        {
            return GenotypeDecodeError.None;
        }

        var k = 0;
        var start = 0;
        while (true)
        {
            var next = ad[start..].IndexOf((byte)',');
            var end = next < 0 ? ad.Length : start + next;
            column = offset + start;
            if (k == o.MaxAd)
            {
                return GenotypeDecodeError.TooManyAdValues;
            }

            var error = ParseInteger(ad[start..end], out var value);
            if (error != GenotypeDecodeError.None)
            {
                return error;
            }

            o.Ad[o.AdIndex(r, k, s)] = value;
            k++;
            if (next < 0)
            {
                break;
            }

            start = end + 1;
        }

        o.AdCount[o.Call(r, s)] = (byte)k;
        return GenotypeDecodeError.None;
    }

    private static GenotypeDecodeError DecodeDp(GenotypeColumns o, int r, int s, ReadOnlySpan<byte> dp, int offset, out int column)
    {
        column = offset;
        if (dp.IsEmpty)
        {
            return GenotypeDecodeError.EmptyValue;
        }

        var error = ParseInteger(dp, out var value);
        if (error == GenotypeDecodeError.None)
        {
            o.Dp[o.Call(r, s)] = value;
        }

        return error;
    }

    // '.' is missing; otherwise an optional '-' and at least one digit, nothing else, within the VCF Integer range.
    private static GenotypeDecodeError ParseInteger(ReadOnlySpan<byte> element, out int value)
    {
        value = GenotypeColumns.MissingInteger;
        if (element is [(byte)'.'])
        {
            return GenotypeDecodeError.None;
        }

        var negative = element.Length > 0 && element[0] == (byte)'-';
        var digits = negative ? element[1..] : element;
        if (digits.IsEmpty)
        {
            return GenotypeDecodeError.BadInteger;
        }

        long magnitude = 0;
        foreach (var b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return GenotypeDecodeError.BadInteger;
            }

            magnitude = Math.Min((magnitude * 10) + (b - (byte)'0'), 1L << 32);
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
