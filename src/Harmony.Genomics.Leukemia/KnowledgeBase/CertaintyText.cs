namespace Harmony.Genomics.Leukemia;

/// <summary>The evidence tags of ALL-knowledge.md, read and written.</summary>
internal static class CertaintyText
{
    public static Certainty Parse(string tag) => tag.Trim().Trim('[', ']') switch
    {
        "V" => Certainty.Verified,
        "V-data" => Certainty.VerifiedData,
        "D" => Certainty.Derived,
        "P" => Certainty.Partial,
        "U" => Certainty.Unverified,
        _ => throw new FormatException($"unknown evidence tag '{tag}'"),
    };

    public static string Tag(Certainty certainty) => certainty switch
    {
        Certainty.Verified => "V",
        Certainty.VerifiedData => "V-data",
        Certainty.Derived => "D",
        Certainty.Partial => "P",
        _ => "U",
    };

    /// <summary>Whether outputs must carry a warning: anything not read from a source as is.</summary>
    public static bool NeedsFlag(Certainty certainty) => certainty is Certainty.Partial or Certainty.Unverified or Certainty.Derived;
}
