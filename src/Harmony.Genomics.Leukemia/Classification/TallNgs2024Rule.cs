namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// The NGS-based T-ALL oncogenetic classifier that succeeds GRAALL NFRP (Blood 2024;144(15):1570–1580, GRAALL-2003/2005
/// adults and FRALLE2000T children, 72-gene panel; ALL-knowledge.md §2.4 [V]): low risk = a NOTCH1/FBXW7, PHF6 or EP300
/// mutation with no alteration of NRAS/KRAS, the PI3K pathway (PTEN, PIK3CA, PIK3R1), TP53, DNMT3A, IDH1/2 or IKZF1;
/// high risk = all others. Only for T-lineage specimens; reported next to <see cref="NfrpRule"/>, not instead of it.
/// </summary>
/// <remarks>
/// What counts as an alteration is this engine's reading [U]: a <c>mutation</c> finding of the small-variant annotator
/// (VEP/SnpEff protein-altering consequence, B-ALL hotspot or NOTCH1 domain call) for every gene, plus a deletion
/// finding for the genes the deletion callers call (PTEN, TP53, IKZF1), from copy-number segments or from an SV VCF's
/// deletions. A missing finding only means "not altered" when the evidence could have shown it: mutations need a
/// small-variant file whose records carry VEP/SnpEff consequences (without them only hotspots and NOTCH1 domains are
/// visible), deletions need a copy-number call (an SV VCF without a deletion over a gene does not say it is intact). Missing
/// evidence makes the label <c>not assessable</c> unless every way it could turn out gives the same label
/// (<see cref="Completions"/>), e.g. a KRAS hotspot makes it high risk whatever else is missing.
/// </remarks>
internal static class TallNgs2024Rule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "T-ALL-NGS-2024";

    /// <summary>Rule version.</summary>
    public const string Version = "T-ALL NGS classifier v1 (Blood 2024;144(15):1570-1580 [V], ALL-knowledge.md §2.4; alteration = annotator 'mutation' finding, or deletion of PTEN/TP53/IKZF1 from copy-number or SV deletion calls [U]; NGS cut-offs [U])";

    /// <summary>Genes whose mutation makes a specimen eligible for low risk.</summary>
    public static IReadOnlyList<string> Favourable { get; } = ["NOTCH1", "FBXW7", "PHF6", "EP300"];

    /// <summary>Genes whose alteration makes it high risk.</summary>
    public static IReadOnlyList<string> Adverse { get; } = ["NRAS", "KRAS", "PTEN", "PIK3CA", "PIK3R1", "TP53", "DNMT3A", "IDH1", "IDH2", "IKZF1"];

    /// <summary>Adverse genes whose deletion the deletion callers report (the others are altered by mutation).</summary>
    public static IReadOnlyList<string> DeletionGenes { get; } = ["PTEN", "TP53", "IKZF1"];

    /// <summary>The row, only for T-lineage specimens.</summary>
    public static IEnumerable<ClassificationRow> Classify(SpecimenFindings f)
    {
        if (ClinicalFacts.Lineage(f.Clinical) != "T")
        {
            yield break;
        }

        var favourable = Favourable.SelectMany(f.Mutations).Select(m => m.Name).Distinct().ToList();
        var adverse = Adverse.SelectMany(f.Mutations).Select(m => m.Name).Distinct().ToList();
        var mutationsComplete = f.HasSmallVariants && (f.ConsequencesAnnotated ?? f.Abnormalities.Any(SmallVariantAnnotator.CarriesConsequence));
        var deletions = DeletionGenes.Select(g => (Gene: g, Call: Completions.AnyDeletion(f.State(g)))).ToList();
        var calls = new List<GeneCall>
        {
            favourable.Count > 0 ? GeneCall.Deleted : mutationsComplete ? GeneCall.NotDeleted : GeneCall.Unknown,
            adverse.Count > 0 ? GeneCall.Deleted : mutationsComplete ? GeneCall.NotDeleted : GeneCall.Unknown,
        };
        calls.AddRange(deletions.Select(d => d.Call));

        // calls[0]: a favourable mutation; calls[1]: an adverse mutation; then one per deletion gene ("Deleted" = present).
        var label = Completions.Agreed(calls, present => present[0] && !present.Skip(1).Any(p => p) ? "low risk" : "high risk");
        var mutationEvidence = !f.HasSmallVariants ? "no small-variant file"
            : mutationsComplete ? "small variants with VEP/SnpEff consequences"
            : "small variants without VEP/SnpEff consequences: only hotspots and NOTCH1 domains are visible, a missing mutation is not wild type";
        var found = $"favourable (NOTCH1/FBXW7/PHF6/EP300): {List(favourable)}; adverse mutations: {List(adverse)}; deletions: {string.Join(", ", DeletionGenes.Select(g => Completions.Text(g, f.State(g))))}; {mutationEvidence}";
        if (label is null)
        {
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"{Missing(calls, deletions)}; {found}", Version);
            yield break;
        }

        var why = label == "low risk" ? "favourable mutation, no adverse alteration"
            : favourable.Count == 0 && calls[0] == GeneCall.NotDeleted ? "no NOTCH1/FBXW7, PHF6 or EP300 mutation"
            : "adverse alteration";
        yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, label, null, true, $"{why}; {found}", Version);
    }

    private static string List(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static string Missing(List<GeneCall> calls, List<(string Gene, GeneCall Call)> deletions)
    {
        var missing = new List<string>();
        if (calls[0] == GeneCall.Unknown)
        {
            missing.Add("favourable mutations");
        }

        if (calls[1] == GeneCall.Unknown)
        {
            missing.Add("adverse mutations");
        }

        missing.AddRange(deletions.Where(d => d.Call == GeneCall.Unknown).Select(d => $"{d.Gene} deletion"));
        return $"the label depends on evidence not available: {string.Join(", ", missing)}";
    }
}
