namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// Which sites count and which are heterozygous, in integers so every implementation decides alike: a site counts
/// when both read counts lie in 0..<see cref="MaximumAlleleDepth"/> and their sum (the depth) is at least
/// <see cref="MinimumDepth"/>; it is heterozygous when its minor-allele fraction min(ref, alt) / depth is at least
/// <see cref="HeterozygousNumerator"/> / <see cref="HeterozygousDenominator"/>, tested as
/// <c>minor × denominator ≥ depth × numerator</c> (exactly what the double comparison gave, without rounding).
/// </summary>
internal readonly struct AlleleDepthRule
{
    /// <summary>2^24 - 1: larger counts are not sequencing depths; the bound keeps every product inside an int.</summary>
    public const int MaximumAlleleDepth = (1 << 24) - 1;

    /// <summary>Histogram bins of the minor-allele fraction over [0, 0.5): bin = minor × 2·Bins / depth; 0.5 itself is bin <see cref="Bins"/>.</summary>
    public const int Bins = 50;

    /// <summary>Histogram slots per chromosome (<see cref="Bins"/> + 1).</summary>
    public const int Slots = Bins + 1;

    public AlleleDepthRule(int minimumDepth, int heterozygousNumerator, int heterozygousDenominator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(heterozygousDenominator, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(heterozygousDenominator, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(heterozygousNumerator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(heterozygousNumerator, heterozygousDenominator / 2);
        MinimumDepth = minimumDepth;
        HeterozygousNumerator = heterozygousNumerator;
        HeterozygousDenominator = heterozygousDenominator;
    }

    public int MinimumDepth { get; }

    public int HeterozygousNumerator { get; }

    public int HeterozygousDenominator { get; }

    /// <summary>Whether the site counts; its depth and minor count when it does.</summary>
    public bool Counts(int reference, int alternate, out int depth, out int minor)
    {
        depth = 0;
        minor = 0;
        if (reference < 0 || alternate < 0 || reference > MaximumAlleleDepth || alternate > MaximumAlleleDepth)
        {
            return false;
        }

        depth = reference + alternate;
        minor = reference < alternate ? reference : alternate;
        return depth >= MinimumDepth;
    }

    /// <summary>Whether a counted site is heterozygous.</summary>
    public bool Heterozygous(int depth, int minor) => minor * HeterozygousDenominator >= depth * HeterozygousNumerator;

    /// <summary>The histogram bin of a counted site's minor-allele fraction.</summary>
    public static int Bin(int depth, int minor) => minor * (2 * Bins) / depth;
}
