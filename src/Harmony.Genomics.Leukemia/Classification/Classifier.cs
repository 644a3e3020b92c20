namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>Runs every classification rule over a patient's tumour specimens and clinical columns.</summary>
internal static class Classifier
{
    /// <summary>All rows for one patient: specimen-level schemes per tumour specimen, then MRD kinetics.</summary>
    public static IEnumerable<ClassificationRow> Classify(string patient, IReadOnlyList<SpecimenFindings> specimens, IReadOnlyDictionary<string, string> clinical, ClassificationOptions? options = null)
    {
        options ??= ClassificationOptions.Default;
        foreach (var f in specimens)
        {
            foreach (var row in Specimen(f, options))
            {
                yield return row;
            }
        }

        foreach (var row in MrdLogReductionRule.Classify(patient, clinical))
        {
            yield return row;
        }
    }

    /// <summary>The specimen-level rows.</summary>
    public static IEnumerable<ClassificationRow> Specimen(SpecimenFindings f, ClassificationOptions options)
    {
        foreach (var row in SubtypeRule.Classify(f))
        {
            yield return row;
        }

        var t = ClinicalFacts.Lineage(f.Clinical) == "T";
        if (!t)
        {
            yield return CytogeneticRiskRule.Classify(f, options);
            yield return UkallCnaRule.Classify(f, options);
            yield return IntegratedGeneticRiskRule.Classify(f, options);
            yield return Ikzf1PlusRule.Classify(f, options);
            foreach (var row in HeHRiskRule.Classify(f, options))
            {
                yield return row;
            }
        }

        foreach (var row in NfrpRule.Classify(f))
        {
            yield return row;
        }

        // The 2024 NGS successor of NFRP, reported as its own scheme next to it.
        foreach (var row in TallNgs2024Rule.Classify(f))
        {
            yield return row;
        }
    }
}
