using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harmony.Genomics.Core;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Reads the clinical covariates of a sample sheet's optional columns and of an optional clinical CSV/TSV (keyed by
/// <c>patient</c>) into one validated <see cref="ClinicalRecord"/> per patient. Only an allow-list reaches the lake:
/// <c>age_at_diagnosis</c> (aliases <c>age_years</c>, <c>age</c>), <c>sex</c>, <c>lineage</c>/<c>immunophenotype</c>,
/// <c>wbc</c> (alias <c>wbc_1e9_per_l</c>), <c>mrd_&lt;time point&gt;</c> and <c>mrd_lod</c>. <c>date_of_birth</c> with
/// <c>diagnosis_date</c> are reduced to the age at diagnosis and never stored; one without the other is refused. Every
/// other column is left out and named in <see cref="ClinicalData.NotStored"/>. A bad value is an error naming file, line,
/// column and what was expected; two different values for one patient are an error naming both places.
/// </summary>
internal static partial class ClinicalColumns
{
    /// <summary>Sheet columns the engine reads per file (not clinical, not reported as left out).</summary>
    private static readonly string[] FileColumns = ["purity", "assembly"];

    private static readonly string[] AgeColumns = ["age_at_diagnosis", "age_years", "age"];
    private static readonly string[] BirthColumns = ["date_of_birth", "dob", "birth_date"];
    private static readonly string[] DiagnosisDateColumns = ["diagnosis_date", "date_of_diagnosis"];

    private enum Field
    {
        Age,
        Sex,
        Lineage,
        Etp,
        Wbc,
        MrdLod,
        Mrd,
        BirthDate,
        DiagnosisDate,
    }

    /// <summary>The patients of <paramref name="sheet"/> with their clinical values (every sheet patient, even without values).</summary>
    /// <param name="sheet">The sample sheet.</param>
    /// <param name="clinicalPath">A clinical CSV/TSV with a <c>patient</c> column, or null.</param>
    /// <exception cref="HarmonyException">A bad value, a conflict, a date that cannot be reduced, or an unreadable file.</exception>
    public static ClinicalData Read(SampleSheet sheet, string? clinicalPath)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var values = new Dictionary<string, Dictionary<string, (string Value, string Where)>>(StringComparer.Ordinal);
        var notStored = new SortedSet<string>(StringComparer.Ordinal);
        var patients = sheet.Rows.Select(r => r.Patient).Distinct(StringComparer.Ordinal).ToList();
        foreach (var row in sheet.Rows)
        {
            foreach (var (column, text) in row.Clinical)
            {
                Add(values, notStored, row.Patient, column, text, sheet.Path, row.Line);
            }
        }

        var warnings = new List<string>();
        if (clinicalPath is not null)
        {
            var known = patients.ToHashSet(StringComparer.Ordinal);
            var outside = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (line, patient, cells) in ReadTable(clinicalPath))
            {
                if (!known.Contains(patient))
                {
                    outside.Add(patient);
                    continue;
                }

                foreach (var (column, text) in cells)
                {
                    Add(values, notStored, patient, column, text, clinicalPath, line);
                }
            }

