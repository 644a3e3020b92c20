using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Writes the records of one VCF source into the lake's tables: it pivots records into columnar batches and
/// streams them to Parquet files whose paths the caller chooses (normally in a transaction's staging area).
/// </summary>
public sealed class VcfSourceWriter : IFragmentWriter, IDisposable
{
    // A wide cohort's calls batches go to two Parquet threads in turn, each writing its own file parts: there, one thread
    // encoding calls is the slowest stage of ingest (workload a of benchmarks/e2e.sh, 2,504 samples: 0.70 -> 0.66 s). A
    // narrow file gains nothing and the extra thread costs CPU (workload c, one sample). The choice depends on the file
    // alone, not on --threads, so a file gives the same lake files whatever the thread count.
    private const int WideCohortSamples = 1_000;

    private readonly VcfHeader _header;
    private readonly string _sourceFile;
    private readonly long _variantIdBase;
    private readonly IReadOnlyList<string> _storedSamples;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly VariantBatchBuilder _batches;
    private readonly RejectedBatchBuilder _rejected = new();
    private readonly BackgroundTableWriter _writer;
    private IReadOnlyDictionary<string, long> _rows = new Dictionary<string, long>();
    private bool _completed;

    /// <summary>Starts writing one source.</summary>
    /// <param name="header">The source's header (undefined fields met later are added to it by the reader).</param>
    /// <param name="sourceFile">The <c>source_file</c> value stored in every row.</param>
    /// <param name="variantIdBase">Added to each record index to make <c>variant_id</c> unique in the lake.</param>
    /// <param name="storedSampleNames">The sample names as stored (pseudonyms unless raw IDs were kept), in column order.</param>
    /// <param name="allCalls">Whether homozygous-reference calls are written too.</param>
    /// <param name="metadata">Key-value metadata stamped into every file.</param>
    /// <param name="describe">Turns header descriptions into the text kept as column metadata (scrubbed of identifiers).</param>
    /// <param name="newFilePath">Gives the path for part n of a table.</param>
    /// <param name="annotated">Whether <c>variants</c> gets the per-ALT annotation columns (see <see cref="AlleleAnnotation"/>).</param>
    /// <param name="fieldColumns">The lake's field columns (<see cref="LakeTransaction.FieldColumns"/>), so that each INFO
    /// and FORMAT field has one column type lake-wide; null writes the columns as this source's header declares them.</param>
    public VcfSourceWriter(VcfHeader header, string sourceFile, long variantIdBase, IReadOnlyList<string> storedSampleNames, bool allCalls, IReadOnlyDictionary<string, string> metadata, Func<string, string> describe, Func<string, int, string> newFilePath, bool annotated = false, FieldColumnRegistry? fieldColumns = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(storedSampleNames);
        _header = header;
        _sourceFile = sourceFile;
        _variantIdBase = variantIdBase;
        _storedSamples = storedSampleNames;
        _metadata = metadata;
        _writer = new BackgroundTableWriter(newFilePath, header.SampleNames.Count >= WideCohortSamples ? 2 : 1, LakeColumns.CallsTable, VariantBatchBuilder.BatchesPerRowGroup);
        _batches = new VariantBatchBuilder(header, sourceFile, variantIdBase, storedSampleNames, allCalls, describe, annotated, fieldColumns);
    }

    /// <summary>Appends one decoded record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="annotations">Its per-ALT annotations when the writer is annotated (null: null lists).</param>
    public void Append(VcfRecord record, IReadOnlyList<AlleleAnnotation>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        _batches.Append(record, annotations);
        FlushFull();
    }

    /// <inheritdoc />
    /// <remarks>Not for an annotated writer, whose records come with their annotations.</remarks>
    public SourceFragment NewFragment() => new(_batches.NewFragment());

    /// <inheritdoc />
    public void Append(SourceFragment fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        _batches.Append(fragment, FlushFull);
    }

    /// <summary>Records a rejected line (lenient mode).</summary>
    public void Reject(InputFormatException error, long? recordIndex, ReadOnlySpan<byte> line)
    {
        ArgumentNullException.ThrowIfNull(error);
        _rejected.Append(_sourceFile, error, recordIndex, line);
    }

    /// <summary>Flushes and closes every file of this source.</summary>
    public SourceWriteResult Complete()
    {
        Flush();
        if (_header.SampleNames.Count > 0 && WritesSamples)
        {
            Write(LakeColumns.SamplesTable, SamplesBatchBuilder.Build(_sourceFile, (int)(_variantIdBase >> LakeColumns.RecordIndexBits), _storedSamples, _metadata));
        }

        if (_rejected.Rows > 0)
        {
            Write(LakeColumns.RejectedTable, _rejected.Build(_metadata));
        }

        _rows = _writer.Complete();
        _completed = true;
        return new SourceWriteResult(Rows(LakeColumns.VariantsTable), Rows(LakeColumns.CallsTable), Rows(LakeColumns.SamplesTable), Rows(LakeColumns.RejectedTable));
    }

    /// <summary>
    /// Whether <see cref="Complete"/> writes the <c>samples</c> rows (default). A caller that adds columns known only
    /// after every source is read (a sample sheet's patient and pharmacogenomic calls) turns it off and writes them itself.
    /// </summary>
    public bool WritesSamples { get; init; } = true;

    /// <summary>
    /// Called once, on the caller's thread, before the first batch of any table goes to the Parquet writers (none of the
    /// source's files exists before): a caller that made the writer before knowing whether to keep the source decides
    /// here, and throws to keep nothing of it.
    /// </summary>
    public Action? BeforeFirstWrite { get; set; }

    /// <summary>Whether <see cref="Complete"/> ran.</summary>
    public bool IsCompleted => _completed;

    private long Rows(string table) => _rows.TryGetValue(table, out var rows) ? rows : 0;

    // The two tables are flushed apart: a wide cohort fills a calls batch every few thousand records, and tying the
    // variants batches to it would cut the variants table into row groups of that few thousand rows.
    private void Flush()
    {
        FlushVariants();
        FlushCalls();
    }

    private void FlushFull()
    {
        if (_batches.VariantRows >= VariantBatchBuilder.VariantBatchRows)
        {
            FlushVariants();
        }

        if (_batches.CallsFull)
        {
            FlushCalls();
        }
    }

    private void FlushVariants()
    {
        // A variants file is written even when empty, so a source without records still has its schema in the lake.
        if (_batches.VariantRows > 0 || !_writer.HasTable(LakeColumns.VariantsTable))
        {
            var owners = new List<IDisposable>();
            Write(LakeColumns.VariantsTable, _batches.BuildVariants(_metadata, owners), owners);
        }
    }

    private void FlushCalls()
    {
        var owners = new List<IDisposable>();
        var calls = _batches.BuildCalls(_metadata, owners);
        if (_header.SampleNames.Count > 0 && (calls.Length > 0 || !_writer.HasTable(LakeColumns.CallsTable)))
        {
            Write(LakeColumns.CallsTable, calls, owners);
        }
        else
        {
            owners.ForEach(o => o.Dispose());
        }
    }

    private void Write(string table, Apache.Arrow.RecordBatch batch, List<IDisposable>? owners = null)
    {
        if (BeforeFirstWrite is { } decide)
        {
            // Cleared only once decided: a decision that failed is taken again rather than written past.
            try
            {
                decide();
            }
            catch
            {
                // Nothing of the source is written: the batch's pooled buffers go back to their pool.
                owners?.ForEach(o => o.Dispose());
                throw;
            }

            BeforeFirstWrite = null;
        }

        _writer.Write(table, batch, owners);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
