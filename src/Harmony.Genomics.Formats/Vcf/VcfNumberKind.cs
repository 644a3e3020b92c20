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

    /// <summary><c>P</c> (FORMAT only, VCF 4.4/4.5 §1.4.2): one value per allele of GT (or LGT); its count is not checked.</summary>
    PerCalledAllele,

    /// <summary><c>LA</c> (FORMAT only, VCF 4.5 §1.4.2): as A over the sample's local alleles (LAA); its count is not checked.</summary>
    PerLocalAlternateAllele,

    /// <summary><c>LR</c> (FORMAT only, VCF 4.5 §1.4.2): as R over the sample's local alleles (LAA); its count is not checked.</summary>
    PerLocalAllele,

    /// <summary><c>LG</c> (FORMAT only, VCF 4.5 §1.4.2): as G over the sample's local alleles (LAA); its count is not checked.</summary>
    PerLocalGenotype,
}
