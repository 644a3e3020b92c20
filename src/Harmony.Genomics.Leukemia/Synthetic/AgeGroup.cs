namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>Age groups the frequencies are stated for (ALL-knowledge.md §1.3 reports adult data per decade).</summary>
internal enum AgeGroup
{
    /// <summary>1–14 years.</summary>
    Child,

    /// <summary>Adolescents and young adults, 15–39 years.</summary>
    Aya,

    /// <summary>40–59 years.</summary>
    Adult,

    /// <summary>60 years and over.</summary>
    OlderAdult,
}
