namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Age groups of the <c>clinical</c> table. ALL-knowledge.md reports ages per study (§1.3: "15–29 y", "≥60 y", adults
/// 23–65 y) but defines no groups, so the boundaries are [U] and the rule text stored with every row says so: AYA 15–39
/// years is the NCI definition, older adult from 55 the EWALL/GMALL convention. The paediatric-validation flags of the
/// classification rules use their own threshold (<c>ClassificationOptions.AdultAgeYears</c>, 18).
/// </summary>
internal static class AgeGroups
{
    /// <summary>The rule as stored in <c>clinical.age_group_rule</c>.</summary>
    public const string Rule = "age groups v1: child < 15, AYA 15-39, adult 40-54, older adult >= 55 years (boundaries [U]: not defined in ALL-knowledge.md; AYA as NCI, older adult as EWALL)";

    /// <summary><c>child</c>, <c>AYA</c>, <c>adult</c>, <c>older adult</c>, or null for an unknown age.</summary>
    public static string? Of(double? age) => age switch
    {
        null => null,
        < 15 => "child",
        < 40 => "AYA",
        < 55 => "adult",
        _ => "older adult",
    };
}
