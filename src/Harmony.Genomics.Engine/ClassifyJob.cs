using System.Collections;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Engine;

/// <summary>
/// <c>harmony classify LAKE</c>: recomputes <c>classifications</c> for every patient of the lake (or of one cohort) from
/// what the lake holds — <c>specimens</c> (which data each specimen had), <c>abnormalities</c>, <c>gene_copy_number</c>,
/// <c>chromosome_copy</c> and <c>clinical</c> — without reading any input file, e.g. after a knowledge-base or rule
/// update. The findings are built exactly as the ingest builds them (<see cref="FindingRows"/>,
/// <see cref="ClinicalRecord.Facts"/>). The new rows are written in one transaction under a new
/// <c>classification_run</c>; earlier runs' rows stay, and readers take each patient's latest run.
/// </summary>
/// <example>
/// <code>
/// var result = ClassifyJob.Run("lake", new ClassifyOptions { Cohort = "ukall" });
/// Console.WriteLine($"{result.Rows} rows for {result.Patients} patients, run {result.Run}");
/// </code>
/// </example>
public static class ClassifyJob
{
    /// <summary>Classifies and commits.</summary>
    /// <param name="lakePath">The lake directory.</param>
    /// <param name="options">Cohort and rule options.</param>
    /// <exception cref="HarmonyException">No such lake or cohort, or a lake written before <c>specimens.kind</c> existed; the lake is unchanged.</exception>
    public static ClassifyResult Run(string lakePath, ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(lakePath);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(lakePath))
        {
            throw new HarmonyException($"The lake '{Path.GetFullPath(lakePath)}' does not exist.");
        }

        // Opening creates a lake; classify must not turn an unrelated folder into one.
        if (!Directory.Exists(Path.Combine(lakePath, "_harmony")))
        {
            throw new HarmonyException($"'{Path.GetFullPath(lakePath)}' is not a harmony lake (no _harmony folder).");
        }

        var rules = new ClassificationOptions
        {
            Ikzf1PlusRequiresHomozygousCdkn2ab = options.Ikzf1PlusRequiresHomozygousCdkn2ab,
            ApplyUnverifiedHeHRule = options.ApplyUnverifiedHeHRule,
        };
        var lake = LakeDirectory.Open(lakePath);
        lake.Waiting = options.Warning;
        // The lock is taken before reading, so the rows read are those of the snapshot this run builds on.
        using var transaction = lake.BeginTransaction(options.LockWait);
        var tables = lake.Tables.ToHashSet(StringComparer.Ordinal);
        if (!tables.Contains(LeukemiaIngestObserver.SpecimensTable))
        {
            throw new HarmonyException($"The lake '{lake.Path}' has no 'specimens' table: classify needs a lake written by 'harmony ingest --samplesheet'.");
        }

