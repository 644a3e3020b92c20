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

        var lineage = ClinicalFacts.Lineage(f.Clinical);
        if (lineage != "T")
        {
            // The B-ALL schemes assume B lineage when the sheet gives none, and say so as the subtype row does.
            var note = lineage is null ? "lineage not given: B-lineage assumed; " : string.Empty;
            ClassificationRow[] rows = [CytogeneticRiskRule.Classify(f, options), UkallCnaRule.Classify(f, options), IntegratedGeneticRiskRule.Classify(f, options), Ikzf1PlusRule.Classify(f, options), .. HeHRiskRule.Classify(f, options)];
            foreach (var row in rows)
            {
                yield return row with { Evidence = note + row.Evidence };
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
