using System.Globalization;

namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>Reads age and lineage from the sheet's clinical columns and words the paediatric-validation flag.</summary>
internal static class ClinicalFacts
{
    /// <summary>Age at diagnosis in years from <c>age_at_diagnosis</c>, <c>age_years</c> or <c>age</c>, or null.</summary>
    public static double? Age(IReadOnlyDictionary<string, string> clinical)
    {
        foreach (var key in new[] { "age_at_diagnosis", "age_years", "age" })
        {
            if (clinical.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var age) && age >= 0)
            {
                return age;
            }
        }

        return null;
    }

    /// <summary><c>B</c>, <c>T</c> or null, from <c>lineage</c> or <c>immunophenotype</c> (e.g. <c>B-ALL</c>, <c>T-ALL</c>, <c>ETP-ALL</c>).</summary>
    public static string? Lineage(IReadOnlyDictionary<string, string> clinical)
    {
        foreach (var key in new[] { "lineage", "immunophenotype" })
        {
            if (!clinical.TryGetValue(key, out var text))
            {
                continue;
            }

            var t = text.Trim().ToUpperInvariant();
            if (t.StartsWith('B') || t.Contains("BCP", StringComparison.Ordinal))
            {
                return "B";
            }

            if (t.StartsWith('T') || t.Contains("ETP", StringComparison.Ordinal))
            {
                return "T";
            }
        }

        return null;
    }

    /// <summary>Whether the immunophenotype names early T-precursor ALL.</summary>
    public static bool IsEtp(IReadOnlyDictionary<string, string> clinical) =>
        clinical.TryGetValue("immunophenotype", out var t) && t.Contains("ETP", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The flag for classifiers validated in children only: says so for adults and for unknown age, empty for children.
    /// </summary>
    public static string PaediatricFlag(IReadOnlyDictionary<string, string> clinical, ClassificationOptions options, string adultEvidence)
    {
        var age = Age(clinical);
        if (age is null)
        {
            return "; AGE UNKNOWN: validated in children only, cannot check";
        }

        return age >= options.AdultAgeYears
            ? $"; ADULT (age {age.Value.ToString(CultureInfo.InvariantCulture)} >= {options.AdultAgeYears.ToString(CultureInfo.InvariantCulture)}): validated in children only; {adultEvidence}"
            : string.Empty;
    }
}
