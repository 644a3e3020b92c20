namespace Harmony.Genomics.Compute.Cohort;

/// <summary>
/// Output of the cohort-statistics kernel for one <see cref="GenotypeMatrix"/>. Every array is fully written by each
/// implementation. A call is absent when its plane-0 code is <see cref="GenotypeMatrix.Absent"/> (counted nowhere),
/// missing when any of its alleles is '.', else hom-ref / hom-alt when all present alleles equal the first (0 / not
/// 0), else het. Present alleles ≥ 0 count in AN, allele k in AC[k−1]. <see cref="HweP"/> is the exact test over
/// het / hom-ref / hom-alt calls for biallelic variants whose non-missing calls are all diploid, else NaN.
/// </summary>
internal sealed class CohortStats
{
    public CohortStats(int variants, int samples, int totalAlts)
    {
        An = new int[variants];
        Ac = new int[totalAlts];
        NHet = new int[variants];
        NHomAlt = new int[variants];
        NHomRef = new int[variants];
        NMissing = new int[variants];
        NNonDiploid = new int[variants];
        HweP = new double[variants];
        SampleHet = new int[samples];
        SampleHomAlt = new int[samples];
        SampleHomRef = new int[samples];
        SampleMissing = new int[samples];
        SampleTs = new int[samples];
        SampleTv = new int[samples];
    }

    public int[] An { get; }

    /// <summary>AC per ALT, flat (see <see cref="GenotypeMatrix.AcOffsets"/>).</summary>
    public int[] Ac { get; }

    public int[] NHet { get; }

    public int[] NHomAlt { get; }

    public int[] NHomRef { get; }

    public int[] NMissing { get; }

    /// <summary>Non-missing calls whose ploidy is not 2 (they rule out the HWE test).</summary>
    public int[] NNonDiploid { get; }

    public double[] HweP { get; }

    public int[] SampleHet { get; }

    public int[] SampleHomAlt { get; }

    public int[] SampleHomRef { get; }

    public int[] SampleMissing { get; }

    /// <summary>Non-reference calls at transition SNVs.</summary>
    public int[] SampleTs { get; }

    /// <summary>Non-reference calls at transversion SNVs.</summary>
    public int[] SampleTv { get; }

    /// <summary>Call rate of a variant: called / (called + missing); NaN when no sample was genotyped.</summary>
    public double CallRate(int variant)
    {
        double called = NHet[variant] + NHomAlt[variant] + NHomRef[variant];
        var total = called + NMissing[variant];
        return total == 0 ? double.NaN : called / total;
    }

    /// <summary>Fills every array with a sentinel (tests prove each element is written).</summary>
    public void Poison(int value)
    {
        foreach (var a in new[] { An, Ac, NHet, NHomAlt, NHomRef, NMissing, NNonDiploid, SampleHet, SampleHomAlt, SampleHomRef, SampleMissing, SampleTs, SampleTv })
        {
            Array.Fill(a, value);
        }

        Array.Fill(HweP, -12345.0);
    }
}
