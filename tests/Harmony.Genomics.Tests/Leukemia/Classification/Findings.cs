using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

/// <summary>Builds literal <see cref="SpecimenFindings"/> for the rule tests.</summary>
internal static class Findings
{
    public static readonly string[] CnaGenes = ["IKZF1", "CDKN2A", "CDKN2B", "PAR1", "BTG1", "EBF1", "PAX5", "ETV6", "RB1", "ERG", "PTEN"];

    /// <summary>A B-ALL child (age 6) with all data kinds, every gene not deleted, the given findings and deletions.</summary>
    public static SpecimenFindings Make(string[]? findings = null, string[]? deleted = null, string[]? homozygous = null, string[]? noCall = null, Dictionary<string, string>? clinical = null, Dictionary<string, int>? chromosomes = null, bool copyNumber = true, bool rearrangements = true, bool smallVariants = true)
    {
        var states = CnaGenes.ToDictionary(g => g, _ => GeneCopyState.NotDeleted);
        foreach (var g in deleted ?? [])
        {
            states[g] = GeneCopyState.HeterozygousDeletion;
        }

        foreach (var g in homozygous ?? [])
        {
            states[g] = GeneCopyState.HomozygousDeletion;
        }

        foreach (var g in noCall ?? [])
        {
            states.Remove(g);
        }

        var abnormalities = (findings ?? []).Select(Abnormality).ToList();
        abnormalities.AddRange(states.Where(s => s.Value != GeneCopyState.NotDeleted).Select(s => new Abnormality($"{s.Key} deletion", "deletion", [s.Key], "", "", "unknown", Certainty.Verified)));
        return new SpecimenFindings("P1", "P1-DX", abnormalities, states, chromosomes ?? [], copyNumber, rearrangements, smallVariants,
            clinical ?? new Dictionary<string, string> { ["age_years"] = "6", ["immunophenotype"] = "B-ALL" });
    }

    private static Abnormality Abnormality(string name)
    {
        var category = name.Contains("::", StringComparison.Ordinal) ? "fusion"
            : name.Contains(" p.", StringComparison.Ordinal) ? "mutation"
            : name is "iAMP21" ? "amplification"
            : name.StartsWith('+') ? "aneuploidy" : "ploidy";
        var genes = category == "fusion" ? name.Split("::") : category == "mutation" ? [name.Split(' ')[0]] : [];
        return new Abnormality(name, category, genes, "", "", "unknown", Certainty.Verified);
    }

    public static ClassificationRow Row(SpecimenFindings f, string scheme, ClassificationOptions? options = null) =>
        Classifier.Specimen(f, options ?? ClassificationOptions.Default).Single(r => r.Scheme == scheme);
}
