namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// UKALL copy-number classifier (Moorman 2014 Blood 124:1434; ALL-knowledge.md §2.1 [V]), two-tier. Good risk is exactly
/// one of: no deletion of the 8 genes/regions; an isolated ETV6, PAX5 or BTG1 deletion; an ETV6 deletion plus exactly one
/// of BTG1, PAX5, CDKN2A/B. Every other profile is poor risk. The Hamadeh 2019 intermediate/poor split is [U] and not
/// implemented.
/// </summary>
internal static class UkallCnaRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "UKALL-CNA";

    /// <summary>Rule version.</summary>
    public const string Version = "UKALL-CNA 2-tier v1 (Moorman 2014 Blood 124:1434 [V]; Hamadeh 2019 3-tier split [U], not implemented)";

    /// <summary>The 8 units in order; CDKN2A/B is one unit (deleted when either is).</summary>
    public static IReadOnlyList<string> Units { get; } = ["IKZF1", "CDKN2A/B", "PAR1", "BTG1", "EBF1", "PAX5", "ETV6", "RB1"];

    /// <summary>The row for a specimen.</summary>
    public static ClassificationRow Classify(SpecimenFindings f, ClassificationOptions options)
    {
        var (label, assessable, evidence) = Decide(f);
        var flag = ClinicalFacts.PaediatricFlag(f.Clinical, options, "no CNA profile was prognostic in adults (UKALL14, Moorman 2022 Leukemia 36:625)");
        return new ClassificationRow(f.Patient, f.Specimen, Scheme, label, null, assessable, evidence + flag, Version);
    }

    /// <summary>Label, assessable and evidence.</summary>
    public static (string Label, bool Assessable, string Evidence) Decide(SpecimenFindings f)
    {
        if (ClinicalFacts.Lineage(f.Clinical) == "T")
        {
            return ("not assessable", false, "lineage T: classifier defined for B-cell precursor ALL");
        }

        var calls = Units.Select(u => Call(f, u)).ToList();
        var text = "calls " + string.Join(" ", new[] { "IKZF1", "CDKN2A", "CDKN2B", "PAR1", "BTG1", "EBF1", "PAX5", "ETV6", "RB1" }.Select(f.StateText)) + f.DeletionDataNote;
        var label = Completions.Agreed(calls, Profile);
        if (label is null)
        {
            var missing = Units.Where((_, i) => calls[i] == GeneCall.Unknown);
            return ("not assessable", false, $"no call for {string.Join(", ", missing)} and the profile depends on it; {text}");
        }

        var deleted = Units.Where((_, i) => calls[i] == GeneCall.Deleted).ToList();
        var why = deleted.Count == 0 ? "no deletion of the 8" : $"deleted: {string.Join(", ", deleted)}";
        var partial = calls.Contains(GeneCall.Unknown) ? " (missing calls cannot change it)" : string.Empty;
        return (label, true, $"{why}{partial}; {text}");
    }

    /// <summary>Good or poor risk for a complete deletion pattern over <see cref="Units"/>.</summary>
    public static string Profile(bool[] deleted)
    {
        var set = Units.Where((_, i) => deleted[i]).ToHashSet(StringComparer.Ordinal);
        var good = set.Count == 0
            || (set.Count == 1 && (set.Contains("ETV6") || set.Contains("PAX5") || set.Contains("BTG1")))
            || (set.Count == 2 && set.Contains("ETV6") && (set.Contains("BTG1") || set.Contains("PAX5") || set.Contains("CDKN2A/B")));
        return good ? "good risk" : "poor risk";
    }

    private static GeneCall Call(SpecimenFindings f, string unit)
    {
        if (unit != "CDKN2A/B")
        {
            return Completions.AnyDeletion(f.State(unit));
        }

        var a = Completions.AnyDeletion(f.State("CDKN2A"));
        var b = Completions.AnyDeletion(f.State("CDKN2B"));
        return a == GeneCall.Deleted || b == GeneCall.Deleted ? GeneCall.Deleted
            : a == GeneCall.NotDeleted && b == GeneCall.NotDeleted ? GeneCall.NotDeleted
            : GeneCall.Unknown;
    }
}
