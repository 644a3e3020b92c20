using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Annotates each ingested small-variant file for its specimen: every record's ALTs get the per-ALT annotation columns
/// of <c>variants</c> (<see cref="Annotate"/>), and before the commit the <c>abnormalities</c> and <c>specimens</c>
/// tables are written into the same transaction; the
/// <c>samples</c> rows of its files carry patient, specimen and the patient's TPMT/NUDT15 calls (<see cref="SampleValues"/>).
/// </summary>
internal sealed class LeukemiaIngestObserver : IIngestObserver
{
    public const string AbnormalitiesTable = "abnormalities";
    public const string SpecimensTable = "specimens";

    internal static readonly RowColumn[] AbnormalityColumns =
    [
        new("patient", RowColumnType.String), new("specimen", RowColumnType.String), new("specimen_type", RowColumnType.String),
        new("abnormality", RowColumnType.String), new("category", RowColumnType.String), new("genes", RowColumnType.StringList),
        new("detail", RowColumnType.String), new("evidence", RowColumnType.String), new("genetic_origin", RowColumnType.String),
        new("certainty", RowColumnType.String), new("source_file", RowColumnType.String), new("kb_version", RowColumnType.String),
    ];


    /// <summary>
    /// <c>specimens</c>: one row per file of the sheet (every kind), so <c>harmony classify</c> knows which data each specimen
    /// had, including files without findings (an empty fusion table); small-variant files add the sample column taken and why.
    /// </summary>
    internal static readonly RowColumn[] SpecimenColumns =
    [
        new("patient", RowColumnType.String), new("specimen", RowColumnType.String), new("specimen_type", RowColumnType.String),
        new("kind", RowColumnType.String), new("source_file", RowColumnType.String), new("sample", RowColumnType.String, true),
        new("sample_choice", RowColumnType.String, true), new("assembly", RowColumnType.String, true), new("assembly_evidence", RowColumnType.String, true),
        new("consequence_source", RowColumnType.String, true), new("kb_version", RowColumnType.String),
    ];

    /// <summary>What a sample-sheet ingest adds to <c>samples</c> (null for the other sample columns of a file).</summary>
    private static readonly RowColumn[] SampleSheetColumns =
    [
        new("patient", RowColumnType.String, true), new("specimen", RowColumnType.String, true), new("specimen_type", RowColumnType.String, true),
        new("tpmt_diplotype", RowColumnType.String, true), new("tpmt_phenotype", RowColumnType.String, true),
        new("nudt15_diplotype", RowColumnType.String, true), new("nudt15_phenotype", RowColumnType.String, true),
        new("pgx_from_tumour", RowColumnType.Boolean, true),
    ];

    private static readonly string[] PgxGenes = ["TPMT", "NUDT15"];

    private readonly List<(int Ordinal, object?[] Row)> _specimens = [];
    private readonly Dictionary<int, (SpecimenSource Source, int SampleIndex, Dictionary<string, PgxCall> Pgx)> _read = [];
    private Dictionary<string, object?[]>? _patientPgx;
    private readonly SamplePseudonymizer _pseudonymizer;
    private VcfHeader? _header;
    private readonly IReadOnlyList<SpecimenSource> _sources;
    private readonly IngestOptions _options;
    private readonly GenomeAssembly? _assembly;
    private readonly List<(int Ordinal, object?[] Row)> _abnormalities = [];
    private SmallVariantAnnotator? _annotator;
    private SpecimenSource? _current;
    private string _sourceFile = string.Empty;
    private int _ordinal;
    private int _inputIndex;

    public LeukemiaIngestObserver(IReadOnlyList<SpecimenSource> sources, IngestOptions options, GenomeAssembly? assembly, SamplePseudonymizer pseudonymizer)
    {
        _pseudonymizer = pseudonymizer;
        _sources = sources;
        _options = options;
        _assembly = assembly;
    }

    public int Abnormalities => _abnormalities.Count;

    /// <summary>The <c>abnormalities</c> rows collected so far (read by the classification hook).</summary>
    public IEnumerable<object?[]> AbnormalityRows => _abnormalities.Select(r => r.Row);

    /// <summary>The (pseudonymised) specimens whose small-variant files were ingested in this run.</summary>
    public IEnumerable<string> IngestedSpecimens => _specimens.Select(r => (string)r.Row[1]!);

    /// <summary>Each ingested small-variant file's (stored) specimen and the consequence annotation it carried, or null.</summary>
    public IEnumerable<(string Specimen, string? ConsequenceSource)> ConsequenceSources => _specimens.Select(r => ((string)r.Row[1]!, (string?)r.Row[9]));

