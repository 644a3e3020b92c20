namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// GRAALL T-ALL oncogenetic classifier (Trinquand 2013 JCO 31:4333; Petit 2018 Blood 131:289; ALL-knowledge.md §2.4 [V]):
/// low risk = NOTCH1 and/or FBXW7 mutation with no NRAS/KRAS mutation and no PTEN abnormality (mutation or deletion);
/// high risk = all others. What counts as a mutation is the annotator's <c>mutation</c> findings ([U] §2.4). The 2024
/// NGS successor is <see cref="TallNgs2024Rule"/>. Only for T-lineage specimens.
/// </summary>
internal static class NfrpRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "T-ALL-NFRP";

    /// <summary>Rule version.</summary>
    public const string Version = "GRAALL NFRP v2 (Trinquand 2013 [V]; mutation = annotator 'mutation' finding, a missing one wild type only with VEP/SnpEff consequences; NGS cut-offs [U]; 2024 successor: scheme T-ALL-NGS-2024)";

    /// <summary>The row, only for T-lineage specimens.</summary>
    public static IEnumerable<ClassificationRow> Classify(SpecimenFindings f)
    {
        if (ClinicalFacts.Lineage(f.Clinical) != "T")
        {
            yield break;
        }

        var nf = f.Mutations("NOTCH1").Concat(f.Mutations("FBXW7")).Select(m => m.Name).ToList();
        var ras = f.Mutations("NRAS").Concat(f.Mutations("KRAS")).Select(m => m.Name).ToList();
        var pten = f.Mutations("PTEN").Select(m => m.Name).ToList();
        var ptenDeleted = Completions.AnyDeletion(f.State("PTEN"));

        // A missing mutation is wild type only where the records carry VEP/SnpEff consequences (otherwise only hotspots
        // and NOTCH1 domains are visible); a label that missing evidence could change is not assessable (Completions).
        var mutationsComplete = f.HasSmallVariants && (f.ConsequencesAnnotated ?? f.Abnormalities.Any(SmallVariantAnnotator.CarriesConsequence));
        GeneCall Mutated(List<string> found) => found.Count > 0 ? GeneCall.Deleted : mutationsComplete ? GeneCall.NotDeleted : GeneCall.Unknown;
        var calls = new List<GeneCall> { Mutated(nf), Mutated(ras), Mutated(pten), ptenDeleted };
        var label = Completions.Agreed(calls, present => present[0] && !present[1] && !present[2] && !present[3] ? "low risk" : "high risk");

        var mutationEvidence = !f.HasSmallVariants ? "no small-variant file"
            : mutationsComplete ? "small variants with VEP/SnpEff consequences"
            : "small variants without VEP/SnpEff consequences: only hotspots and NOTCH1 domains are visible, a missing mutation is not wild type";
        var found = $"N/F: {List(nf)}; RAS: {List(ras)}; PTEN: {List(pten)}, {Completions.Text("PTEN", f.State("PTEN"))}; {mutationEvidence}";
        if (label is null)
        {
            var missing = new[] { "NOTCH1/FBXW7 mutations", "RAS mutations", "PTEN mutations", "PTEN deletion" }.Where((_, i) => calls[i] == GeneCall.Unknown);
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"the label depends on evidence not available: {string.Join(", ", missing)}; {found}", Version);
            yield break;
        }

        var why = label == "low risk" ? "N/F mutated, no RAS mutation, no PTEN abnormality"
            : calls[0] == GeneCall.NotDeleted ? "NOTCH1/FBXW7 wild type"
            : "N/F mutated with RAS/PTEN alteration";
        yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, label, null, true, $"{why}; {found}", Version);
    }

    private static string List(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
