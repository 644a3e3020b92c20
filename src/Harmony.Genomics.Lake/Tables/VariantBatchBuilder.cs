using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Pivots decoded records of one source into two columnar batches: <c>variants</c> (one row per record, INFO
/// fields as typed columns) and <c>calls</c> (one row per non-homozygous-reference call, FORMAT fields as typed
/// columns), as htslib's FORMAT pivot does.
/// </summary>
internal sealed class VariantBatchBuilder
{
    // The batch sizes the writers flush at. Eight batches make one Parquet row group (BatchesPerRowGroup): 65,536
    // variants or about 131,072 calls, small enough that DuckDB and Spark scan a file on several threads, large enough
    // that per-group costs vanish (256k variants, or 1M-row groups, measured no faster). A batch is an eighth of a row
    // group because every batch in flight (being built, queued, being encoded) is memory touched for the first time,
    // and each first touch is a page fault, whose cost on this project's VMs varies from day to day between about 2 and
    // 10 microseconds a 4 KiB page: 64k-variant / 128k-call batches faulted in about 107 MiB on workload c (27,000
    // faults, a quarter of its CPU); quarter batches (16k / 32k) halved that and took c from 0.85 to 0.74 s, a from 0.59
    // to 0.49 s, b from 1.93 to 1.84 s (native build, medians of 5-9 interleaved runs, 2026-12-01); eighth batches (8k /
    // 16k) took c's faults from 10,400 to 8,500 and its peak RSS from 56 to 49 MiB, a's from 12,700 to 11,200 (65 to 59
    // MiB), b's from 13,000 to 11,000 (66 to 59 MiB), wall 2-4% less (2026-12-03, about 10 microseconds a fault that day).
    // The cost: a page is one batch of a column, and smaller pages compress a little less well: workload a's calls files
    // (2,504 samples) grew 9% from whole row groups to quarters and 2.6% more to eighths (most of it the sample column),
    // c's 1.3% each time, the variants files 0.2-0.4%. Before, 128k calls instead of 256k had taken peak RSS from about
    // 210 to 165-190 MiB.
    internal const int VariantBatchRows = 8 * 1024;
    internal const int CallBatchRows = 16 * 1024;
    internal const int BatchesPerRowGroup = 8;

    // A calls batch also ends once its list values (gt_alleles, AD, PL ...) reach this many, so that its memory is bounded
    // when calls carry long lists: 20,000 samples of records with 12 ALTs (PL of 91 values) made 128k-call batches of
    // about 14 million values, and ingest --all-calls peaked at 1.2 GiB, 5,000 samples with 20 ALTs (PL of 231) at
    // 1.7 GiB (a row group keeps the 8M values per group bound then set: four batches of 2M then, eight of 1M since
    // batches are an eighth of a group). The usual GT:AD:DP:GQ(:PL) of biallelic sites carries 4-7 values a call, and
    // ends at CallBatchRows first.
    internal const int CallBatchValues = 1024 * 1024;

    private static readonly ListType StringList = new(new Field("element", StringType.Default, true));
    private static readonly ListType BooleanList = new(new Field("element", BooleanType.Default, true));

    private readonly long _variantIdBase;
    private readonly IReadOnlyList<string> _samples;
    private readonly bool _allCalls;

    private readonly VariantColumns _variants;
    private readonly FieldColumns _info;

    // Per-ALT annotation columns, only when the source is annotated (a sample-sheet ingest).
    private readonly ColumnBuilder[] _annotations;

    private readonly FieldColumns _format;
    private readonly GenotypeColumns _genotypes;
    private readonly SchemaCache _variantsSchema = new();
    private readonly SchemaCache _callsSchema = new();

    // AppendRun's per-record scratch: the records given a calls row, each row's list values, each record's variant ID.
    private int[] _runScratch = [];
    private int[] _runRowValues = [];
    private long[] _runIds = [];

    // What NewFragment needs to build a builder like this one.
    private readonly VcfHeader _header;
    private readonly string _sourceFileName;
    private readonly FieldColumnRegistry? _registry;

    // describe: turns a header Description into the text kept as column metadata (scrubbed of identifiers).
    // annotated: adds the per-ALT annotation columns (gene, consequence, hgvs_c, hgvs_p, hotspot, hotspot_name).
    // registry: the lake's field columns (null: a file of its own, columns as its header declares).
    public VariantBatchBuilder(VcfHeader header, string sourceFile, long variantIdBase, IReadOnlyList<string> storedSampleNames, bool allCalls, Func<string, string> describe, bool annotated = false, FieldColumnRegistry? registry = null)
    {
        _annotations = annotated
            ?
            [
                new(new Field(LakeColumns.Gene, StringList, true)), new(new Field(LakeColumns.Consequence, StringList, true)),
                new(new Field(LakeColumns.HgvsC, StringList, true)), new(new Field(LakeColumns.HgvsP, StringList, true)),
                new(new Field(LakeColumns.Hotspot, BooleanList, true)), new(new Field(LakeColumns.HotspotName, StringList, true)),
            ]
            : [];
        _variantIdBase = variantIdBase;
        _samples = storedSampleNames;
        _allCalls = allCalls;
        _registry = registry;
        _info = new FieldColumns(header.Info, "info_", LakeColumns.VariantFixed, describe, [], registry, LakeColumns.VariantsTable, sourceFile);
        _format = new FieldColumns(header.Format, string.Empty, LakeColumns.CallFixed, describe, ["GT"], registry, LakeColumns.CallsTable, sourceFile);
        _genotypes = new GenotypeColumns(storedSampleNames);
        _info.Refresh(0, header.Info.Fields.Count);
        _format.Refresh(0, header.Format.Fields.Count);
        _variants = new VariantColumns(System.Text.Encoding.UTF8.GetBytes(sourceFile));
        _header = header;
        _sourceFileName = sourceFile;
    }

    /// <summary>
    /// A builder of the same columns, whose rows <see cref="AppendRange"/> then copies into this one: a decoder worker
    /// pivots a chunk of records into it while this builder's thread appends earlier chunks. Its field columns carry no
    /// descriptions (their data alone is copied), and it has no annotation columns.
    /// </summary>
    public VariantBatchBuilder NewFragment()
    {
        if (_annotations.Length > 0)
        {
            throw new InvalidOperationException("annotated records are appended one by one, with their annotations");
        }

        return new VariantBatchBuilder(_header, _sourceFileName, _variantIdBase, _samples, _allCalls, static _ => string.Empty, registry: _registry);
    }

    /// <summary>
    /// Appends variants rows <paramref name="firstVariant"/> to <paramref name="firstVariant"/> +
    /// <paramref name="variants"/> of a fragment and calls rows <paramref name="firstCall"/> to <paramref name="firstCall"/>
    /// + <paramref name="calls"/>, the calls of those records, in block copies: the rows that appending those records one
    /// by one would have given. <paramref name="infoFields"/> and <paramref name="formatFields"/> are the field counts
    /// of the last of them (<see cref="VcfRecord.InfoFieldCount"/>), after it was handed over.
    /// </summary>
    public void AppendRange(VariantBatchBuilder fragment, int firstVariant, int variants, int firstCall, int calls, int infoFields, int formatFields)
    {
        _info.Refresh(VariantRows, infoFields);
        _format.Refresh(CallRows, formatFields);
        _variants.AppendRange(fragment._variants, firstVariant, variants);

        _info.AppendRange(fragment._info, firstVariant, variants);
        _genotypes.AppendRange(fragment._genotypes, firstCall, calls);
        _format.AppendRange(fragment._format, firstCall, calls);
    }

    /// <summary>
    /// Appends a fragment's records in block copies, in ranges that each end at the first record after which a batch is
    /// full (<see cref="VariantBatchRows"/> variants, or calls as <see cref="CallsFull"/> says), where appending one by one
    /// checks; <paramref name="flushFull"/> is called after each range, so batches end at the same records.
    /// </summary>
    public void Append(SourceFragment fragment, Action flushFull)
    {
        var records = fragment.Records;
        var callEnds = fragment.CallRowEnds;
        var valueEnds = fragment.CallValueEnds;
        var next = 0;
        while (next < records.Count)
        {
            var end = Math.Min(records.Count, next + VariantBatchRows - VariantRows);
            var firstCall = next == 0 ? 0 : callEnds[next - 1];
            var firstValue = next == 0 ? 0 : valueEnds[next - 1];
            var callRoom = CallBatchRows - CallRows;
            var valueRoom = CallBatchValues - CallValues;
            for (var k = next; k < end; k++)
            {
                if (callEnds[k] - firstCall >= callRoom || valueEnds[k] - firstValue >= valueRoom)
                {
                    end = k + 1;
                    break;
                }
            }

            var last = records[end - 1];
            AppendRange(fragment.Batches, next, end - next, firstCall, callEnds[end - 1] - firstCall, last.InfoFieldCount, last.FormatFieldCount);
            flushFull();
            next = end;
        }
    }

    /// <summary>Empties every column, keeping them and their buffers (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        _variants.Clear();
        _info.Clear();
        _format.Clear();
        _genotypes.Clear();
    }

    public int VariantRows => _variants.Rows;

    public int CallRows => _genotypes.Rows;

    /// <summary>The list elements of the calls rows so far (see <see cref="CallBatchValues"/>).</summary>
    public long CallValues => _format.ListValueCount + _genotypes.AlleleCount;

    /// <summary>Whether the calls batch is full: <see cref="CallBatchRows"/> rows or <see cref="CallBatchValues"/> list values.</summary>
    public bool CallsFull => CallRows >= CallBatchRows || CallValues >= CallBatchValues;

    /// <param name="record">The record.</param>
    /// <param name="annotations">One entry per ALT when the builder is annotated; null writes null lists.</param>
    public void Append(VcfRecord record, IReadOnlyList<AlleleAnnotation>? annotations = null)
    {
        // An undefined field met in this record adds a column; the writer starts a new file part for the new schema.
        // The record's field counts, not the header's: the header may already hold fields of records decoded ahead.
        _info.Refresh(VariantRows, record.InfoFieldCount);
        _format.Refresh(CallRows, record.FormatFieldCount);
        var variantId = _variantIdBase + record.RecordIndex;
        AppendVariant(record, variantId);
        if (_annotations.Length > 0)
        {
            AppendAnnotations(annotations);
        }

        if (record.SampleCount > 0)
        {
            AppendCalls(record, variantId);
        }
    }

    /// <summary>
    /// Appends consecutive records, the rows and values that <see cref="Append(VcfRecord, IReadOnlyList{AlleleAnnotation}?)"/>
    /// of each in turn would give, column by column over stretches of records the columns already cover; records of
    /// one diploid sample (a somatic or single-sample file) get their calls rows that way too. Adds each record's
    /// <see cref="CallRows"/> and <see cref="CallValues"/> after it to <paramref name="callRowEnds"/> and
    /// <paramref name="callValueEnds"/>. Not for an annotated builder.
    /// </summary>
    public void AppendRun(ReadOnlySpan<VcfRecord> records, List<int> callRowEnds, List<long> callValueEnds)
    {
        if (_annotations.Length > 0)
        {
            throw new InvalidOperationException("annotated records are appended one by one, with their annotations");
        }

        for (var first = 0; first < records.Length;)
        {
            // An undefined field met in a record adds its column before that record's row, as Append does.
            _info.Refresh(VariantRows, records[first].InfoFieldCount);
            _format.Refresh(CallRows, records[first].FormatFieldCount);
            var end = first + 1;
            while (end < records.Length && records[end].InfoFieldCount <= _info.FieldCount && records[end].FormatFieldCount <= _format.FieldCount)
            {
                end++;
            }

            AppendStretch(records[first..end], callRowEnds, callValueEnds);
            first = end;
        }
    }

    private void AppendStretch(ReadOnlySpan<VcfRecord> records, List<int> callRowEnds, List<long> callValueEnds)
    {
        if (_runScratch.Length < records.Length)
        {
            _runScratch = new int[records.Length];
            _runRowValues = new int[records.Length];
            _runIds = new long[records.Length];
        }

        var ids = _runIds.AsSpan(0, records.Length);
        var oneDiploidSample = true;
        for (var r = 0; r < records.Length; r++)
        {
            var record = records[r];
            ids[r] = _variantIdBase + record.RecordIndex;
            oneDiploidSample &= record.SampleCount == 1 && record.HasGenotypes && record.GetAlleles(0).Length == 2;
        }

        _variants.AppendRun(records, ids);
        _info.AppendInfoRun(records);
        if (!oneDiploidSample)
        {
            for (var r = 0; r < records.Length; r++)
            {
                if (records[r].SampleCount > 0)
                {
                    AppendCalls(records[r], ids[r]);
                }

                callRowEnds.Add(CallRows);
                callValueEnds.Add(CallValues);
            }

            return;
        }

        var (callRows, callValues) = (CallRows, CallValues);
        var rowRecords = _runScratch.AsSpan(0, records.Length);
        var rows = _genotypes.AppendOneDiploidSample(records, ids, _allCalls, rowRecords);
        var rowValues = _runRowValues.AsSpan(0, rows);
        rowValues.Clear();
        _format.AppendOneSampleRun(records, rowRecords[..rows], rowValues);
        for (int r = 0, row = 0; r < records.Length; r++)
        {
            if (row < rows && rowRecords[row] == r)
            {
                // gt_alleles' two elements and the row's list columns' elements.
                callRows++;
                callValues += 2 + rowValues[row++];
            }

            callRowEnds.Add(callRows);
            callValueEnds.Add(callValues);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendVariant(VcfRecord record, long variantId)
    {
        _variants.Append(record, variantId);
        _info.AppendInfo(record);
    }

    private void AppendAnnotations(IReadOnlyList<AlleleAnnotation>? annotations)
    {
        if (annotations is null)
        {
            foreach (var column in _annotations)
            {
                column.AppendNull();
            }

            return;
        }

        foreach (var column in _annotations)
        {
            column.BeginList();
        }

        foreach (var a in annotations)
        {
            Text(_annotations[0], a.Gene);
            Text(_annotations[1], a.Consequence);
            Text(_annotations[2], a.HgvsC);
            Text(_annotations[3], a.HgvsP);
            _annotations[4].Boolean.Append(a.Hotspot);
            Text(_annotations[5], a.HotspotName);
        }

        static void Text(ColumnBuilder column, string? value)
        {
            if (value is null)
            {
                column.String.AppendNull();
            }
            else
            {
                column.String.Append(value);
            }
        }
    }

    private void AppendCalls(VcfRecord record, long variantId)
    {
        _genotypes.Append(record, variantId, _allCalls);

        // GT alone (a cohort's usual FORMAT) leaves every other FORMAT column null on every row, in bulk.
        _format.AppendSamples(record, _genotypes.LastRowSamples);
    }

    /// <param name="metadata">Key-value metadata of the schema.</param>
    /// <param name="owners">Receives the pooled memory behind the batch; dispose it once the batch is written.</param>
    public RecordBatch BuildVariants(IReadOnlyDictionary<string, string> metadata, List<IDisposable> owners)
    {
        var length = _variants.Rows;
        var columns = new List<ColumnBuilder>(_annotations);
        columns.AddRange(_info.Columns);
        var schema = _variantsSchema.For(VariantColumns.Fields, columns, metadata);
        var arrays = _variants.Build(owners).Concat(columns.Select(c => c.Build(owners))).ToList();
        return new RecordBatch(schema, arrays, length);
    }

    /// <param name="metadata">Key-value metadata of the schema.</param>
    /// <param name="owners">Receives the pooled memory behind the batch; dispose it once the batch is written.</param>
    public RecordBatch BuildCalls(IReadOnlyDictionary<string, string> metadata, List<IDisposable> owners)
    {
        var length = _genotypes.Rows;
        var formats = _format.Columns.ToList();
        var schema = _callsSchema.For(GenotypeColumns.Fields, formats, metadata);
        var arrays = _genotypes.Build(owners).Concat(formats.Select(c => c.Build(owners))).ToList();
        return new RecordBatch(schema, arrays, length);
    }

    /// <summary>
    /// The schema of the last batch of one table, made again only when its columns or metadata change: batch after
    /// batch of a file has the same (making one indexes its fields by name, garbage for every batch).
    /// </summary>
    private sealed class SchemaCache
    {
        private readonly List<Field> _fields = [];
        private IReadOnlyList<Field>? _fixedFields;
        private IReadOnlyDictionary<string, string>? _metadata;
        private Schema? _schema;

        public Schema For(IReadOnlyList<Field> fixedFields, List<ColumnBuilder> columns, IReadOnlyDictionary<string, string> metadata)
        {
            var same = _schema is not null && ReferenceEquals(fixedFields, _fixedFields) && ReferenceEquals(metadata, _metadata) && _fields.Count == fixedFields.Count + columns.Count;
            for (var i = 0; same && i < columns.Count; i++)
            {
                same = ReferenceEquals(_fields[fixedFields.Count + i], columns[i].Field);
            }

            if (!same)
            {
                _fields.Clear();
                _fields.AddRange(fixedFields);
                _fields.AddRange(columns.Select(c => c.Field));
                _fixedFields = fixedFields;
                _metadata = metadata;
                _schema = new Schema(_fields, metadata);
            }

            return _schema!;
        }
    }
}
