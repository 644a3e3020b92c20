namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>One row of the <c>classifications</c> table.</summary>
/// <param name="Patient">Patient (pseudonymised on ingest).</param>
/// <param name="Specimen">The specimen the findings come from, or null for patient-level schemes (MRD kinetics).</param>
/// <param name="Scheme">Scheme name, e.g. <c>WHO-HAEM5</c>, <c>UKALL-CNA</c>.</param>
/// <param name="Label">The published wording, or <c>not assessable</c> / <c>not assessable from DNA</c>.</param>
/// <param name="Value">The scheme's number (MRD log reduction), else null.</param>
/// <param name="Assessable">False when the evidence is missing or the rule is not applied.</param>
/// <param name="Evidence">The findings behind the label, the caveats and flags (adult, unverified, censored).</param>
/// <param name="RuleVersion">The named, versioned rule with its citation and certainty.</param>
internal sealed record ClassificationRow(string Patient, string? Specimen, string Scheme, string Label, double? Value, bool Assessable, string Evidence, string RuleVersion);
