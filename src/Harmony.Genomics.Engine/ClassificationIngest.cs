using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Builds each tumour specimen's <see cref="SpecimenFindings"/> from the rows this run writes (<c>abnormalities</c>,
/// <c>gene_copy_number</c>, <c>chromosome_copy</c>) and the patient's validated clinical record, runs
/// <see cref="Classifier"/> and writes the <c>classifications</c> table into the same transaction. Rules read findings
/// only, never files. A patient with any input the lake already held, or any file in the cohort from an earlier run, is
/// not classified in this run (its findings would be incomplete); a warning says so and points to <c>harmony classify</c> (<see cref="ClassifyJob"/>), which builds the
/// same findings from the lake's rows through <see cref="FindingRows"/>.
/// </summary>
internal static class ClassificationIngest
{
    public const string ClassificationsTable = "classifications";

    internal static readonly RowColumn[] Columns =
    [
        new("patient", RowColumnType.String), new("specimen", RowColumnType.String, true), new("scheme", RowColumnType.String),
        new("label", RowColumnType.String), new("value", RowColumnType.Double, true), new("assessable", RowColumnType.Boolean),
        new("evidence", RowColumnType.String), new("rule_version", RowColumnType.String), new("kb_version", RowColumnType.String),
        new("classification_run", RowColumnType.Int64),
    ];

    /// <summary>The classification rows; rows are arrays in the lake tables' column order.</summary>
    /// <param name="sheet">Every sheet row (data kinds).</param>
    /// <param name="pseudonymizer">Maps sheet ids to the lake's.</param>
    /// <param name="abnormalities">Rows of <c>abnormalities</c> (<see cref="LeukemiaIngestObserver.AbnormalityColumns"/>).</param>
    /// <param name="genes">Rows of <c>gene_copy_number</c>.</param>
    /// <param name="chromosomes">Rows of <c>chromosome_copy</c>.</param>
    /// <param name="consequenceSources">Each small-variant file's specimen and the consequence annotation it carried (null: none).</param>
    /// <param name="complete">Whether a (pseudonymised) specimen's data of a kind was ingested in this run.</param>
    /// <param name="skipped">Pseudonymised patients with an input the lake already held.</param>
    /// <param name="clinical">Validated clinical records by raw patient id (<see cref="ClinicalColumns"/>).</param>
    /// <param name="warning">Receives one line per patient left out.</param>
    /// <param name="options">Rule options.</param>
    public static List<ClassificationRow> Classify(
        IReadOnlyList<SampleSheetRow> sheet,
        SamplePseudonymizer pseudonymizer,
        IEnumerable<object?[]> abnormalities,
        IEnumerable<object?[]> genes,
        IEnumerable<object?[]> chromosomes,
        IEnumerable<(string Specimen, string? ConsequenceSource)> consequenceSources,
        Func<string, DataKind, bool> complete,
        IReadOnlySet<string> skipped,
        IReadOnlyDictionary<string, ClinicalRecord> clinical,
        Action<string>? warning,
        ClassificationOptions? options = null)
    {
        string Patient(string raw) => pseudonymizer.KeepsRawIds ? raw : pseudonymizer.Pseudonymize("patient:" + raw);
        string Specimen(string raw) => pseudonymizer.KeepsRawIds ? raw : pseudonymizer.Pseudonymize("specimen:" + raw);
        var findings = new FindingRows(abnormalities, genes, chromosomes, consequenceSources);
        var rows = new List<ClassificationRow>();
        foreach (var patientRows in sheet.GroupBy(r => r.Patient, StringComparer.Ordinal))
        {
            var patient = Patient(patientRows.Key);
            if (skipped.Contains(patient))
            {
                warning?.Invoke($"patient {patient}: the lake already held data of this patient; classifications not recomputed in this run (run 'harmony classify' to recompute from the lake)");
                continue;
            }

            var facts = clinical.TryGetValue(patientRows.Key, out var record) ? record.Facts() : new Dictionary<string, string>();
            var specimens = new List<SpecimenFindings>();
            foreach (var specimenRows in patientRows.Where(r => r.SpecimenType == SpecimenType.Tumour).GroupBy(r => r.Specimen, StringComparer.Ordinal))
            {
                var specimen = Specimen(specimenRows.Key);
                var kinds = specimenRows.Select(r => r.Kind).Where(k => complete(specimen, k)).ToHashSet();
                specimens.Add(findings.Specimen(patient, specimen, kinds, facts));
            }

            rows.AddRange(Classifier.Classify(patient, specimens, facts, options));
        }

        return rows;
    }

    /// <summary>Writes the rows as the <c>classifications</c> table of the cohort, stamped with the run's snapshot number.</summary>
    public static void Write(LakeTransaction transaction, string cohort, IReadOnlyList<ClassificationRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        DerivedTable.Write(transaction, cohort, ClassificationsTable, string.Empty, Columns,
            rows.Select(r => new object?[] { r.Patient, r.Specimen, r.Scheme, r.Label, r.Value, r.Assessable, r.Evidence, r.RuleVersion, KnowledgeBase.CurrentVersion, transaction.Snapshot }));
    }
}