    public IReadOnlyList<RowColumn> SampleColumns => SampleSheetColumns;

    /// <summary>
    /// The specimen's values on the sample column taken as the specimen (nulls on the file's other columns, e.g. the
    /// matched normal of a tumour VCF); TPMT/NUDT15 are the patient's: from its normal/germline files of this run, else
    /// from a tumour file (<c>pgx_from_tumour</c>); germline files that disagree give <c>Indeterminate</c> and a warning.
    /// </summary>
    public object?[] SampleValues(int inputIndex, int sampleIndex)
    {
        if (!_read.TryGetValue(inputIndex, out var read) || read.SampleIndex != sampleIndex)
        {
            return new object?[SampleSheetColumns.Length];
        }

        _patientPgx ??= PatientPgx();
        var source = read.Source;
        return [source.Patient, source.Specimen, SpecimenTypeText(source.Row.SpecimenType), .. _patientPgx[source.Patient]];
    }

    public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header)
    {
        _inputIndex = inputIndex;
        _current = _sources[inputIndex];
        _ordinal = ordinal;
        _sourceFile = sourceFile;
        _header = header;
        // Evidence names the stored source_file, so a pseudonymised lake never shows the raw file name.
        _annotator = new SmallVariantAnnotator(header, sourceFile, _current.Row.SpecimenType, _current.Row.Specimen, _assembly);
        _options.Warning?.Invoke($"{Path.GetFileName(_current.Row.File)}: assembly {_annotator.Assembly.Assembly?.ToString() ?? "undetermined"} ({_annotator.Assembly.Evidence})");
    }

    public bool AnnotatesVariants => true;

    /// <summary>Annotates the record (findings are collected as a side effect) and returns one entry per ALT for <c>variants</c>.</summary>
    public IReadOnlyList<AlleleAnnotation>? Annotate(VcfRecord record)
    {
        var annotations = _annotator!.Annotate(record);
        var alleles = new AlleleAnnotation[record.AlternateAlleles.Count];
        foreach (var a in annotations)
        {
            alleles[a.AltIndex] = new AlleleAnnotation(a.Gene, a.Consequence, a.HgvsC, a.HgvsP, a.Hotspot is not null, a.Hotspot is null ? null : $"{a.Hotspot.Gene} {a.Hotspot.ProteinChange}");
        }

        return alleles;
    }

    // The record was annotated by Annotate just before it was written.
    public void Observe(VcfRecord record)
    {
    }

    /// <summary>Adds findings of another rule on the current source (AD-based allelic imbalance), written with this source's.</summary>
    public void AddAbnormalities(IEnumerable<Abnormality> found)
    {
        var source = _current!;
        foreach (var a in found)
        {
            _abnormalities.Add((_ordinal, [source.Patient, source.Specimen, SpecimenTypeText(source.Row.SpecimenType), a.Name, a.Category, a.Genes.ToArray(), a.Detail, a.Evidence, a.GeneticOrigin, a.Certainty.ToString(), _sourceFile, KnowledgeBase.CurrentVersion]));
        }
    }

    public void EndSource()
    {
        var source = _current!;
        foreach (var a in _annotator!.Complete())
        {
            _abnormalities.Add((_ordinal, [source.Patient, source.Specimen, SpecimenTypeText(source.Row.SpecimenType), a.Name, a.Category, a.Genes.ToArray(), a.Detail, a.Evidence, a.GeneticOrigin, a.Certainty.ToString(), _sourceFile, KnowledgeBase.CurrentVersion]));
        }

        // TPMT/NUDT15 from a tumour file only when it has evidence at the defining sites; the patient's values are
        // chosen once every file is read (SampleValues), since the germline file may come after the tumour's.
        // A file that does not cover a gene called nothing there: the patient's value comes from the other files.
        var pgx = _annotator.PharmacogenomicCalls().Where(c => c.Covered && (source.Row.SpecimenType != SpecimenType.Tumour || c.Evidence.Count > 0)).ToDictionary(c => c.Gene);
        _read[_inputIndex] = (source, _annotator.SampleIndex, pgx);
        var sample = _annotator.SampleIndex >= 0 ? _pseudonymizer.Pseudonymize(_header!.SampleNames[_annotator.SampleIndex]) : null;
        _specimens.Add((_ordinal,
        [
            source.Patient, source.Specimen, SpecimenTypeText(source.Row.SpecimenType), KindText(DataKind.SmallVariants), _sourceFile, sample, _annotator.SampleReason,
            _annotator.Assembly.Assembly?.ToString(), _annotator.Assembly.Evidence, _annotator.ConsequenceSource, KnowledgeBase.CurrentVersion,
        ]));

        foreach (var warning in _annotator.Warnings)
        {
            _options.Warning?.Invoke(warning);
        }

        _annotator = null;
        _current = null;
    }

    public void BeforeCommit(LakeTransaction transaction)
    {
        Write(transaction, AbnormalitiesTable, AbnormalityColumns, _abnormalities);
        Write(transaction, SpecimensTable, SpecimenColumns, _specimens);
    }

    /// <summary>The sheet's spelling of a data kind, as stored in <c>specimens.kind</c>.</summary>
    public static string KindText(DataKind kind) => kind switch
    {
        DataKind.SmallVariants => "small_variants",
        DataKind.StructuralVariants => "structural_variants",
        DataKind.CopyNumber => "copy_number",
        _ => "fusions",
    };

    public static string SpecimenTypeText(SpecimenType type) => type switch
    {
        SpecimenType.Tumour => "tumour",
        SpecimenType.Normal => "normal",
        _ => "germline",
    };

    /// <summary>Per patient: TPMT diplotype, phenotype, NUDT15 diplotype, phenotype, pgx_from_tumour (null without any call).</summary>
    private Dictionary<string, object?[]> PatientPgx()
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var patient in _read.OrderBy(r => r.Key).GroupBy(r => r.Value.Source.Patient, r => r.Value, StringComparer.Ordinal))
        {
            var values = new object?[5];
            var fromTumour = false;
            for (var g = 0; g < PgxGenes.Length; g++)
            {
                var germline = patient.Where(r => r.Source.Row.SpecimenType != SpecimenType.Tumour && r.Pgx.ContainsKey(PgxGenes[g])).ToList();
                var used = germline.Count > 0 ? germline : patient.Where(r => r.Pgx.ContainsKey(PgxGenes[g])).ToList();
                if (used.Count == 0)
                {
                    continue;
                }

                var calls = used.Select(r => r.Pgx[PgxGenes[g]]).ToList();
                if (calls.Select(c => c.Diplotype).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    _options.Warning?.Invoke($"patient {patient.Key}: {PgxGenes[g]} calls disagree between specimens ({string.Join(", ", used.Select(r => $"{r.Source.Specimen} {r.Pgx[PgxGenes[g]].Diplotype}"))}); stored as Indeterminate");
                    values[2 * g + 1] = "Indeterminate";
                }
                else if (UnseenByGermline(patient, germline, PgxGenes[g]) is { Count: > 0 } unseen)
                {
                    // A tumour file carries a defining variant (or no-call) at a position every germline file lacks: the
                    // germline "reference" there is only absence (a panel without the gene, a variant-only VCF), and a
                    // germline allele shows in leukaemic DNA too, so the germline call is not known to be right.
                    _options.Warning?.Invoke($"patient {patient.Key}: {PgxGenes[g]} {calls[0].Diplotype} from the germline file(s) took as reference positions they have no record of, where a tumour file has a defining variant or no-call ({string.Join(", ", unseen)}); stored as Indeterminate");
                    values[2 * g + 1] = "Indeterminate";
                }
                else
                {
                    values[2 * g] = calls[0].Diplotype;
                    values[2 * g + 1] = calls[0].Phenotype;
                }

                fromTumour |= germline.Count == 0;
            }

            values[4] = values[1] is null && values[3] is null ? null : fromTumour;
            result[patient.Key] = values;
        }

        return result;
    }

    /// <summary>Defining variants a tumour file of the patient carries (or left uncalled) whose position no germline file has a record of.</summary>
    private static List<string> UnseenByGermline(IEnumerable<(SpecimenSource Source, int SampleIndex, Dictionary<string, PgxCall> Pgx)> patient, List<(SpecimenSource Source, int SampleIndex, Dictionary<string, PgxCall> Pgx)> germline, string gene)
    {
        if (germline.Count == 0)
        {
            return [];
        }

        return patient.Where(r => r.Source.Row.SpecimenType == SpecimenType.Tumour && r.Pgx.TryGetValue(gene, out _))
            .SelectMany(r => r.Pgx[gene].Variants ?? [])
            .Where(label => germline.All(r => r.Pgx[gene].Absent?.Contains(label) == true))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private void Write(LakeTransaction transaction, string table, RowColumn[] columns, List<(int Ordinal, object?[] Row)> rows)
    {
        DerivedTable.Write(transaction, _options.Cohort, table, string.Empty, columns, rows.Select(r => r.Row));
        foreach (var group in rows.GroupBy(r => r.Ordinal))
        {
            transaction.SetRowCount(group.Key, table, group.Count());
        }
    }
}
