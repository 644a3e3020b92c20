namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// Integrated genetics, two-tier (Moorman 2014; operational reading [P], ALL-knowledge.md §2.1): poor-risk cytogenetics →
/// poor; ETV6::RUNX1 or high hyperdiploidy → good; intermediate cytogenetics → good when UKALL-CNA is good, else poor. The
/// 2019 four-group mapping is [U] and not implemented.
/// </summary>
internal static class IntegratedGeneticRiskRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "integrated-genetic-risk";

    /// <summary>Rule version.</summary>
    public const string Version = "UKALL integrated genetics 2-tier v1 (Moorman 2014 [P] operational reading; Hamadeh 2019 4-group mapping [U], not implemented)";

    /// <summary>The row for a specimen.</summary>
    public static ClassificationRow Classify(SpecimenFindings f, ClassificationOptions options)
    {
        var flag = ClinicalFacts.PaediatricFlag(f.Clinical, options, "CNA profiles not prognostic in adults (UKALL14)");
        var (cyto, cytoOk, cytoWhy) = CytogeneticRiskRule.Decide(f);
        if (!cytoOk)
        {
            return Row(f, "not assessable", false, $"cytogenetic risk not assessable: {cytoWhy}{flag}");
        }

        if (cyto != "intermediate risk")
        {
            return Row(f, cyto, true, $"cytogenetics {cyto} ({cytoWhy}) decides; CNA subordinate{flag}");
        }

        var (cna, cnaOk, cnaWhy) = UkallCnaRule.Decide(f);
        return cnaOk
            ? Row(f, cna, true, $"intermediate cytogenetics with UKALL-CNA {cna} ({cnaWhy}){flag}")
            : Row(f, "not assessable", false, $"intermediate cytogenetics, UKALL-CNA not assessable ({cnaWhy}){flag}");
    }

    private static ClassificationRow Row(SpecimenFindings f, string label, bool assessable, string evidence) =>
        new(f.Patient, f.Specimen, Scheme, label, null, assessable, evidence, Version);
}
