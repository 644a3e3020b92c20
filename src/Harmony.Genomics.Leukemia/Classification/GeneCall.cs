namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>Three-valued deletion status used by the copy-number classifiers.</summary>
internal enum GeneCall
{
    /// <summary>Covered and not deleted.</summary>
    NotDeleted,

    /// <summary>Deleted (as the rule counts it).</summary>
    Deleted,

    /// <summary>No call.</summary>
    Unknown,
}