        try
        {
            using var db = LakeQuery.Connect(lake.Path);
            if (!Columns(db, LeukemiaIngestObserver.SpecimensTable).Contains("kind") || Scalar(db, "select count(*) from specimens where kind is null") > 0)
            {
                throw new HarmonyException($"The lake '{lake.Path}' was written before 'specimens' recorded every file's kind; classify cannot tell which data a specimen had. Ingest the sheets into a new lake.");
            }

            var cohorts = LakeQuery.Rows(db, "select distinct cohort from specimens order by cohort").Select(r => (string)r[0]!).ToList();
            if (options.Cohort is not null)
            {
                if (!cohorts.Contains(options.Cohort))
                {
                    throw new HarmonyException($"The lake '{lake.Path}' has no sample-sheet data for cohort '{options.Cohort}' (cohorts: {string.Join(", ", cohorts)}).");
                }

                cohorts = [options.Cohort];
            }

            var patients = 0;
            var written = 0;
            foreach (var cohort in cohorts)
            {
                var rows = Classify(db, tables, cohort, rules, out var count);
                ClassificationIngest.Write(transaction, cohort, rows);
                patients += count;
                written += rows.Count;
            }

            var run = transaction.Snapshot;
            transaction.Commit();
            return new ClassifyResult(run, cohorts, patients, written);
        }
        catch (DbException ex)
        {
            throw new HarmonyException($"classify: cannot read the lake '{lake.Path}': {ex.Message}", ex);
        }
    }

    private static List<ClassificationRow> Classify(DuckDBConnection db, HashSet<string> tables, string cohort, ClassificationOptions rules, out int patientCount)
    {
        var where = $"cohort = '{cohort.Replace("'", "''", StringComparison.Ordinal)}'";
        List<object?[]> Read(string table, string columns, string filter = "") =>
            tables.Contains(table) ? LakeQuery.Rows(db, $"select {columns} from {table} where {where}{filter}") : [];

        var specimens = Read(LeukemiaIngestObserver.SpecimensTable, "patient, specimen, specimen_type, kind");
        var abnormalities = Read(LeukemiaIngestObserver.AbnormalitiesTable, "patient, specimen, specimen_type, abnormality, category, genes, detail, evidence, genetic_origin, certainty, source_file", " and specimen_type = 'tumour'");
        foreach (var row in abnormalities)
        {
            row[5] = row[5] is IEnumerable list and not string ? list.Cast<object?>().Select(g => Convert.ToString(g, CultureInfo.InvariantCulture)!).ToArray() : Array.Empty<string>();
        }

        var genes = Read(StructuralSheetIngest.GeneCopyNumberTable, "patient, specimen, specimen_type, source_file, gene, state");
        var chromosomes = Read(StructuralSheetIngest.ChromosomeCopyTable, "patient, specimen, specimen_type, source_file, chrom, arm, copy_number");
        foreach (var row in chromosomes)
        {
            row[6] = row[6] is null ? null : Convert.ToInt32(row[6], CultureInfo.InvariantCulture);
        }

        var clinical = ReadClinical(db, tables, where);
        // Lakes written before specimens.consequence_source existed leave it to the rules to infer (null).
        var sources = Columns(db, LeukemiaIngestObserver.SpecimensTable).Contains("consequence_source")
            ? Read(LeukemiaIngestObserver.SpecimensTable, "specimen, consequence_source", " and kind = 'small_variants'").Select(r => ((string)r[0]!, (string?)r[1]))
            : [];
        var findings = new FindingRows(abnormalities, genes, chromosomes, sources);
        var patients = specimens.Select(r => (string)r[0]!).Concat(clinical.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var bySpecimen = specimens.Where(r => (string?)r[2] == "tumour").ToLookup(r => (string)r[0]!);
        var rows = new List<ClassificationRow>();
        foreach (var patient in patients)
        {
            var facts = clinical.TryGetValue(patient, out var record) ? record.Facts() : new Dictionary<string, string>();
            var list = bySpecimen[patient].GroupBy(r => (string)r[1]!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => findings.Specimen(patient, g.Key, g.Select(r => Kind((string)r[3]!)).ToHashSet(), facts)).ToList();
            rows.AddRange(Classifier.Classify(patient, list, facts, rules));
        }

        patientCount = patients.Count;
        return rows;
    }

    /// <summary>Each patient's clinical record: per value, the latest run that gave one (a later sheet may add or correct values).</summary>
    private static Dictionary<string, ClinicalRecord> ReadClinical(DuckDBConnection db, HashSet<string> tables, string where)
    {
        var records = new Dictionary<string, ClinicalRecord>(StringComparer.Ordinal);
        if (!tables.Contains(ClinicalIngest.ClinicalTable))
        {
            return records;
        }

        using var command = db.CreateCommand();
        command.CommandText = $"select * from {ClinicalIngest.ClinicalTable} where {where} order by clinical_run desc";
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        while (reader.Read())
        {
            object? Get(string name) => Array.IndexOf(names, name) is var i and >= 0 && !reader.IsDBNull(i) ? reader.GetValue(i) : null;
            double? Number(string name) => Get(name) is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
            var patient = (string)Get("patient")!;
            if (!records.TryGetValue(patient, out var r))
            {
                records[patient] = r = new ClinicalRecord { Patient = patient };
            }

            r.AgeAtDiagnosis ??= Number("age_at_diagnosis");
            r.Sex ??= Get("sex") as string;
            r.Lineage ??= Get("lineage") as string;
            r.Etp ??= Get("etp") as bool?;
            r.Wbc ??= Number("wbc");
            var rowLod = Number("mrd_lod");
            r.MrdLod ??= rowLod;
            foreach (var name in names.Where(n => ClinicalColumns.MrdTimePoint(n) is not null))
            {
                if (Get(name) is string value)
                {
                    // A negative result is censored at its own run's limit of detection (ALL-knowledge.md §1.4 keeps the
                    // LoD per value): a later run's mrd_lod, from another assay, does not apply to it. Rows are read
                    // latest first, so the record's mrd_lod is the latest; an older negative with another LoD is
                    // written as '<LoD' of its run.
                    if (rowLod is { } own && r.MrdLod is { } latest && own != latest && MrdLogReductionRule.IsNegative(value))
                    {
                        value = "<" + ClinicalRecord.Number(own);
                    }

                    r.Mrd.TryAdd(name[4..], value);
                }
            }
        }

        return records;
    }

    private static DataKind Kind(string text) => text switch
    {
        "small_variants" => DataKind.SmallVariants,
        "structural_variants" => DataKind.StructuralVariants,
        "copy_number" => DataKind.CopyNumber,
        "fusions" => DataKind.Fusions,
        _ => throw new HarmonyException($"specimens.kind '{text}' is not one of small_variants, structural_variants, copy_number, fusions"),
    };

    private static HashSet<string> Columns(DuckDBConnection db, string table)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"select * from {table} limit 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
    }

    private static long Scalar(DuckDBConnection db, string sql) => Convert.ToInt64(LakeQuery.Rows(db, sql)[0][0], CultureInfo.InvariantCulture);
}

/// <summary>Options of <see cref="ClassifyJob.Run"/>.</summary>
public sealed record ClassifyOptions
{
    /// <summary>Only this cohort; every cohort when null.</summary>
    public string? Cohort { get; init; }

    /// <summary>IKZF1plus counts CDKN2A/B only when homozygously deleted (the [U] reading; off by default).</summary>
    public bool Ikzf1PlusRequiresHomozygousCdkn2ab { get; init; }

    /// <summary>HeH-risk applies the unverified good/poor-risk trisomy combination ([U]; off by default).</summary>
    public bool ApplyUnverifiedHeHRule { get; init; }

    /// <summary>How long to wait for the lake while another run writes to it; zero (the default) fails at once.</summary>
    public TimeSpan LockWait { get; init; }

    /// <summary>Receives one note when the run has waited more than a second for the lake.</summary>
    public Action<string>? Warning { get; init; }
}

/// <summary>The outcome of <see cref="ClassifyJob.Run"/>.</summary>
/// <param name="Run">The <c>classification_run</c> of the new rows (the snapshot the run published).</param>
/// <param name="Cohorts">The cohorts classified.</param>
/// <param name="Patients">Patients classified.</param>
/// <param name="Rows">Rows written to <c>classifications</c>.</param>
public sealed record ClassifyResult(long Run, IReadOnlyList<string> Cohorts, int Patients, int Rows);
