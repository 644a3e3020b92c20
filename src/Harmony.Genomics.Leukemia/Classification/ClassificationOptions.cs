namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>Switches for rule details that ALL-knowledge.md marks unverified ([U]); each choice is written to the output.</summary>
internal sealed record ClassificationOptions
{
    /// <summary>
    /// IKZF1plus: count CDKN2A/CDKN2B only when homozygously deleted. Off by default: the verified definition
    /// (Stanulla 2018 as quoted, ALL-knowledge.md §2.2 [V]) says "deletion"; the homozygous requirement is [U].
    /// </summary>
    public bool Ikzf1PlusRequiresHomozygousCdkn2ab { get; init; }

    /// <summary>
    /// HeH-risk: apply the recollected good-risk combination of trisomies 5, 17, 18, 20 (ALL-knowledge.md §1.2 [U]).
    /// Off by default: the row then reports the trisomy pattern with label <c>not assessable</c>.
    /// </summary>
    public bool ApplyUnverifiedHeHRule { get; init; }

    /// <summary>Age (years) from which a patient counts as adult for the paediatric-validation flags.</summary>
    public double AdultAgeYears { get; init; } = 18;

    /// <summary>The defaults.</summary>
    public static ClassificationOptions Default { get; } = new();
}
