namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// The output of the genotype-decoding kernel for a <see cref="GenotypeLines"/> batch: flat columns, record-major
/// and sample-minor, with multi-valued fields split into planes so that one plane of one record is contiguous across
/// samples (the layout of <c>GenotypeMatrix</c>, for SIMD and coalesced GPU access):
/// call(r, s) = <c>r * Samples + s</c>; allele h = <c>Alleles[((r * MaxPloidy) + h) * Samples + s]</c>;
/// AD value k = <c>Ad[((r * MaxAd) + k) * Samples + s]</c>.
/// Alleles: the index, <see cref="MissingAllele"/> for '.', <see cref="AbsentAllele"/> past the call's ploidy.
/// A GT of exactly '.' is one missing allele (as the VCF decoder reads it); a record without GT has ploidy 0.
/// <see cref="Phased"/> is 1 when every separator between alleles is '|' (for a haploid call: when it has a VCF 4.4
/// leading '|'). <see cref="AdCount"/> is the number of AD values (0 when AD is absent, dropped or '.'); missing
/// elements and missing or absent DP are <see cref="MissingInteger"/>. Every element is written by every
/// implementation; a record with an error has all its calls in the absent state (ploidy 0) and its error in
/// <see cref="ErrorCode"/>, <see cref="ErrorSample"/> and <see cref="ErrorColumn"/>.
/// </summary>
internal sealed class GenotypeColumns
{
    public const short MissingAllele = -1;
    public const short AbsentAllele = -2;

    /// <summary>The BCF missing-integer sentinel (VCF 4.4 §6.3.3), the same value as the VCF decoder's.</summary>
    public const int MissingInteger = int.MinValue;

    /// <summary>The smallest integer value a VCF Integer may hold (BCF reserves the 8 below it).</summary>
    public const int MinimumInteger = int.MinValue + 8;

    /// <summary>The largest allele index a call may hold (the allele columns are 16-bit).</summary>
    public const int MaxAlleleIndex = short.MaxValue;

    public GenotypeColumns(int records, int samples, int maxPloidy, int maxAd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPloidy, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPloidy, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAd, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAd, 64);
        Records = records;
        Samples = samples;
        MaxPloidy = maxPloidy;
        MaxAd = maxAd;
        var calls = checked((long)records * samples);
        Alleles = new short[checked(calls * maxPloidy)];
        Ploidy = new byte[calls];
        Phased = new byte[calls];
        AdCount = new byte[calls];
        Ad = new int[checked(calls * maxAd)];
        Dp = new int[calls];
        ErrorCode = new int[records];
        ErrorSample = new int[records];
        ErrorColumn = new int[records];
    }

    public int Records { get; }

    public int Samples { get; }

    /// <summary>Calls with more alleles fail their record with <see cref="GenotypeDecodeError.PloidyTooHigh"/>.</summary>
    public int MaxPloidy { get; }

    /// <summary>Calls with more AD values fail their record with <see cref="GenotypeDecodeError.TooManyAdValues"/>.</summary>
    public int MaxAd { get; }

    public short[] Alleles { get; }

    public byte[] Ploidy { get; }

    public byte[] Phased { get; }

    public byte[] AdCount { get; }

    public int[] Ad { get; }

    public int[] Dp { get; }

    /// <summary>Per record: a <see cref="GenotypeDecodeError"/> as an int (0 when the record decoded).</summary>
    public int[] ErrorCode { get; }

    /// <summary>Per record: the 0-based sample whose column failed, or -1 (no error, or a column-count error).</summary>
    public int[] ErrorSample { get; }

    /// <summary>Per record: the 0-based byte offset of the error within the line (0 when none).</summary>
    public int[] ErrorColumn { get; }

    /// <summary>Index of call(r, s).</summary>
    public long Call(int record, int sample) => ((long)record * Samples) + sample;

    /// <summary>Index of allele h of call(r, s).</summary>
    public long AlleleIndex(int record, int haplotype, int sample) => ((((long)record * MaxPloidy) + haplotype) * Samples) + sample;

    /// <summary>Index of AD value k of call(r, s).</summary>
    public long AdIndex(int record, int k, int sample) => ((((long)record * MaxAd) + k) * Samples) + sample;

    /// <summary>The error of a record as a message (without file and line, which the caller adds), or null when it decoded.</summary>
    public string? Describe(int record) => ErrorCode[record] == 0
        ? null
        : GenotypeDecodeErrors.Describe((GenotypeDecodeError)ErrorCode[record], ErrorSample[record], ErrorColumn[record], Samples, MaxPloidy, MaxAd);

    /// <summary>Fills every array with a value no implementation writes (tests prove each element is written).</summary>
    public void Poison()
    {
        Array.Fill(Alleles, (short)-77);
        Array.Fill(Ploidy, (byte)0xEE);
        Array.Fill(Phased, (byte)0xEE);
        Array.Fill(AdCount, (byte)0xEE);
        Array.Fill(Ad, -77);
        Array.Fill(Dp, -77);
        Array.Fill(ErrorCode, -77);
        Array.Fill(ErrorSample, -77);
        Array.Fill(ErrorColumn, -77);
    }
}