            if (outside.Count > 0)
            {
                warnings.Add($"{Path.GetFileName(clinicalPath)}: {outside.Count} patient(s) not in the sample sheet; their clinical values are not stored");
            }
        }

        var records = new Dictionary<string, ClinicalRecord>(StringComparer.Ordinal);
        foreach (var patient in patients)
        {
            records[patient] = Build(patient, values.GetValueOrDefault(patient) ?? []);
        }

        return new ClinicalData(records, [.. notStored], warnings);
    }

    /// <summary>Parses one MRD value: a fraction in [0, 1], <c>&lt;fraction</c>, or <c>negative</c>/<c>neg</c>; null when invalid.</summary>
    internal static string? ParseMrd(string text)
    {
        var t = text.Trim();
        if (t.Equals("negative", StringComparison.OrdinalIgnoreCase) || t.Equals("neg", StringComparison.OrdinalIgnoreCase))
        {
            return "negative";
        }

        if (t.StartsWith('<'))
        {
            return TryNumber(t[1..], out var bound) && bound > 0 && bound <= 1 ? "<" + ClinicalRecord.Number(bound) : null;
        }

        return TryNumber(t, out var value) && value >= 0 && value <= 1 ? ClinicalRecord.Number(value) : null;
    }

    /// <summary>The canonical time point of an <c>mrd_</c> column, or null when it is not one the MRD rule orders.</summary>
    internal static string? MrdTimePoint(string column)
    {
        if (!column.StartsWith("mrd_", StringComparison.Ordinal) || column == "mrd_lod")
        {
            return null;
        }

        var point = column[4..];
        return TimePoint().IsMatch(point) && MrdLogReductionRule.Order(point) is not null ? point : null;
    }

    private static void Add(Dictionary<string, Dictionary<string, (string Value, string Where)>> all, SortedSet<string> notStored, string patient, string column, string text, string path, int line)
    {
        if (text.Trim().Length == 0 || FileColumns.Contains(column))
        {
            return;
        }

        var where = $"{Path.GetFileName(path)} line {line}";
        string Error(string expected) => $"{path}: line {line}, column {column}: '{text}' is not {expected}";
        void Set(string key, string value)
        {
            if (!all.TryGetValue(patient, out var values))
            {
                all[patient] = values = new Dictionary<string, (string Value, string Where)>(StringComparer.Ordinal);
            }

            if (values.TryGetValue(key, out var old) && old.Value != value)
            {
                throw new HarmonyException($"patient {patient}: {key} is '{old.Value}' in {old.Where} but '{value}' in {where}; give one value");
            }

            values.TryAdd(key, (value, where));
        }

        switch (Classify(column))
        {
            case Field.Age:
                Set("age_at_diagnosis", TryNumber(text, out var age) && age >= 0 && age <= 120 ? ClinicalRecord.Number(age) : throw new HarmonyException(Error("an age in years from 0 to 120")));
                break;
            case Field.Sex:
                Set("sex", text.Trim().ToLowerInvariant() switch
                {
                    "m" or "male" => "male",
                    "f" or "female" => "female",
                    "u" or "unknown" => "unknown",
                    _ => throw new HarmonyException(Error("a sex: male, female (m, f) or unknown")),
                });
                break;
            case Field.Lineage:
            {
                var (lineage, etp) = ParseLineage(text) ?? throw new HarmonyException(Error("a lineage: B, T, B-ALL, BCP-ALL, T-ALL, ETP-ALL (or B-cell, T-cell, pre-B)"));
                Set("lineage", lineage);
                if (column == "immunophenotype" && lineage == "T")
                {
                    Set("etp", etp ? "true" : "false");
                }
                else if (etp)
                {
                    Set("etp", "true");
                }

                break;
            }

            case Field.Wbc:
                Set("wbc", TryNumber(text, out var wbc) && wbc >= 0 && wbc <= 2000 ? ClinicalRecord.Number(wbc) : throw new HarmonyException(Error("a white-cell count in 10^9/L from 0 to 2000 (a larger number is probably per microlitre)")));
                break;
            case Field.MrdLod:
                Set("mrd_lod", TryNumber(text, out var lod) && lod > 0 && lod <= 1 ? ClinicalRecord.Number(lod) : throw new HarmonyException(Error("a limit of detection as a fraction in (0, 1]")));
                break;
            case Field.Mrd:
                Set("mrd_" + MrdTimePoint(column), ParseMrd(text) ?? throw new HarmonyException(Error("an MRD fraction in [0, 1] (not a percentage), '<' and a fraction, or 'negative'")));
                break;
            case Field.BirthDate:
            case Field.DiagnosisDate:
                Set(Classify(column) == Field.BirthDate ? "date_of_birth" : "diagnosis_date",
                    DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : throw new HarmonyException(Error("a date as YYYY-MM-DD")));
                break;
            default:
                notStored.Add(column == "age_group" ? "age_group (derived from age_at_diagnosis instead)" : column);
                break;
        }
    }

    private static Field? Classify(string column) => column switch
    {
        _ when AgeColumns.Contains(column) => Field.Age,
        "sex" => Field.Sex,
        "lineage" or "immunophenotype" => Field.Lineage,
        "wbc" or "wbc_1e9_per_l" => Field.Wbc,
        "mrd_lod" => Field.MrdLod,
        _ when BirthColumns.Contains(column) => Field.BirthDate,
        _ when DiagnosisDateColumns.Contains(column) => Field.DiagnosisDate,
        _ when MrdTimePoint(column) is not null => Field.Mrd,
        _ => null,
    };

    private static ClinicalRecord Build(string patient, Dictionary<string, (string Value, string Where)> values)
    {
        string? Get(string key) => values.TryGetValue(key, out var v) ? v.Value : null;
        double? Number(string key) => Get(key) is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : null;
        var record = new ClinicalRecord
        {
            Patient = patient,
            AgeAtDiagnosis = Number("age_at_diagnosis"),
            Sex = Get("sex"),
            Lineage = Get("lineage"),
            Etp = Get("etp") is { } etp ? etp == "true" : null,
            Wbc = Number("wbc"),
            MrdLod = Number("mrd_lod"),
        };
        foreach (var (key, (value, _)) in values)
        {
            if (key.StartsWith("mrd_", StringComparison.Ordinal) && key != "mrd_lod")
            {
                record.Mrd[key[4..]] = value;
            }
        }

        // Dates never reach the lake: both together become the age at diagnosis; one alone cannot be reduced.
        var birth = values.GetValueOrDefault("date_of_birth");
        var diagnosis = values.GetValueOrDefault("diagnosis_date");
        if ((birth.Value is null) != (diagnosis.Value is null))
        {
            var (given, missing) = birth.Value is not null ? (("date_of_birth", birth.Where), "diagnosis_date") : (("diagnosis_date", diagnosis.Where), "date_of_birth");
            throw new HarmonyException($"patient {patient}: {given.Item1} in {given.Where} without {missing}: dates are never stored, only the age at diagnosis they give; add {missing}, or replace the date by age_at_diagnosis (years)");
        }

        if (birth.Value is not null && diagnosis.Value is not null)
        {
            var born = DateOnly.ParseExact(birth.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var diagnosed = DateOnly.ParseExact(diagnosis.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var days = diagnosed.DayNumber - born.DayNumber;
            if (days < 0 || days > 120 * 366)
            {
                throw new HarmonyException($"patient {patient}: diagnosis_date ({diagnosis.Where}) is not within 0 to 120 years after date_of_birth ({birth.Where})");
            }

            var age = AgeInTenths(born, diagnosed);
            if (record.AgeAtDiagnosis is { } stated && Math.Abs(stated - age) >= 1)
            {
                var where = values["age_at_diagnosis"].Where;
                throw new HarmonyException($"patient {patient}: age_at_diagnosis is {ClinicalRecord.Number(stated)} in {where} but the dates in {birth.Where} and {diagnosis.Where} give {ClinicalRecord.Number(age)}; give one value");
            }

            record.AgeAtDiagnosis ??= age;
        }

        return record;
    }

    /// <summary>
    /// Completed tenths of a year: enough for the age groups and the adult flag, and no day-level detail. The years are
    /// counted on the calendar (a patient diagnosed on the 15th or 18th birthday is 15 or 18, not 14.9 or 17.9, as a
    /// division by 365.25 days gave), the tenths from the days since the last birthday over that year's length.
    /// </summary>
    internal static double AgeInTenths(DateOnly born, DateOnly diagnosed)
    {
        var years = diagnosed.Year - born.Year;
        if (born.AddYears(years) > diagnosed)
        {
            years--;
        }

        var last = born.AddYears(years);
        var next = born.AddYears(years + 1);
        var tenths = Math.Floor((diagnosed.DayNumber - last.DayNumber) * 10.0 / (next.DayNumber - last.DayNumber));
        return years + (tenths / 10);
    }

    /// <summary>B or T and whether ETP is named; null when the text is not a lineage.</summary>
    private static (string Lineage, bool Etp)? ParseLineage(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        return t switch
        {
            "b" or "b-all" or "bcp" or "bcp-all" or "b-cell" or "b-lineage" or "pre-b" or "pre-b-all" or "b-lbl" => ("B", false),
            "t" or "t-all" or "t-cell" or "t-lineage" or "t-lbl" => ("T", false),
            "etp" or "etp-all" or "early-t-precursor" or "early-t-precursor-all" => ("T", true),
            _ => null,
        };
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The rows of a clinical CSV/TSV: line, patient and the other non-empty cells by lower-case column name.</summary>
    private static IEnumerable<(int Line, string Patient, Dictionary<string, string> Cells)> ReadTable(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarmonyException($"{path}: cannot read the clinical file: {e.Message}", e);
        }

        var headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.StartsWith('#'));
        if (headerLine < 0)
        {
            throw new HarmonyException($"{path}: the clinical file is empty (expected a header line with a 'patient' column)");
        }

        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && lines[headerLine].Contains('\t', StringComparison.Ordinal)) ? '\t' : ',';
        var header = SampleSheet.Split(lines[headerLine], separator, path, headerLine + 1).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var patientColumn = Array.IndexOf(header, "patient");
        if (patientColumn < 0)
        {
            throw new HarmonyException($"{path}: line {headerLine + 1}: missing column 'patient' (columns: {string.Join(", ", header)}){SampleSheet.SeparatorHint(lines[headerLine], separator)}");
        }

        if (header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new HarmonyException($"{path}: line {headerLine + 1}: column '{duplicate.Key}' appears twice");
        }

        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var cells = SampleSheet.Split(lines[i], separator, path, i + 1);
            if (cells.Count > header.Length)
            {
                throw new HarmonyException($"{path}: line {i + 1}: {cells.Count} columns, the header has {header.Length}");
            }

            var patient = patientColumn < cells.Count ? cells[patientColumn].Trim() : string.Empty;
            if (patient.Length == 0)
            {
                throw new HarmonyException($"{path}: line {i + 1}, column patient: empty (a value is required)");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < cells.Count; c++)
            {
                if (c != patientColumn && cells[c].Trim().Length > 0)
                {
                    values[header[c]] = cells[c].Trim();
                }
            }

            yield return (i + 1, patient, values);
        }
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex TimePoint();
}

/// <summary>The outcome of <see cref="ClinicalColumns.Read"/>.</summary>
/// <param name="Patients">One record per sheet patient, by raw patient id.</param>
/// <param name="NotStored">Columns left out of the lake (not on the allow-list), sorted.</param>
/// <param name="Warnings">Notes for the user (clinical-file patients outside the sheet).</param>
internal sealed record ClinicalData(IReadOnlyDictionary<string, ClinicalRecord> Patients, IReadOnlyList<string> NotStored, IReadOnlyList<string> Warnings);
