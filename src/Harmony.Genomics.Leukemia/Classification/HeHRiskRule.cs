namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// UKALL-HeH risk profile (Enshaei 2021 Lancet Haematol 8:e828; HARMONY validation Enshaei 2023 Leukemia) from trisomies
/// of 5, 17, 18 and 20, for high hyperdiploid specimens only. The chromosomes are [V]; the good-risk combination is [U]
/// (ALL-knowledge.md §1.2) and applied only with <see cref="ClassificationOptions.ApplyUnverifiedHeHRule"/>.
/// </summary>
internal static class HeHRiskRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "HeH-risk";

    private static readonly string[] Chromosomes = ["chr5", "chr17", "chr18", "chr20"];

    /// <summary>The rule version under the given options.</summary>
    public static string Version(ClassificationOptions options) => options.ApplyUnverifiedHeHRule
        ? "UKALL-HeH v0 (Enshaei 2021; chromosomes 5/17/18/20 [V]; GR = (+17 and +18) or ((+17 or +18) and not (+5 and +20)) UNVERIFIED [U])"
        : "UKALL-HeH v0 (Enshaei 2021; chromosomes 5/17/18/20 [V]; GR/PR combination [U] not applied)";

    /// <summary>The row, only for a high hyperdiploid specimen.</summary>
    public static IEnumerable<ClassificationRow> Classify(SpecimenFindings f, ClassificationOptions options)
    {
        if (!f.Has("high hyperdiploidy"))
        {
            yield break;
        }

        var version = Version(options);
        var flag = ClinicalFacts.PaediatricFlag(f.Clinical, options, "derived in children (UKALL97/99, UKALL2003); the HARMONY 2023 validation included adults");
        var states = Chromosomes.ToDictionary(c => c, c => f.ChromosomeCopies.TryGetValue(c, out var n) ? n : (int?)null);
        var pattern = string.Join(" ", states.Select(s => s.Value is { } n ? $"{(n >= 3 ? "+" : "=")}{s.Key[3..]}({n})" : $"?{s.Key[3..]}"));
        if (states.Values.Any(v => v is null))
        {
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"high hyperdiploidy; trisomy pattern {pattern}: a chromosome is not assessable{flag}", version);
            yield break;
        }

        if (!options.ApplyUnverifiedHeHRule)
        {
            yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, "not assessable", null, false, $"high hyperdiploidy; trisomy pattern {pattern}; the good/poor-risk combination is UNVERIFIED (ALL-knowledge.md §1.2 [U]): not applied{flag}", version);
            yield break;
        }

        bool Gain(string c) => states[c] >= 3;
        var good = (Gain("chr17") && Gain("chr18")) || ((Gain("chr17") || Gain("chr18")) && !(Gain("chr5") && Gain("chr20")));
        yield return new ClassificationRow(f.Patient, f.Specimen, Scheme, good ? "good risk" : "poor risk", null, true, $"high hyperdiploidy; trisomy pattern {pattern}; UNVERIFIED combination [U] applied on request{flag}", version);
    }
}
