using System.Runtime.InteropServices;

namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// Counts for one pair of samples over the SNPs called in both: <see cref="N"/> SNPs, <see cref="Equal"/> identical
/// genotypes, <see cref="Ibs0"/> opposite homozygotes, <see cref="HetHet"/> both het, <see cref="HetA"/> / <see cref="HetB"/>
/// het in the first / second sample.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PairCounts : IEquatable<PairCounts>
{
    public int N;
    public int Equal;
    public int Ibs0;
    public int HetHet;
    public int HetA;
    public int HetB;

    public static PairCounts Poisoned => new() { N = -7, Equal = -7, Ibs0 = -7, HetHet = -7, HetA = -7, HetB = -7 };

    /// <summary>KING-robust kinship (Manichaikul et al. 2010): (HetHet − 2·IBS0) / (HetA + HetB); NaN without hets.</summary>
    public readonly double Kinship => HetA + HetB == 0 ? double.NaN : (HetHet - (2.0 * Ibs0)) / (HetA + HetB);

    /// <summary>Share of compared SNPs with identical genotypes; NaN when none was compared.</summary>
    public readonly double Concordance => N == 0 ? double.NaN : (double)Equal / N;

    public readonly bool Equals(PairCounts other) =>
        N == other.N && Equal == other.Equal && Ibs0 == other.Ibs0 && HetHet == other.HetHet && HetA == other.HetA && HetB == other.HetB;

    public override readonly bool Equals(object? obj) => obj is PairCounts other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(N, Equal, Ibs0, HetHet, HetA, HetB);

    public override readonly string ToString() => $"n={N} eq={Equal} ibs0={Ibs0} hethet={HetHet} hetA={HetA} hetB={HetB}";
}
