using System.Security.Cryptography;
using System.Text;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Writes the <c>clinical</c> table of a sample-sheet ingest: one row per patient of the sheet with its validated,
/// allow-listed covariates (<see cref="ClinicalColumns"/>), patient pseudonymised like <c>abnormalities</c>. The rows are
/// one lake source whose content is their canonical text (stored ids only), so re-running an unchanged sheet adds
/// nothing, while a corrected value adds a new set of rows under a later <c>clinical_run</c>.
/// </summary>
internal static class ClinicalIngest
{
    public const string ClinicalTable = "clinical";

    /// <summary>Writes the rows, or nothing when the lake already holds the same values.</summary>
    /// <param name="transaction">The run's transaction.</param>
    /// <param name="cohort">The cohort partition.</param>
    /// <param name="patients">The records by raw patient id.</param>
    /// <param name="storedPatient">Maps a raw patient id to the stored one.</param>
    /// <param name="sheetSource">The sheet's stored name.</param>
    /// <param name="clinicalSource">The clinical file's stored name, or null.</param>
    /// <param name="warning">Receives a note when nothing is written.</param>
    /// <returns>Rows written.</returns>
    public static int Write(LakeTransaction transaction, string cohort, IReadOnlyDictionary<string, ClinicalRecord> patients, Func<string, string> storedPatient, string sheetSource, string? clinicalSource, Action<string>? warning)
    {
        var records = patients.Values.Select(r => (Stored: storedPatient(r.Patient), Record: r)).OrderBy(r => r.Stored, StringComparer.Ordinal).ToList();
        if (records.Count == 0)
        {
            return 0;
        }

        var identity = new StringBuilder("clinical\n");
        foreach (var (stored, record) in records)
        {
            identity.Append(stored).Append(record.CanonicalText()).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
        if (transaction.ContainsSource(hash, cohort))
        {
            warning?.Invoke($"{sheetSource}: the lake already holds these clinical values; not written again");
            return 0;
        }

        var points = records.SelectMany(r => r.Record.Mrd.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(p => Leukemia.Classification.MrdLogReductionRule.Order(p)).ThenBy(p => p, StringComparer.Ordinal).ToList();
        RowColumn[] columns =
        [
            new("patient", RowColumnType.String), new("age_at_diagnosis", RowColumnType.Double, true), new("age_group", RowColumnType.String, true),
            new("sex", RowColumnType.String, true), new("lineage", RowColumnType.String, true), new("etp", RowColumnType.Boolean, true),
            new("wbc", RowColumnType.Double, true), .. points.Select(p => new RowColumn("mrd_" + p, RowColumnType.String, true)), new("mrd_lod", RowColumnType.Double, true),
            new("source_file", RowColumnType.String), new("clinical_file", RowColumnType.String, true), new("clinical_run", RowColumnType.Int64),
            new("age_group_rule", RowColumnType.String), new("kb_version", RowColumnType.String),
        ];
        var ordinal = transaction.AddSource(hash, sheetSource, cohort);
        DerivedTable.Write(transaction, cohort, ClinicalTable, string.Empty, columns, records.Select(r => (object?[])
        [
            r.Stored, r.Record.AgeAtDiagnosis, r.Record.AgeGroup, r.Record.Sex, r.Record.Lineage, r.Record.Etp, r.Record.Wbc,
            .. points.Select(p => (object?)r.Record.Mrd.GetValueOrDefault(p)), r.Record.MrdLod,
            sheetSource, clinicalSource, transaction.Snapshot, AgeGroups.Rule, KnowledgeBase.CurrentVersion,
        ]));
        transaction.SetRowCount(ordinal, ClinicalTable, records.Count);
        return records.Count;
    }
}
