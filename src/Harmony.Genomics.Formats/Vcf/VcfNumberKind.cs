namespace Harmony.Genomics.Formats.Vcf;

/// <summary>How many values a field carries (VCF 4.4 §1.4.2, the Number attribute).</summary>
public enum VcfNumberKind
{
    /// <summary>A fixed count, including 0 for flags.</summary>
    Fixed,

    /// <summary><c>A</c>: one value per alternate allele.</summary>
    PerAlternateAllele,

    /// <summary><c>R</c>: one value per allele, the reference included.</summary>
    PerAllele,

    /// <summary><c>G</c>: one value per possible genotype.</summary>
    PerGenotype,

    /// <summary><c>.</c>: any number of values.</summary>
    Unbounded,
}
