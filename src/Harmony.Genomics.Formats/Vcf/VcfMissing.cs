namespace Harmony.Genomics.Formats.Vcf;

/// <summary>Sentinels for missing elements inside vectors, as in BCF (VCF 4.4 §6.3.3).</summary>
public static class VcfMissing
{
    /// <summary>A missing integer element: <c>int.MinValue</c>; BCF reserves the 8 smallest values, so none is a real value.</summary>
    public const int Integer = int.MinValue;

    /// <summary>The smallest integer a VCF Integer may hold (BCF reserves the 8 below it).</summary>
    public const int MinimumInteger = int.MinValue + 8;

    /// <summary>A missing float element: a NaN with payload 1, distinct from the NaN that <c>NaN</c> in a file parses to.</summary>
    public static readonly double Float = BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001);

    /// <summary>Whether a float element is the missing sentinel rather than a value (NaN included).</summary>
    public static bool IsMissing(double value) => BitConverter.DoubleToInt64Bits(value) == 0x7FF0_0000_0000_0001;
}
