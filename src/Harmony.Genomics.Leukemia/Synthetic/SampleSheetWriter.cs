using System.Globalization;
using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// <c>samplesheet.csv</c> in the format <see cref="SampleSheet.Read"/> reads: the five required columns, then the
/// clinical covariates (kept as key-values by the reader). MRD below the limit of detection is written "&lt;LoD",
/// never 0 (ALL-knowledge.md §1.4).
/// </summary>
internal static class SampleSheetWriter
{
    public const string Header = "patient,specimen,specimen_type,file,kind,age_years,age_group,sex,immunophenotype,wbc_1e9_per_l,blast_percent,mrd_day15,mrd_eoi,mrd_week12";

    public static IEnumerable<string> Rows(SyntheticPatient patient, IReadOnlyList<(string Specimen, string Type, string File, string Kind)> files, double limitOfDetection)
    {
        var group = patient.AgeGroup switch
        {
            AgeGroup.Child => "child",
            AgeGroup.Aya => "AYA",
            AgeGroup.Adult => "adult",
            _ => "older_adult",
        };
        string Mrd(double? value) => value is { } v ? v.ToString("G3", CultureInfo.InvariantCulture) : "<" + limitOfDetection.ToString("G3", CultureInfo.InvariantCulture);
        var clinical = string.Join(",",
            I(patient.AgeYears),
            group,
            patient.Sex == PatientSex.Male ? "male" : "female",
            patient.Lineage == Lineage.B ? "B-ALL" : "T-ALL",
            F(patient.Wbc, "0.0"),
            I((long)Math.Round(patient.BlastFraction * 100)),
            Mrd(patient.Mrd[0]),
            Mrd(patient.Mrd[1]),
            Mrd(patient.Mrd[2]));
        foreach (var (specimen, type, file, kind) in files)
        {
            yield return $"{patient.Id},{specimen},{type},{file},{kind},{clinical}";
        }
    }
}
