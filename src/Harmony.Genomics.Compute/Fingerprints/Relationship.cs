namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// Pair classes from the KING-robust kinship coefficient φ (Manichaikul et al., "Robust relationship inference in
/// genome-wide association studies", Bioinformatics 26:2867–2873, 2010, Table 1): duplicate / monozygotic twin
/// φ &gt; 2^−1.5 ≈ 0.354; first degree (parent–offspring, full siblings) 2^−2.5 ≈ 0.177 &lt; φ ≤ 0.354; below that
/// second degree or unrelated, which this engine does not report.
/// </summary>
internal enum Relationship
{
    /// <summary>φ ≤ 0.177 (second degree or more distant, or too few SNPs).</summary>
    Unrelated,

    /// <summary>0.177 &lt; φ ≤ 0.354.</summary>
    FirstDegree,

    /// <summary>φ &gt; 0.354: the same individual (or a monozygotic twin).</summary>
    Duplicate,
}

/// <summary>The thresholds of <see cref="Relationship"/>.</summary>
internal static class RelationshipRules
{
    /// <summary>2^−1.5.</summary>
    public static readonly double DuplicateAbove = Math.Pow(2, -1.5);

    /// <summary>2^−2.5.</summary>
    public static readonly double FirstDegreeAbove = Math.Pow(2, -2.5);

    public static Relationship Classify(in PairCounts counts, int minSnps)
    {
        if (counts.N < minSnps)
        {
            return Relationship.Unrelated;
        }

        var kinship = counts.Kinship;
        if (double.IsNaN(kinship))
        {
            return Relationship.Unrelated;
        }

        return kinship > DuplicateAbove ? Relationship.Duplicate
            : kinship > FirstDegreeAbove ? Relationship.FirstDegree
            : Relationship.Unrelated;
    }

    public static string Name(Relationship relationship) => relationship switch
    {
        Relationship.Duplicate => "duplicate",
        Relationship.FirstDegree => "first_degree",
        _ => "unrelated",
    };
}
