using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Builds each tumour specimen's <see cref="SpecimenFindings"/> from the rows this run writes (<c>abnormalities</c>,
/// <c>gene_copy_number</c>, <c>chromosome_copy</c>) and the sheet's clinical columns, runs <see cref="Classifier"/> and
/// writes the <c>classifications</c> table into the same transaction. Rules read findings only, never files. A patient
/// with any input the lake already held is not classified in this run (its findings would be incomplete); a warning says so.
/// </summary>
internal static class ClassificationIngest
{
    public const string ClassificationsTable = "classifications";

    internal static readonly RowColumn[] Columns =
    [
        new("patient", RowColumnType.String), new("specimen", RowColumnType.String, true), new("scheme", RowColumnType.String),
        new("label", RowColumnType.String), new("value", RowColumnType.Double, true), new("assessable", RowColumnType.Boolean),
        new("evidence", RowColumnType.String), new("rule_version", RowColumnType.String), new("kb_version", RowColumnType.String),
    ];

    /// <summary>The classification rows; rows are arrays in the lake tables' column order.</summary>
    /// <param name="sheet">Every sheet row (data kinds and clinical columns).</param>
    /// <param name="pseudonymizer">Maps sheet ids to the lake's.</param>
    /// <param name="abnormalities">Rows of <c>abnormalities</c> (<see cref="LeukemiaIngestObserver.AbnormalityColumns"/>).</param>
    /// <param name="genes">Rows of <c>gene_copy_number</c>.</param>
    /// <param name="chromosomes">Rows of <c>chromosome_copy</c>.</param>
    /// <param name="complete">Whether a (pseudonymised) specimen's data of a kind was ingested in this run.</param>
    /// <param name="skipped">Pseudonymised patients with an input the lake already held.</param>
    /// <param name="warning">Receives one line per patient left out.</param>
    /// <param name="options">Rule options.</param>
    public static List<ClassificationRow> Classify(
        IReadOnlyList<SampleSheetRow> sheet,
        SamplePseudonymizer pseudonymizer,
        IEnumerable<object?[]> abnormalities,
        IEnumerable<object?[]> genes,
        IEnumerable<object?[]> chromosomes,
        Func<string, DataKind, bool> complete,
        IReadOnlySet<string> skipped,
        Action<string>? warning,
        ClassificationOptions? options = null)
    {
        string Patient(string raw) => pseudonymizer.KeepsRawIds ? raw : pseudonymizer.Pseudonymize("patient:" + raw);
        string Specimen(string raw) => pseudonymizer.KeepsRawIds ? raw : pseudonymizer.Pseudonymize("specimen:" + raw);
        var byAbnormality = abnormalities.Where(r => (string?)r[2] == "tumour").ToLookup(r => (string)r[1]!);
        var byGene = genes.Where(r => (string?)r[2] == "tumour").ToLookup(r => (string)r[1]!);
        var byChromosome = chromosomes.Where(r => (string?)r[2] == "tumour" && (string?)r[5] == "whole" && r[6] is int).ToLookup(r => (string)r[1]!);
        var rows = new List<ClassificationRow>();
        foreach (var patientRows in sheet.GroupBy(r => r.Patient, StringComparer.Ordinal))
        {
            var patient = Patient(patientRows.Key);
            if (skipped.Contains(patient))
            {
                warning?.Invoke($"patient {patient}: an input was already in the lake; classifications not recomputed in this run");
                continue;
            }

            var clinical = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in patientRows.SelectMany(r => r.Clinical))
            {
                clinical.TryAdd(key, value);
            }

            var specimens = new List<SpecimenFindings>();
            foreach (var specimenRows in patientRows.Where(r => r.SpecimenType == SpecimenType.Tumour).GroupBy(r => r.Specimen, StringComparer.Ordinal))
            {
                var specimen = Specimen(specimenRows.Key);
                bool Has(DataKind kind) => specimenRows.Any(r => r.Kind == kind) && complete(specimen, kind);
                var found = byAbnormality[specimen].Select(r => new Abnormality((string)r[3]!, (string)r[4]!, (string[])r[5]!, (string)r[6]!, (string)r[7]!, (string)r[8]!, Enum.TryParse<Certainty>((string?)r[9], out var c) ? c : Certainty.Unverified)).ToList();
                var states = new Dictionary<string, GeneCopyState>(StringComparer.Ordinal);
                foreach (var g in byGene[specimen])
                {
                    var state = State((string)g[5]!);
                    // Several copy-number files for one specimen: a deletion or a call beats no call.
                    if (!states.TryGetValue((string)g[4]!, out var old) || old == GeneCopyState.NotAssessable || (old == GeneCopyState.NotDeleted && state is GeneCopyState.HeterozygousDeletion or GeneCopyState.HomozygousDeletion))
                    {
                        states[(string)g[4]!] = state;
                    }
                }

                var copies = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var ch in byChromosome[specimen])
                {
                    copies.TryAdd((string)ch[4]!, (int)ch[6]!);
                }

                specimens.Add(new SpecimenFindings(patient, specimen, found, states, copies, Has(DataKind.CopyNumber), Has(DataKind.StructuralVariants) || Has(DataKind.Fusions), Has(DataKind.SmallVariants), clinical));
            }

            rows.AddRange(Classifier.Classify(patient, specimens, clinical, options));
        }

        return rows;
    }

    /// <summary>Writes the rows as the <c>classifications</c> table of the cohort.</summary>
    public static void Write(LakeTransaction transaction, string cohort, IReadOnlyList<ClassificationRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        DerivedTable.Write(transaction, cohort, ClassificationsTable, string.Empty, Columns,
            rows.Select(r => new object?[] { r.Patient, r.Specimen, r.Scheme, r.Label, r.Value, r.Assessable, r.Evidence, r.RuleVersion, KnowledgeBase.CurrentVersion }));
    }

    private static GeneCopyState State(string text) => text switch
    {
        "heterozygous_deletion" => GeneCopyState.HeterozygousDeletion,
        "homozygous_deletion" => GeneCopyState.HomozygousDeletion,
        "not_deleted" => GeneCopyState.NotDeleted,
        _ => GeneCopyState.NotAssessable,
    };
}
