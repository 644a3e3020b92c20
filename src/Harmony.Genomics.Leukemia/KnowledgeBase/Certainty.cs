namespace Harmony.Genomics.Leukemia;

/// <summary>
/// How sure the knowledge base is of a fact, mirroring the evidence tags of ALL-knowledge.md, so that every
/// output built on a fact can say whether it rests on verified or unverified material.
/// </summary>
public enum Certainty
{
    /// <summary>[V]: checked against the text of the cited source.</summary>
    Verified,

    /// <summary>[V-data]: read directly from a data file in a public repository at a pinned commit.</summary>
    VerifiedData,

    /// <summary>[D]: derived from verified material by a stated computation (e.g. a constant build offset).</summary>
    Derived,

    /// <summary>[P]: headline verified, details from background knowledge.</summary>
    Partial,

    /// <summary>[U]: unverified background knowledge; must be checked before clinical use.</summary>
    Unverified,
}
