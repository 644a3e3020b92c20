namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// Cytogenetic risk group, rule set <c>UK-cytogenetic-risk-2014</c> (ALL-knowledge.md §2.1 "UK cytogenetic risk groups"
/// [P] and §2.3 [V]): poor = BCR::ABL1, KMT2A-r, near-haploidy, low hypodiploidy, iAMP21, TCF3::HLF; good =
/// ETV6::RUNX1, high hyperdiploidy; intermediate = all other B-ALL. Poor wins over good.
/// </summary>
internal static class CytogeneticRiskRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "cytogenetic-risk";

    /// <summary>Rule version.</summary>
    public const string Version = "UK-cytogenetic-risk-2014 v1 (Moorman 2014 Blood 124:1434 groups; exact UKALL2003 list [P], ALL-knowledge.md §2.1/§2.3)";

    /// <summary>The row for a specimen.</summary>
    public static ClassificationRow Classify(SpecimenFindings f, ClassificationOptions options)
    {
        var (label, assessable, evidence) = Decide(f);
        var adult = ClinicalFacts.Age(f.Clinical) is { } age && age >= options.AdultAgeYears
            ? "; ADULT: adult adverse groups (complex karyotype, near-triploidy/HoTr; definitions [U]) not evaluated"
            : string.Empty;
        return new ClassificationRow(f.Patient, f.Specimen, Scheme, label, null, assessable, evidence + adult, Version);
    }

    /// <summary>The group alone (<c>good risk</c>, <c>intermediate risk</c>, <c>poor risk</c> or <c>not assessable</c>) with its evidence.</summary>
    public static (string Label, bool Assessable, string Evidence) Decide(SpecimenFindings f)
    {
        if (ClinicalFacts.Lineage(f.Clinical) == "T")
        {
            return ("not assessable", false, "lineage T: this rule set is for B-cell precursor ALL");
        }

        var poor = new List<string>();
        var good = new List<string>();
        foreach (var fusion in f.Fusions.Select(a => a.Name))
        {
            if (fusion == "BCR::ABL1" || fusion == "TCF3::HLF" || fusion.Split("::").Contains("KMT2A"))
            {
                poor.Add(fusion);
            }
            else if (fusion == "ETV6::RUNX1")
            {
                good.Add(fusion);
            }
        }

        poor.AddRange(new[] { "near-haploidy", "low hypodiploidy", "iAMP21" }.Where(f.Has));
        if (f.Has("high hyperdiploidy"))
        {
            good.Add("high hyperdiploidy");
        }

        if (poor.Count > 0)
        {
            var note = poor.Contains("BCR::ABL1") ? " (BCR::ABL1 was treated separately in UKALL2003; adverse per §2.3 [V])" : string.Empty;
            return ("poor risk", true, $"poor-risk lesion: {string.Join(", ", poor)}{note}{(good.Count > 0 ? $"; overrides {string.Join(", ", good)}" : string.Empty)}");
        }

        if (good.Count > 0 && f.Has("possible masked hypodiploidy"))
        {
            return ("not assessable", false, "high hyperdiploid count with possible masked hypodiploidy: good vs poor risk needs karyotype/BAF review");
        }

        if (good.Count > 0 && (f.HasCopyNumber && f.HasRearrangements))
        {
            return ("good risk", true, $"good-risk lesion: {string.Join(", ", good)}");
        }

        if (!f.HasCopyNumber || !f.HasRearrangements)
        {
            return ("not assessable", false, $"{(good.Count > 0 ? string.Join(", ", good) + " found but " : "no risk-defining lesion found and ")}{(f.HasCopyNumber ? "no SV/fusion file" : "no copy-number file")}: a poor-risk lesion cannot be excluded");
        }

        return ("intermediate risk", true, "no good- or poor-risk lesion in copy-number and SV/fusion data (B-other)");
    }
}
