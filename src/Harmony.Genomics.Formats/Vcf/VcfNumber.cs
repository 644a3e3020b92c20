using System.Globalization;
using System.Runtime.CompilerServices;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The Number attribute of an INFO or FORMAT definition.</summary>
/// <param name="Kind">The kind of count.</param>
/// <param name="Count">The count when <paramref name="Kind"/> is <see cref="VcfNumberKind.Fixed"/>.</param>
public readonly record struct VcfNumber(VcfNumberKind Kind, int Count)
{
    /// <summary>Exactly one value.</summary>
    public static VcfNumber One => new(VcfNumberKind.Fixed, 1);

    /// <summary>No value (flags).</summary>
    public static VcfNumber Zero => new(VcfNumberKind.Fixed, 0);

    /// <summary>Any number of values.</summary>
    public static VcfNumber Unbounded => new(VcfNumberKind.Unbounded, 0);

    /// <summary>Whether a value of this field is a single scalar rather than a list.</summary>
    public bool IsScalar => Kind == VcfNumberKind.Fixed && Count <= 1;

    /// <summary>
    /// Whether the count is one of FORMAT's own (<c>P</c>, <c>LA</c>, <c>LR</c>, <c>LG</c>; VCF 4.5 §1.4.2), which an INFO
    /// definition cannot use. Their values are read as a list of any length, as for <c>.</c>.
    /// </summary>
    public bool IsFormatOnly => Kind is VcfNumberKind.PerCalledAllele or VcfNumberKind.PerLocalAlternateAllele or VcfNumberKind.PerLocalAllele or VcfNumberKind.PerLocalGenotype;

    /// <summary>Parses <c>A</c>, <c>R</c>, <c>G</c>, <c>.</c>, FORMAT's <c>P</c>, <c>LA</c>, <c>LR</c>, <c>LG</c> or a non-negative integer.</summary>
    public static bool TryParse(string text, out VcfNumber number)
    {
        number = text switch
        {
            "A" => new VcfNumber(VcfNumberKind.PerAlternateAllele, 0),
            "R" => new VcfNumber(VcfNumberKind.PerAllele, 0),
            "G" => new VcfNumber(VcfNumberKind.PerGenotype, 0),
            "." => Unbounded,
            "P" => new VcfNumber(VcfNumberKind.PerCalledAllele, 0),
            "LA" => new VcfNumber(VcfNumberKind.PerLocalAlternateAllele, 0),
            "LR" => new VcfNumber(VcfNumberKind.PerLocalAllele, 0),
            "LG" => new VcfNumber(VcfNumberKind.PerLocalGenotype, 0),
            _ => default,
        };
        if (text is "A" or "R" or "G" or "." or "P" or "LA" or "LR" or "LG")
        {
            return true;
        }

        if (text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            number = new VcfNumber(VcfNumberKind.Fixed, n);
            return true;
        }

        return false;
    }

    /// <summary>The expected value count for a record, or -1 when any count is allowed.</summary>
    /// <param name="alternateAlleles">The number of ALT alleles of the record.</param>
    /// <param name="ploidy">The ploidy of the sample (for <c>G</c>); INFO uses 2.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ExpectedCount(int alternateAlleles, int ploidy) => Kind switch
    {
        VcfNumberKind.Fixed => Count,
        VcfNumberKind.PerAlternateAllele => alternateAlleles,
        VcfNumberKind.PerAllele => alternateAlleles + 1,
        VcfNumberKind.PerGenotype => GenotypeCount(alternateAlleles + 1, ploidy),
        _ => -1,
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        VcfNumberKind.Fixed => Count.ToString(CultureInfo.InvariantCulture),
        VcfNumberKind.PerAlternateAllele => "A",
        VcfNumberKind.PerAllele => "R",
        VcfNumberKind.PerGenotype => "G",
        VcfNumberKind.PerCalledAllele => "P",
        VcfNumberKind.PerLocalAlternateAllele => "LA",
        VcfNumberKind.PerLocalAllele => "LR",
        VcfNumberKind.PerLocalGenotype => "LG",
        _ => ".",
    };

    // The number of unordered genotypes of `ploidy` alleles drawn from `alleles`: C(alleles + ploidy - 1, ploidy).
    private static int GenotypeCount(int alleles, int ploidy)
    {
        if (ploidy <= 0)
        {
            return -1;
        }

        long result = 1;
        for (var i = 1; i <= ploidy; i++)
        {
            result = result * (alleles + i - 1) / i;
            if (result > int.MaxValue)
            {
                return -1;
            }
        }

        return (int)result;
    }
}
