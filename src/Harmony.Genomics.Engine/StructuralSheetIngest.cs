using System.Globalization;
using System.Security.Cryptography;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Engine;

/// <summary>
/// The structural_variants, copy_number and fusions rows of a sample sheet: parsed and called in
/// <see cref="Prepare"/> (before the lake is touched, so a malformed file leaves it unchanged), written in
/// <see cref="Write"/> into the same transaction as the small-variant tables. Each file becomes a lake source (by
/// content hash, so a re-run skips it) and contributes rows to <c>structural_variants</c>, <c>fusions</c>,
/// <c>segments</c>, <c>gene_copy_number</c>, <c>chromosome_copy</c> and <c>abnormalities</c>. Fusions are merged per
/// specimen across its SV and fusion files; copy-number files are called after them (ETV6::RUNX1 excludes iAMP21). SV
/// files also give gene deletions (<see cref="StructuralDeletionCaller"/>), one row per gene deletion of the specimen
/// with the copy-number files' (<see cref="WithStructuralDeletions"/>).
/// </summary>
internal sealed class StructuralSheetIngest
{
    public const string StructuralVariantsTable = "structural_variants";
    public const string FusionsTable = "fusions";
    public const string SegmentsTable = "segments";
    public const string GeneCopyNumberTable = "gene_copy_number";
    public const string ChromosomeCopyTable = "chromosome_copy";

    private static readonly RowColumn[] Specimen = [new("patient", RowColumnType.String), new("specimen", RowColumnType.String), new("specimen_type", RowColumnType.String), new("source_file", RowColumnType.String)];

    private static readonly RowColumn[] SvColumns =
    [
        .. Specimen, new("line", RowColumnType.Int64), new("sv_id", RowColumnType.String, true), new("sv_type", RowColumnType.String),
        new("chrom", RowColumnType.String), new("pos", RowColumnType.Int64), new("side", RowColumnType.String, true),
        new("mate_chrom", RowColumnType.String, true), new("mate_pos", RowColumnType.Int64, true), new("mate_side", RowColumnType.String, true),
        new("sv_len", RowColumnType.Int64, true), new("mate_id", RowColumnType.String, true), new("event_id", RowColumnType.String, true),
        new("cipos_low", RowColumnType.Int32, true), new("cipos_high", RowColumnType.Int32, true), new("ciend_low", RowColumnType.Int32, true), new("ciend_high", RowColumnType.Int32, true),
        new("imprecise", RowColumnType.Boolean), new("filter_pass", RowColumnType.Boolean), new("alt", RowColumnType.String),
        new("gene", RowColumnType.String, true), new("mate_gene", RowColumnType.String, true), new("fusion", RowColumnType.String, true),
        new("assembly", RowColumnType.String, true), new("kb_version", RowColumnType.String),
    ];

    private static readonly RowColumn[] FusionColumns =
    [
        .. Specimen, new("fusion", RowColumnType.String), new("gene_5p", RowColumnType.String), new("gene_3p", RowColumnType.String),
        new("molecule", RowColumnType.String), new("caller", RowColumnType.String), new("chrom_5p", RowColumnType.String), new("pos_5p", RowColumnType.Int64),
        new("chrom_3p", RowColumnType.String), new("pos_3p", RowColumnType.Int64), new("in_sense", RowColumnType.Boolean, true),
        new("support", RowColumnType.String), new("evidence", RowColumnType.String), new("detail", RowColumnType.String),
        new("subtype", RowColumnType.String, true), new("assembly", RowColumnType.String), new("kb_version", RowColumnType.String),
    ];

    private static readonly RowColumn[] SegmentColumns =
    [
        .. Specimen, new("line", RowColumnType.Int64), new("sample", RowColumnType.String, true), new("format", RowColumnType.String),
        new("chrom", RowColumnType.String), new("start", RowColumnType.Int64), new("end", RowColumnType.Int64), new("markers", RowColumnType.Int64, true),
        new("log2", RowColumnType.Double, true), new("copy_number", RowColumnType.Double, true), new("caller_copy_number", RowColumnType.Double, true),
        new("minor_allele_fraction", RowColumnType.Double, true), new("caller_call", RowColumnType.String, true), new("state", RowColumnType.String),
        new("thresholds", RowColumnType.String), new("assembly", RowColumnType.String, true), new("kb_version", RowColumnType.String),
    ];

