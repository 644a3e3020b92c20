namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>One synthetic patient: clinical covariates and everything planted in their files.</summary>
internal sealed class SyntheticPatient
{
    public required long Index { get; init; }

    public required string Id { get; init; }

    public string TumourSpecimen => Id + "-DX";

    public string GermlineSpecimen => Id + "-GL";

    public required AgeGroup AgeGroup { get; init; }

    public required int AgeYears { get; init; }

    public required PatientSex Sex { get; init; }

    public required Lineage Lineage { get; init; }

    /// <summary>White-cell count at diagnosis, ×10⁹/L.</summary>
    public required double Wbc { get; init; }

    /// <summary>Leukaemic fraction of the diagnostic sample (tumour purity).</summary>
    public required double BlastFraction { get; init; }

    /// <summary>MRD as a leukaemic-cell fraction at day 15, end of induction and week 12; null = below the limit of detection.</summary>
    public required IReadOnlyList<double?> Mrd { get; init; }

    public List<PlantedMutation> Mutations { get; } = [];

    public List<PlantedFusion> Fusions { get; } = [];

    public List<PlantedDeletion> Deletions { get; } = [];

    /// <summary>Extra copies per canonical chromosome (high hyperdiploidy): 1 = trisomy, 2 = tetrasomy.</summary>
    public Dictionary<string, int> Gains { get; } = new(StringComparer.Ordinal);

    public List<PlantedDiplotype> Diplotypes { get; } = [];

    /// <summary>The primary subtype as WHO-HAEM5 names it, or empty (B-other / T-ALL).</summary>
    public string Subtype { get; set; } = string.Empty;

    public List<TruthRow> Truth { get; } = [];
}
