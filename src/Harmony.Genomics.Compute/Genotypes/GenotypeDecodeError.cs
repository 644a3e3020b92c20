namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>Why a record's sample columns could not be decoded (<see cref="GenotypeColumns.ErrorCode"/>).</summary>
internal enum GenotypeDecodeError
{
    /// <summary>The record decoded.</summary>
    None = 0,

    /// <summary>Fewer tab-separated sample columns than the header names; the column is the line's end.</summary>
    MissingSampleColumns = 1,

    /// <summary>More sample columns than the header names; the column is the first extra tab.</summary>
    ExtraSampleColumns = 2,

    /// <summary>An empty sample column.</summary>
    EmptySample = 3,

    /// <summary>More ':'-separated values than FORMAT has keys; the column is the first extra ':'.</summary>
    TooManyValues = 4,

    /// <summary>An empty GT, AD or DP value.</summary>
    EmptyValue = 5,

    /// <summary>GT: an allele index or '.' was expected.</summary>
    BadAllele = 6,

    /// <summary>GT: '/' or '|' was expected between alleles.</summary>
    BadSeparator = 7,

    /// <summary>GT: more alleles than <see cref="GenotypeColumns.MaxPloidy"/>.</summary>
    PloidyTooHigh = 8,

    /// <summary>GT: an allele index above <see cref="GenotypeColumns.MaxAlleleIndex"/>.</summary>
    AlleleTooLarge = 9,

    /// <summary>AD or DP: an element is not an Integer (or '.').</summary>
    BadInteger = 10,

    /// <summary>AD or DP: an Integer outside the VCF range.</summary>
    IntegerOutOfRange = 11,

    /// <summary>AD: more values than <see cref="GenotypeColumns.MaxAd"/>.</summary>
    TooManyAdValues = 12,
}

/// <summary>Messages for <see cref="GenotypeDecodeError"/>.</summary>
internal static class GenotypeDecodeErrors
{
    public static string Describe(GenotypeDecodeError error, int sample, int column, int samples, int maxPloidy, int maxAd)
    {
        var where = sample >= 0 ? $"sample {sample + 1}, byte {column + 1}" : $"byte {column + 1}";
        var what = error switch
        {
            GenotypeDecodeError.MissingSampleColumns => $"{samples} sample columns, found fewer",
            GenotypeDecodeError.ExtraSampleColumns => $"{samples} sample columns, found more",
            GenotypeDecodeError.EmptySample => "a sample value ('.' when missing), found an empty column",
            GenotypeDecodeError.TooManyValues => "at most as many ':'-separated values as FORMAT has keys, found more",
            GenotypeDecodeError.EmptyValue => "a GT, AD or DP value ('.' when missing), found an empty value",
            GenotypeDecodeError.BadAllele => "FORMAT/GT: an allele index or '.'",
            GenotypeDecodeError.BadSeparator => "FORMAT/GT: '/' or '|' between alleles",
            GenotypeDecodeError.PloidyTooHigh => $"FORMAT/GT: at most {maxPloidy} alleles per call (the decoder's limit), found more",
            GenotypeDecodeError.AlleleTooLarge => $"FORMAT/GT: allele indexes up to {GenotypeColumns.MaxAlleleIndex}, found a larger one",
            GenotypeDecodeError.BadInteger => "FORMAT/AD or DP: an Integer or '.'",
            GenotypeDecodeError.IntegerOutOfRange => $"FORMAT/AD or DP: an Integer from {GenotypeColumns.MinimumInteger} to {int.MaxValue} (overflow)",
            GenotypeDecodeError.TooManyAdValues => $"FORMAT/AD: at most {maxAd} values per call (the decoder's limit), found more",
            _ => $"error code {(int)error}",
        };
        return $"{where}: expected {what}";
    }
}