    private static readonly RowColumn[] GeneColumns =
    [
        .. Specimen, new("gene", RowColumnType.String), new("state", RowColumnType.String), new("extent", RowColumnType.String, true),
        new("exons_lost", RowColumnType.String, true), new("transcript", RowColumnType.String, true), new("min_copy_number", RowColumnType.Double, true),
        new("coverage", RowColumnType.Double), new("detail", RowColumnType.String), new("evidence", RowColumnType.String), new("certainty", RowColumnType.String),
        new("thresholds", RowColumnType.String), new("assembly", RowColumnType.String), new("kb_version", RowColumnType.String),
    ];

    private static readonly RowColumn[] ChromosomeColumns =
    [
        .. Specimen, new("chrom", RowColumnType.String), new("arm", RowColumnType.String), new("copy_number", RowColumnType.Int32, true),
        new("median_copy_number", RowColumnType.Double, true), new("state", RowColumnType.String), new("coverage", RowColumnType.Double, true),
        new("uniformity", RowColumnType.Double, true), new("minor_allele_fraction", RowColumnType.Double, true), new("loh", RowColumnType.Boolean, true),
        new("detail", RowColumnType.String), new("assembly", RowColumnType.String, true), new("kb_version", RowColumnType.String),
    ];

    private readonly string _sheetPath;
    private readonly IReadOnlyList<SampleSheetRow> _sheet;
    private readonly List<SampleSheetRow> _rows = [];
    private readonly IngestOptions _options;
    private readonly GenomeAssembly? _forced;
    private readonly SamplePseudonymizer _pseudonymizer;
    private readonly List<PreparedFile> _files = [];
    private readonly List<(int Ordinal, object?[] Row)> _balanceRows = [];
    private int _smallVariantOrdinal;
    private Dictionary<string, List<(int Ordinal, object?[] Row)>> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skippedPatients = new(StringComparer.Ordinal);
    private readonly HashSet<(string Specimen, DataKind Kind)> _ingested = [];
    private readonly HashSet<string> _runHashes = new(StringComparer.Ordinal);

    private readonly ClinicalData _clinical;
    private readonly string? _clinicalPath;

    public StructuralSheetIngest(string sheetPath, IReadOnlyList<SampleSheetRow> sheet, IngestOptions options, GenomeAssembly? forced, SamplePseudonymizer pseudonymizer, ClinicalData clinical, string? clinicalPath)
    {
        _clinical = clinical;
        _clinicalPath = clinicalPath;
        _sheetPath = sheetPath;
        _sheet = sheet;
        _options = options;
        _forced = forced;
        _pseudonymizer = pseudonymizer;
    }

    public int Count => _rows.Count;

    /// <summary>Rows written to <c>clinical</c> (after <see cref="WriteClinical"/>).</summary>
    public int ClinicalRows { get; private set; }

    /// <summary>Structural, copy-number and fusion files this run committed, and those skipped as already in the lake.</summary>
    public (int Committed, int Skipped) Files { get; private set; }

    /// <summary>Abnormality rows written (after <see cref="Write"/>; files the lake already held are not counted).</summary>
    public int Abnormalities { get; private set; }

    public void Add(SampleSheetRow row) => _rows.Add(row);

