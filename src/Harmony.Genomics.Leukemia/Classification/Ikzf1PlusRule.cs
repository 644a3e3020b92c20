namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// IKZF1plus (Stanulla 2018 JCO 36:1240; ALL-knowledge.md §2.2 [V]): IKZF1 deletion with deletion of CDKN2A, CDKN2B,
/// PAX5 or PAR1, in the absence of ERG deletion. Whether CDKN2A/B must be homozygous is [U]; by default any deletion
/// counts and the row says so (<see cref="ClassificationOptions.Ikzf1PlusRequiresHomozygousCdkn2ab"/>).
/// </summary>
internal static class Ikzf1PlusRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "IKZF1plus";

    private static readonly string[] Genes = ["IKZF1", "CDKN2A", "CDKN2B", "PAX5", "PAR1", "ERG"];

    /// <summary>The rule version under the given options.</summary>
    public static string Version(ClassificationOptions options) => options.Ikzf1PlusRequiresHomozygousCdkn2ab
        ? "IKZF1plus v1 (Stanulla 2018 [V]; CDKN2A/B homozygous only [U] option on)"
        : "IKZF1plus v1 (Stanulla 2018 [V]; CDKN2A/B any deletion — homozygous requirement [U] not applied)";

    /// <summary>The row for a specimen.</summary>
    public static ClassificationRow Classify(SpecimenFindings f, ClassificationOptions options)
    {
        var version = Version(options);
        if (ClinicalFacts.Lineage(f.Clinical) == "T")
        {
            return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, "lineage T: defined for B-cell precursor ALL", version);
        }

        var calls = Genes.Select(g => Call(f.State(g), g, options)).ToList();
        var text = "calls " + string.Join(" ", Genes.Select(f.StateText)) + f.DeletionDataNote;
        var cdkn = options.Ikzf1PlusRequiresHomozygousCdkn2ab ? "CDKN2A/B counted only when homozygous" : "CDKN2A/B counted when deleted (het or hom)";
        var flag = ClinicalFacts.PaediatricFlag(f.Clinical, options, "IKZF1 deletions incl. IKZF1plus not prognostic in UKALL14 adults (Blood Adv 2021;5:3322)");
        var label = Completions.Agreed(calls, Rule);
        if (label is null)
        {
            var missing = Genes.Where((_, i) => calls[i] == GeneCall.Unknown);
            return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"no call for {string.Join(", ", missing)} and the result depends on it; {cdkn}; {text}{flag}", version);
        }

        var partners = Genes[1..5].Where((_, i) => calls[i + 1] == GeneCall.Deleted).ToList();
        var why = calls[0] != GeneCall.Deleted ? "no IKZF1 deletion"
            : calls[5] == GeneCall.Deleted ? "IKZF1 deletion with ERG deletion (excluded)"
            : partners.Count == 0 ? "IKZF1 deletion alone (no CDKN2A/CDKN2B/PAX5/PAR1 deletion)"
            : $"IKZF1 deletion with {string.Join(", ", partners)} deletion, no ERG deletion";
        return new ClassificationRow(f.Patient, f.Specimen, Scheme, label, null, true, $"{why}; {cdkn}; {text}{flag}", version);
    }

    /// <summary>The rule over IKZF1, CDKN2A, CDKN2B, PAX5, PAR1, ERG.</summary>
    public static string Rule(bool[] d) => d[0] && (d[1] || d[2] || d[3] || d[4]) && !d[5] ? "IKZF1plus" : "not IKZF1plus";

    private static GeneCall Call(GeneCopyState state, string gene, ClassificationOptions options)
    {
        if (options.Ikzf1PlusRequiresHomozygousCdkn2ab && gene is "CDKN2A" or "CDKN2B" && state == GeneCopyState.HeterozygousDeletion)
        {
            return GeneCall.NotDeleted;
        }

        return Completions.AnyDeletion(state);
    }
}
