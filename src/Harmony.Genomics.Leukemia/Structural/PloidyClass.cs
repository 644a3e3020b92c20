namespace Harmony.Genomics.Leukemia;

/// <summary>Ploidy classes of ALL by modal chromosome number (ALL-knowledge.md §2.3).</summary>
public enum PloidyClass
{
    /// <summary>Near-haploid.</summary>
    NearHaploid,

    /// <summary>Low hypodiploid.</summary>
    LowHypodiploid,

    /// <summary>High hypodiploid.</summary>
    HighHypodiploid,

    /// <summary>Near-diploid (44-50 where no range of the definition applies).</summary>
    NearDiploid,

    /// <summary>Low hyperdiploid.</summary>
    LowHyperdiploid,

    /// <summary>High hyperdiploid.</summary>
    HighHyperdiploid,

    /// <summary>Above the high-hyperdiploid range (near-triploid/tetraploid); not classed by these definitions.</summary>
    AboveHighHyperdiploid,

    /// <summary>In a gap between the definition's ranges away from 46 (e.g. Harrison 2004's 30-32): no class given.</summary>
    Unclassified,
}
