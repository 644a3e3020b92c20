namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>Checks and helpers the CPU implementations share.</summary>
internal static class GenotypeDecoding
{
    /// <summary>Throws when the output does not fit the batch or a record's layout was never set (caller bugs, not input errors).</summary>
    public static void Check(GenotypeLines lines, GenotypeColumns output)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Records != lines.Records || output.Samples != lines.Samples)
        {
            throw new ArgumentException($"the output is sized for {output.Records} x {output.Samples} calls, the batch has {lines.Records} x {lines.Samples}");
        }

        for (var r = 0; r < lines.Records; r++)
        {
            if (lines.FormatKeys(r) < 1)
            {
                throw new ArgumentException($"record {r}: its layout was never set (SetRecord)");
            }
        }
    }

    /// <summary>Puts a call in the absent state: ploidy 0, no alleles, no AD, DP missing.</summary>
    public static void ClearCall(GenotypeColumns o, int record, int sample)
    {
        var call = o.Call(record, sample);
        o.Ploidy[call] = 0;
        o.Phased[call] = 0;
        o.AdCount[call] = 0;
        o.Dp[call] = GenotypeColumns.MissingInteger;
        for (var h = 0; h < o.MaxPloidy; h++)
        {
            o.Alleles[o.AlleleIndex(record, h, sample)] = GenotypeColumns.AbsentAllele;
        }

        for (var k = 0; k < o.MaxAd; k++)
        {
            o.Ad[o.AdIndex(record, k, sample)] = GenotypeColumns.MissingInteger;
        }
    }

    /// <summary>Marks a record failed: every call absent, the error recorded.</summary>
    public static void Fail(GenotypeColumns o, int record, GenotypeDecodeError error, int sample, int column)
    {
        for (var s = 0; s < o.Samples; s++)
        {
            ClearCall(o, record, s);
        }

        o.ErrorCode[record] = (int)error;
        o.ErrorSample[record] = sample;
        o.ErrorColumn[record] = column;
    }

    /// <summary>Marks a record decoded.</summary>
    public static void Succeed(GenotypeColumns o, int record)
    {
        o.ErrorCode[record] = 0;
        o.ErrorSample[record] = -1;
        o.ErrorColumn[record] = 0;
    }
}