    /// <summary>Parses and calls every file; throws before anything is written when a file is malformed.</summary>
    public void Prepare()
    {
        foreach (var group in _rows.GroupBy(r => (r.Patient, r.Specimen)))
        {
            var patient = _pseudonymizer.KeepsRawIds ? group.Key.Patient : _pseudonymizer.Pseudonymize("patient:" + group.Key.Patient);
            var specimen = _pseudonymizer.KeepsRawIds ? group.Key.Specimen : _pseudonymizer.Pseudonymize("specimen:" + group.Key.Specimen);
            var callers = new Dictionary<GenomeAssembly, (FusionCaller Caller, List<PreparedFile> Files)>();
            var copyNumber = new List<(SampleSheetRow Row, SegmentFile File, PreparedFile Prepared, GenomeAssembly? Assembly, StructuralCallOptions Options)>();
            var svDeletions = new List<(PreparedFile Prepared, StructuralDeletionProfile Profile)>();
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in group)
            {
                var prepared = new PreparedFile(row, patient, specimen, SourceMetadata.SourceFile(row.File, _pseudonymizer), Hash(row.File, specimen));
                if (!hashes.Add(prepared.Hash))
                {
                    // The same content listed twice for one specimen (as a small-variant file listed twice is): its calls
                    // would otherwise count twice as evidence.
                    _options.Warning?.Invoke($"{Path.GetFileName(row.File)}: already listed for this specimen (sheet line {row.Line.ToString(CultureInfo.InvariantCulture)}), skipped");
                    continue;
                }

                _files.Add(prepared);
                var options = Options(row);
                var name = Path.GetFileName(row.File);
                switch (row.Kind)
                {
                    case DataKind.StructuralVariants:
                    {
                        var file = StructuralVariantReader.Read(row.File, name);
                        var assembly = Assembly(row, file.Header, prepared);
                        var annotated = assembly is { } a ? Caller(callers, a, options).Caller.AddStructuralVariants(file, prepared.SourceFile) : file.Records.Select(r => new StructuralVariantAnnotation(r, null, null, null)).ToList();
                        if (assembly is { } used)
                        {
                            callers[used].Files.Add(prepared);
                            var deletions = StructuralDeletionCaller.Call(file, used, prepared.SourceFile, options, row.SpecimenType, row.Specimen, Origin(row.SpecimenType));
                            if (deletions.Warning is { } warning)
                            {
                                _options.Warning?.Invoke(warning);
                            }

                            foreach (var g in deletions.Genes)
                            {
                                prepared.Rows(GeneCopyNumberTable).Add(GeneRow(prepared, g, deletions.Rules, used));
                            }

                            svDeletions.Add((prepared, deletions));
                        }

                        foreach (var sv in annotated)
                        {
                            var r = sv.Record;
                            prepared.Rows(StructuralVariantsTable).Add([.. prepared.Prefix, r.Line, r.Id, r.Type.ToString(), r.Contig, r.Position, Side(r.Side), r.MateContig, r.MatePosition, Side(r.MateSide), r.Length, r.MateId, r.EventId,
                                r.PositionInterval?.Low, r.PositionInterval?.High, r.EndInterval?.Low, r.EndInterval?.High, r.Imprecise, r.Passed, r.Alt, sv.Gene, sv.MateGene, sv.Fusion, assembly?.ToString(), KnowledgeBase.CurrentVersion]);
                        }

                        break;
                    }

                    case DataKind.Fusions:
                    {
                        var file = FusionTableReader.Read(row.File, name);
                        if (Assembly(row, null, prepared) is { } a)
                        {
                            var entry = Caller(callers, a, options);
                            entry.Caller.AddFusionCalls(file, prepared.SourceFile);
                            entry.Files.Add(prepared);
                        }

                        break;
                    }

                    default:
                    {
                        var file = SegmentReader.Read(row.File, name);
                        copyNumber.Add((row, file, prepared, Assembly(row, file.Header, prepared), options));
                        break;
                    }
                }
            }

            var fusionNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (assembly, (caller, files)) in callers)
            {
                if (caller.LowSupportCalls.Count > 0)
                {
                    var (each, total) = _options.FusionReads;
                    _options.Warning?.Invoke($"{caller.LowSupportCalls.Count} RNA fusion call(s) left out, with fewer than {each} split reads and {each} spanning pairs and fewer than {total} in all (MD-ALL's rule, ALL-knowledge.md §3.5 rule 5; --fusion-reads): {string.Join("; ", caller.LowSupportCalls.Take(10))}{(caller.LowSupportCalls.Count > 10 ? "; ..." : string.Empty)}");
                }

                // Callers write fixed file names (Arriba fusions.tsv, Manta somaticSV.vcf.gz): two files of a specimen may
                // share a name, and evidence names files by name, so the first file of that name owns the finding.
                var byFile = files.GroupBy(f => f.SourceFile, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                var origin = Origin(group.First().SpecimenType);
                var abnormalities = caller.Abnormalities(origin);
                foreach (var finding in caller.Findings())
                {
                    fusionNames.Add(finding.Fusion);
                    var owner = byFile.GetValueOrDefault(finding.Evidence[0].Evidence.Split(':')[0]) ?? files[0];
                    foreach (var e in finding.Evidence)
                    {
                        owner.Rows(FusionsTable).Add([.. owner.Prefix, finding.Fusion, e.Gene5, e.Gene3, e.Molecule, e.Caller, e.Chrom5, e.Pos5, e.Chrom3, e.Pos3, e.InSense, e.Support, e.Evidence, e.Detail, finding.Subtype?.Subtype, assembly.ToString(), KnowledgeBase.CurrentVersion]);
                    }

                    var abnormality = abnormalities.First(a => a.Name == finding.Fusion);
                    owner.Abnormality(abnormality);
                }
            }

            var found = new List<(PreparedFile File, Abnormality Finding)>();
            foreach (var (row, file, prepared, assembly, options) in copyNumber)
            {
                if (assembly is not { } a)
                {
                    foreach (var s in file.Segments)
                    {
                        prepared.Rows(SegmentsTable).Add([.. prepared.Prefix, (long)s.Line, Sample(s.Sample), file.Format.ToString(), s.Contig, s.Start, s.End, s.Markers, s.Log2, null, s.CopyNumber, s.MinorAlleleFraction, s.Call, "unknown", options.Describe(), null, KnowledgeBase.CurrentVersion]);
                    }

                    continue;
                }

                var profile = CopyNumberCaller.Call(file, a, prepared.SourceFile, options, fusionNames.Contains("ETV6::RUNX1"), Origin(row.SpecimenType));
                foreach (var s in profile.Segments)
                {
                    var seg = s.Segment;
                    prepared.Rows(SegmentsTable).Add([.. prepared.Prefix, (long)seg.Line, Sample(seg.Sample), file.Format.ToString(), seg.Contig, seg.Start, seg.End, seg.Markers, seg.Log2, s.CopyNumber, seg.CopyNumber, seg.MinorAlleleFraction, seg.Call, s.State, profile.Thresholds, a.ToString(), KnowledgeBase.CurrentVersion]);
                }

                foreach (var g in profile.Genes)
                {
                    prepared.Rows(GeneCopyNumberTable).Add(GeneRow(prepared, g, profile.Thresholds, a));
                }

                foreach (var c in profile.Chromosomes)
                {
                    prepared.Rows(ChromosomeCopyTable).Add([.. prepared.Prefix, c.Chromosome, c.Arm, c.CopyNumber, c.MedianCopyNumber, c.State, c.Coverage, c.Uniformity, c.MinorAlleleFraction, c.Loh, c.Detail, a.ToString(), KnowledgeBase.CurrentVersion]);
                }

                // One row per file for the genome: modal number as copy_number, the class as state, the definition in detail.
                var ploidy = profile.Ploidy;
                prepared.Rows(ChromosomeCopyTable).Add([.. prepared.Prefix, "genome", "genome", ploidy.ModalNumber, null, ploidy.Class is { } cls ? CopyNumberCaller.ClassName(cls) : "not assessable", null, null, null, null, $"definition {ploidy.Definition}; {ploidy.Detail}", a.ToString(), KnowledgeBase.CurrentVersion]);
                found.AddRange(profile.Abnormalities.Select(f => (prepared, f)));
            }

            foreach (var (file, finding) in WithStructuralDeletions(found, svDeletions))
            {
                file.Abnormality(finding);
            }
        }
    }

    /// <summary>
    /// The specimen's copy-number findings with its SV files' gene deletions: a gene deletion already found (in the first
    /// copy-number file that has it, else the first SV file) takes a later SV file's call of the same gene as more
    /// evidence, so one deletion seen in a segment file and an SV file is one row naming both. Two copy-number files keep
    /// a row each, as before.
    /// </summary>
    private static List<(PreparedFile File, Abnormality Finding)> WithStructuralDeletions(List<(PreparedFile File, Abnormality Finding)> found, List<(PreparedFile Prepared, StructuralDeletionProfile Profile)> svDeletions)
    {
        var result = new List<(PreparedFile File, Abnormality Finding)>(found);
        var byGene = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Finding.Category == "deletion" && result[i].Finding.Genes.Count == 1)
            {
                byGene.TryAdd(result[i].Finding.Genes[0], i);
            }
        }

        foreach (var (prepared, profile) in svDeletions)
        {
            foreach (var finding in profile.Abnormalities)
            {
                var gene = finding.Genes[0];
                if (byGene.TryGetValue(gene, out var i))
                {
                    result[i] = (result[i].File, StructuralDeletionCaller.Join(result[i].Finding, profile.Genes.First(g => g.Gene == gene)));
                }
                else
                {
                    byGene[gene] = result.Count;
                    result.Add((prepared, finding));
                }
            }
        }

        return result;
    }

    /// <summary>A small-variant file (already a source of the transaction) is being ingested.</summary>
    public void BeginSmallVariantSource(int ordinal) => _smallVariantOrdinal = ordinal;

    /// <summary>
    /// Per-chromosome allelic balance of a small-variant file, written to <c>chromosome_copy</c> (arm <c>whole</c>,
    /// no copy number) under that file's source; returns LOH and imbalance as abnormalities flagged as AD-based.
    /// </summary>
    public IReadOnlyList<Abnormality> AddAllelicBalance(SpecimenSource source, string sourceFile, IReadOnlyList<AllelicImbalanceCall> calls)
    {
        var found = new List<Abnormality>();
        object?[] prefix = [source.Patient, source.Specimen, LeukemiaIngestObserver.SpecimenTypeText(source.Row.SpecimenType), sourceFile];
        foreach (var c in calls)
        {
            _balanceRows.Add((_smallVariantOrdinal, [.. prefix, c.Chromosome, "whole", null, null, "allelic " + c.State, null, null, c.MedianMinorAlleleFraction, c.State == "loh" ? true : c.State == "not assessable" ? null : false, "from FORMAT/AD: " + c.Detail, null, KnowledgeBase.CurrentVersion]));
            if (c.State is "loh" or "imbalanced")
            {
                var name = c.State == "loh" ? $"LOH {c.Chromosome[3..]} (allelic, AD-based)" : $"allelic imbalance {c.Chromosome[3..]} (AD-based)";
                found.Add(new Abnormality(name, "copy_number", [], c.Detail, $"{sourceFile} FORMAT/AD of {c.Sites} sites on {c.Chromosome}", Origin(source.Row.SpecimenType), Certainty.Partial));
            }
        }

        return found;
    }

    /// <summary>Adds each file as a source and writes its rows into the transaction; files the lake holds are skipped.</summary>
    public void Write(LakeTransaction transaction)
    {
        var tables = new Dictionary<string, List<(int Ordinal, object?[] Row)>>(StringComparer.Ordinal)
        {
            [ChromosomeCopyTable] = [.. _balanceRows],
        };
        foreach (var group in _balanceRows.GroupBy(r => r.Ordinal))
        {
            transaction.SetRowCount(group.Key, ChromosomeCopyTable, group.Count());
        }

        foreach (var file in _files)
        {
            if (transaction.ContainsSource(file.Hash, _options.Cohort))
            {
                Files = (Files.Committed, Files.Skipped + 1);
                _options.Warning?.Invoke($"{file.SourceFile}: the lake already holds this content; skipped");
                // Byte-identical to a file added earlier in this run (e.g. an empty fusion table): its kind still counts as
                // read for classification; only content the lake held before this run leaves a patient's findings incomplete.
                if (_runHashes.Contains(file.Hash))
                {
                    _ingested.Add(((string)file.Prefix[1]!, file.Kind));
                }
                else
                {
                    _skippedPatients.Add((string)file.Prefix[0]!);
                }

                continue;
            }

            var ordinal = transaction.AddSource(file.Hash, file.SourceFile, _options.Cohort);
            _ingested.Add(((string)file.Prefix[1]!, file.Kind));
            _runHashes.Add(file.Hash);
            Files = (Files.Committed + 1, Files.Skipped);
            file.Rows(LeukemiaIngestObserver.SpecimensTable).Add(file.SpecimenRow);
            foreach (var (table, rows) in file.Tables)
            {
                if (!tables.TryGetValue(table, out var list))
                {
                    tables[table] = list = [];
                }

                list.AddRange(rows.Select(r => (ordinal, r)));
                transaction.SetRowCount(ordinal, table, rows.Count);
            }
        }

        _written = tables;
        Abnormalities = tables.TryGetValue(LeukemiaIngestObserver.AbnormalitiesTable, out var abnormalities) ? abnormalities.Count : 0;
        WriteTable(transaction, StructuralVariantsTable, SvColumns, tables);
        WriteTable(transaction, FusionsTable, FusionColumns, tables);
        WriteTable(transaction, SegmentsTable, SegmentColumns, tables);
        WriteTable(transaction, GeneCopyNumberTable, GeneColumns, tables);
        WriteTable(transaction, ChromosomeCopyTable, ChromosomeColumns, tables);
        WriteTable(transaction, LeukemiaIngestObserver.AbnormalitiesTable, LeukemiaIngestObserver.AbnormalityColumns, tables);
        WriteTable(transaction, LeukemiaIngestObserver.SpecimensTable, LeukemiaIngestObserver.SpecimenColumns, tables);
    }

    /// <summary>Issue 7 hook: classifies every patient of the sheet from this run's rows and writes <c>classifications</c> (<see cref="ClassificationIngest"/>).</summary>
    public void WriteClassifications(LakeTransaction transaction, LeukemiaIngestObserver smallVariants)
    {
        var specimens = smallVariants.IngestedSpecimens.ToHashSet(StringComparer.Ordinal);
        var skipped = new HashSet<string>(_skippedPatients, StringComparer.Ordinal);
        foreach (var row in _sheet.Where(r => r.Kind == DataKind.SmallVariants))
        {
            var specimen = _pseudonymizer.KeepsRawIds ? row.Specimen : _pseudonymizer.Pseudonymize("specimen:" + row.Specimen);
            if (!specimens.Contains(specimen))
            {
                skipped.Add(_pseudonymizer.KeepsRawIds ? row.Patient : _pseudonymizer.Pseudonymize("patient:" + row.Patient));
            }
        }

        skipped.UnionWith(PatientsInLake());
        List<object?[]> Rows(string table) => _written.TryGetValue(table, out var rows) ? rows.Select(r => r.Row).ToList() : [];
        var rows = ClassificationIngest.Classify(_sheet, _pseudonymizer, smallVariants.AbnormalityRows.Concat(Rows(LeukemiaIngestObserver.AbnormalitiesTable)), Rows(GeneCopyNumberTable), Rows(ChromosomeCopyTable), smallVariants.ConsequenceSources,
            (specimen, kind) => kind == DataKind.SmallVariants ? specimens.Contains(specimen) : _ingested.Contains((specimen, kind)), skipped, _clinical.Patients, _options.Warning);
        ClassificationIngest.Write(transaction, _options.Cohort, rows);
    }

    /// <summary>Writes the sheet's validated clinical values (<see cref="ClinicalIngest"/>).</summary>
    public void WriteClinical(LakeTransaction transaction) =>
        ClinicalRows = ClinicalIngest.Write(transaction, _options.Cohort, _clinical.Patients,
            raw => _pseudonymizer.KeepsRawIds ? raw : _pseudonymizer.Pseudonymize("patient:" + raw),
            SourceMetadata.SourceFile(_sheetPath, _pseudonymizer), _clinicalPath is null ? null : SourceMetadata.SourceFile(_clinicalPath, _pseudonymizer), _options.Warning);

    /// <summary>
    /// Patients of the cohort the lake already has files of (from an earlier sheet, possibly other files): classified
    /// from this run's rows alone they would get a run whose findings are incomplete, which readers would take as latest.
    /// The run holds the lake's lock, so the published snapshot is the one it builds on.
    /// </summary>
    private List<string> PatientsInLake()
    {
        if (!Directory.Exists(Path.Combine(_options.LakePath, LeukemiaIngestObserver.SpecimensTable)))
        {
            return [];
        }

        try
        {
            using var db = LakeQuery.Connect(_options.LakePath);
            return LakeQuery.Rows(db, $"select distinct patient from {LeukemiaIngestObserver.SpecimensTable} where cohort = '{_options.Cohort.Replace("'", "''", StringComparison.Ordinal)}'").Select(r => (string)r[0]!).ToList();
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new HarmonyException($"{_options.LakePath}: cannot read the lake's specimens table: {ex.Message}", ex);
        }
    }

    private void WriteTable(LakeTransaction transaction, string table, RowColumn[] columns, Dictionary<string, List<(int Ordinal, object?[] Row)>> tables)
    {
        if (!tables.TryGetValue(table, out var rows) || rows.Count == 0)
        {
            return;
        }

        // "structural" in the file names keeps these apart from the small-variant observer's files in the same table.
        DerivedTable.Write(transaction, _options.Cohort, table, "structural", columns, rows.Select(r => r.Row));
    }

    private static (FusionCaller Caller, List<PreparedFile> Files) Caller(Dictionary<GenomeAssembly, (FusionCaller Caller, List<PreparedFile> Files)> callers, GenomeAssembly assembly, StructuralCallOptions options)
    {
        if (!callers.TryGetValue(assembly, out var entry))
        {
            callers[assembly] = entry = (new FusionCaller(assembly, options), []);
        }

        return entry;
    }

    private StructuralCallOptions Options(SampleSheetRow row)
    {
        double? purity = null;
        if (row.Clinical.TryGetValue("purity", out var text))
        {
            // Purity as a fraction (0.8) or a percentage (80); anything else is a sheet error.
            if (!double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 100)
            {
                throw new HarmonyException($"{_sheetPath}: line {row.Line}, column purity: a fraction in (0, 1] or a percentage in (0, 100], found '{text}'");
            }

            purity = value > 1 ? value / 100 : value;
        }

        var sex = row.Clinical.TryGetValue("sex", out var s) ? s.ToLowerInvariant() switch
        {
            "m" or "male" => "male",
            "f" or "female" => "female",
            _ => null,
        } : null;
        return new StructuralCallOptions { Purity = purity, Sex = sex, Ploidy = _options.PloidyDefinition, FusionReadsEach = _options.FusionReads.Each, FusionReadsTotal = _options.FusionReads.Total };
    }

    /// <summary>The file's assembly, also recorded with how it was decided on <paramref name="prepared"/> (for <c>specimens</c>).</summary>
    private GenomeAssembly? Assembly(SampleSheetRow row, VcfHeader? header, PreparedFile prepared)
    {
        var (assembly, evidence) = DecideAssembly(row, header);
        prepared.Assembly = assembly;
        prepared.AssemblyEvidence = evidence;
        return assembly;
    }

    private (GenomeAssembly? Assembly, string Evidence) DecideAssembly(SampleSheetRow row, VcfHeader? header)
    {
        if (_forced is { } forced)
        {
            return (forced, "--assembly");
        }

        if (header is not null && AssemblyDetector.Detect(header) is { Assembly: { } fromHeader } detection)
        {
            return (fromHeader, detection.Evidence);
        }

        if (row.Clinical.TryGetValue("assembly", out var written) && Enum.TryParse<GenomeAssembly>(written, true, out var fromSheet))
        {
            return (fromSheet, "sheet column assembly");
        }

        // Segment and fusion tables carry no reference: take the one the patient's VCFs declare, when they agree.
        var detected = _sheet.Where(r => r.Patient == row.Patient && r.File != row.File && r.Kind is DataKind.SmallVariants or DataKind.StructuralVariants)
            .Select(r => TryDetect(r.File)).Where(a => a is not null).Distinct().ToList();
        if (detected.Count == 1)
        {
            _options.Warning?.Invoke($"{Path.GetFileName(row.File)}: assembly {detected[0]} taken from the patient's VCF headers");
            return (detected[0], "the patient's VCF headers");
        }

        _options.Warning?.Invoke($"{Path.GetFileName(row.File)}: assembly not determined; gene, fusion and chromosome rules skipped (use --assembly or an 'assembly' column)");
        return (null, detected.Count > 1 ? "the patient's VCF headers disagree" : "not determined");
    }

    private static GenomeAssembly? TryDetect(string file)
    {
        try
        {
            using var reader = VcfReader.Open(file, new VcfReaderOptions { Threads = 1 });
            return AssemblyDetector.Detect(reader.Header).Assembly;
        }
        catch (InputFormatException)
        {
            return null;
        }
    }

    private string? Sample(string? name) => name is null ? null : _pseudonymizer.Pseudonymize(name);

    private static string? Side(BreakendSide? side) => side switch
    {
        BreakendSide.Left => "left",
        BreakendSide.Right => "right",
        _ => null,
    };

    // A gene_copy_number row (GeneColumns), from a segment file or an SV file.
    private static object?[] GeneRow(PreparedFile prepared, GeneCopyNumberCall g, string thresholds, GenomeAssembly assembly) =>
        [.. prepared.Prefix, g.Gene, State(g.State), g.Extent, g.ExonText, g.Transcript, g.MinimumCopyNumber, g.Coverage, g.Detail, g.Evidence, g.Certainty.ToString(), thresholds, assembly.ToString(), KnowledgeBase.CurrentVersion];

    private static string State(GeneCopyState state) => state switch
    {
        GeneCopyState.HeterozygousDeletion => "heterozygous_deletion",
        GeneCopyState.HomozygousDeletion => "homozygous_deletion",
        GeneCopyState.NotDeleted => "not_deleted",
        _ => "not_assessable",
    };

    private static string Origin(SpecimenType type) => type == SpecimenType.Tumour ? "unknown" : "germline";

    // The specimen (its stored id) is part of a source's identity: identical files of two specimens (two empty
    // fusion tables) are two sources, and a re-run of the sheet still finds each one in the lake.
    private static string Hash(string path, string specimen)
    {
        using var stream = File.OpenRead(path);
        var content = Convert.ToHexStringLower(SHA256.HashData(stream));
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{content}\nspecimen:{specimen}")));
    }

    private sealed class PreparedFile(SampleSheetRow row, string patient, string specimen, string sourceFile, string hash)
    {
        public string SourceFile { get; } = sourceFile;

        public string Hash { get; } = hash;

        public DataKind Kind { get; } = row.Kind;

        public object?[] Prefix { get; } = [patient, specimen, LeukemiaIngestObserver.SpecimenTypeText(row.SpecimenType), sourceFile];

        public Dictionary<string, List<object?[]>> Tables { get; } = new(StringComparer.Ordinal);

        public GenomeAssembly? Assembly { get; set; }

        public string? AssemblyEvidence { get; set; }

        /// <summary>The file's <c>specimens</c> row (<see cref="LeukemiaIngestObserver.SpecimenColumns"/>).</summary>
        public object?[] SpecimenRow => [Prefix[0], Prefix[1], Prefix[2], LeukemiaIngestObserver.KindText(Kind), SourceFile, null, null, Assembly?.ToString(), AssemblyEvidence, null, KnowledgeBase.CurrentVersion];

        public List<object?[]> Rows(string table)
        {
            if (!Tables.TryGetValue(table, out var rows))
            {
                Tables[table] = rows = [];
            }

            return rows;
        }

        public void Abnormality(Abnormality a) =>
            Rows(LeukemiaIngestObserver.AbnormalitiesTable).Add([Prefix[0], Prefix[1], Prefix[2], a.Name, a.Category, a.Genes.ToArray(), a.Detail, a.Evidence, a.GeneticOrigin, a.Certainty.ToString(), SourceFile, KnowledgeBase.CurrentVersion]);
    }
}
