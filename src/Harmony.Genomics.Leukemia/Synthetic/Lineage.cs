namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>B- or T-lineage ALL.</summary>
internal enum Lineage
{
    /// <summary>B-cell precursor ALL.</summary>
    B,

    /// <summary>T-lineage ALL.</summary>
    T,
}
