using System.Globalization;
using System.Text;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// One patient's clinical covariates after validation: only the allow-listed values, normalised (see
/// <see cref="ClinicalColumns"/>). It is what the lake's <c>clinical</c> table stores and, through <see cref="Facts"/>, what
/// the classification rules read, both at ingest and in <c>harmony classify</c>, so the two give the same rows.
/// </summary>
internal sealed class ClinicalRecord
{
    /// <summary>The patient (raw id at ingest, the stored id when read back from the lake).</summary>
    public required string Patient { get; init; }

    /// <summary>Age at diagnosis in years (as given, or reduced from dates to completed tenths of a year).</summary>
    public double? AgeAtDiagnosis { get; set; }

    /// <summary><c>male</c>, <c>female</c> or <c>unknown</c>.</summary>
    public string? Sex { get; set; }

    /// <summary><c>B</c> or <c>T</c>.</summary>
    public string? Lineage { get; set; }

    /// <summary>Early T-precursor immunophenotype: true when named, false for a T immunophenotype without it.</summary>
    public bool? Etp { get; set; }

    /// <summary>White-cell count at diagnosis, ×10^9/L.</summary>
    public double? Wbc { get; set; }

    /// <summary>MRD by time point (<c>day15</c>, <c>eoi</c> …): a fraction, <c>&lt;</c> a fraction, or <c>negative</c>.</summary>
    public SortedDictionary<string, string> Mrd { get; } = new(StringComparer.Ordinal);

    /// <summary>The MRD assay's limit of detection (fraction).</summary>
    public double? MrdLod { get; set; }

    /// <summary>The age group of <see cref="AgeAtDiagnosis"/> (<see cref="AgeGroups"/>), or null.</summary>
    public string? AgeGroup => AgeGroups.Of(AgeAtDiagnosis);

    /// <summary>Whether no value is known.</summary>
    public bool IsEmpty => AgeAtDiagnosis is null && Sex is null && Lineage is null && Etp is null && Wbc is null && Mrd.Count == 0 && MrdLod is null;

    /// <summary>MRD time points in clinical order (<see cref="MrdLogReductionRule.Order"/>), then by name.</summary>
    public IEnumerable<string> MrdTimePoints => Mrd.Keys.OrderBy(k => MrdLogReductionRule.Order(k)).ThenBy(k => k, StringComparer.Ordinal);

    /// <summary>The key-values the rules read (<c>ClinicalFacts</c>, <c>MrdLogReductionRule</c>): canonical spellings only.</summary>
    public IReadOnlyDictionary<string, string> Facts()
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AgeAtDiagnosis is { } age)
        {
            facts["age_at_diagnosis"] = Number(age);
        }

        if (Sex is not null)
        {
            facts["sex"] = Sex;
        }

        if (Lineage is not null)
        {
            facts["lineage"] = Lineage;
        }

        if (Etp == true)
        {
            facts["immunophenotype"] = "ETP-ALL";
        }

        if (Wbc is { } wbc)
        {
            facts["wbc"] = Number(wbc);
        }

        foreach (var (point, value) in Mrd)
        {
            facts["mrd_" + point] = value;
        }

        if (MrdLod is { } lod)
        {
            facts["mrd_lod"] = Number(lod);
        }

        return facts;
    }

    /// <summary>A stable text of every value (not the patient), used as the content identity of a sheet's clinical rows.</summary>
    public string CanonicalText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in Facts().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append('\t').Append(key).Append('=').Append(value);
        }

        return text.Append('\t').Append("etp=").Append(Etp?.ToString() ?? string.Empty).ToString();
    }

    /// <summary>Invariant round-trip text of a number.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
