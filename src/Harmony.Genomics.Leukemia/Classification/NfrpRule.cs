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
    public const string Version = "GRAALL NFRP v1 (Trinquand 2013 [V]; mutation = annotator 'mutation' finding, NGS cut-offs [U]; 2024 successor: scheme T-ALL-NGS-2024)";

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
        if (ptenDeleted == GeneCall.Deleted)
        {
            pten.Add("PTEN deletion");
        }

        var found = $"N/F: {(nf.Count == 0 ? "none" : string.Join(", ", nf))}; RAS: {(ras.Count == 0 ? "none" : string.Join(", ", ras))}; PTEN: {(pten.Count == 0 ? (ptenDeleted == GeneCall.Unknown ? "no mutation, deletion not assessable" : "none") : string.Join(", ", pten))}";
        if (!f.HasSmallVariants)
        {
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"no small-variant file; {found}", Version);
            yield break;
        }

        if (nf.Count == 0 || ras.Count > 0 || pten.Count > 0)
        {
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "high risk", null, true, $"{(nf.Count == 0 ? "NOTCH1/FBXW7 wild type" : "N/F mutated with RAS/PTEN alteration")}; {found}", Version);
            yield break;
        }

        yield return ptenDeleted == GeneCall.Unknown
            ? new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"N/F mutated, no RAS/PTEN mutation, but PTEN deletion not assessable; {found}", Version)
            : new ClassificationRow(f.Patient, f.Specimen, Scheme, "low risk", null, true, $"N/F mutated, no RAS mutation, no PTEN abnormality; {found}", Version);
    }
}
