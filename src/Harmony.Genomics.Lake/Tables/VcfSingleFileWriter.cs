using Apache.Arrow;
using Apache.Arrow.Ipc;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Writes one VCF source to one Parquet or Arrow IPC file: the <c>variants</c> columns with each record's calls
/// nested as <c>calls: list&lt;struct&gt;</c>. A file holds one schema, so the header must already declare every
/// field the records use: <see cref="SchemaGrew"/> tells the caller to start again with the fields assumed.
/// </summary>
public sealed class VcfSingleFileWriter : IFragmentWriter, IDisposable
{
    private const string Table = "convert";

    private readonly VcfHeader _header;
    private readonly VariantBatchBuilder _batches;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly int _infoFields;
    private readonly int _formatFields;

    // Parquet is encoded on a thread of its own while the caller builds the next batch, as ingest does.
    private readonly BackgroundTableWriter? _parquet;
    private readonly FileStream? _arrowStream;
    private ArrowFileWriter? _arrow;
    private long _variants;
    private long _calls;

    /// <summary>Starts a file.</summary>
    /// <param name="header">The source's header.</param>
    /// <param name="path">The file to write (the caller publishes it, e.g. by renaming).</param>
    /// <param name="format">Parquet or Arrow IPC.</param>
    /// <param name="storedSampleNames">Sample names as stored (pseudonyms unless raw IDs were kept).</param>
    /// <param name="sourceFile">The <c>source_file</c> value.</param>
    /// <param name="allCalls">Whether homozygous-reference calls are kept.</param>
    /// <param name="metadata">Key-value metadata for the file.</param>
    /// <param name="describe">Turns header descriptions into the text kept as column metadata (scrubbed of identifiers).</param>
    public VcfSingleFileWriter(VcfHeader header, string path, SingleFileFormat format, IReadOnlyList<string> storedSampleNames, string sourceFile, bool allCalls, IReadOnlyDictionary<string, string> metadata, Func<string, string> describe)
    {
        ArgumentNullException.ThrowIfNull(header);
        _header = header;
        _metadata = metadata;
        _batches = new VariantBatchBuilder(header, sourceFile, 0, storedSampleNames, allCalls, describe);
        _infoFields = header.Info.Fields.Count;
        _formatFields = header.Format.Fields.Count;
        if (format == SingleFileFormat.Parquet)
        {
            _parquet = new BackgroundTableWriter((_, _) => path, batchesPerRowGroup: VariantBatchBuilder.BatchesPerRowGroup);
        }
        else
        {
            _arrowStream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        }
    }

    /// <summary>True once a record used a field the header did not declare: this file cannot hold it.</summary>
    public bool SchemaGrew => _header.Info.Fields.Count != _infoFields || _header.Format.Fields.Count != _formatFields;

    /// <summary>Appends a decoded record (check <see cref="SchemaGrew"/> after each).</summary>
    public void Append(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _batches.Append(record);
        FlushFull();
    }

    private void FlushFull()
    {
        if (_batches.VariantRows >= VariantBatchBuilder.VariantBatchRows || _batches.CallsFull)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public SourceFragment NewFragment() => new(_batches.NewFragment());

    /// <inheritdoc />
    public void Append(SourceFragment fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        _batches.Append(fragment, FlushFull);
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public SourceWriteResult Complete()
    {
        Flush(final: true);
        _parquet?.Complete();
        _arrow?.WriteEnd();
        _arrow?.Dispose();
        _arrow = null;
        _arrowStream?.Flush(flushToDisk: true);
        _arrowStream?.Dispose();
        return new SourceWriteResult(_variants, _calls, _header.SampleNames.Count, 0);
    }

    private void Flush(bool final = false)
    {
        // A batch with a column the file's schema lacks has no place in it: the caller starts again (SchemaGrew).
        if ((_batches.VariantRows == 0 && !final) || SchemaGrew)
        {
            return;
        }

        var owners = new List<IDisposable>();
        var variants = _batches.BuildVariants(_metadata, owners);
        var calls = _batches.BuildCalls(_metadata, owners);
        _variants += variants.Length;
        _calls += calls.Length;
        var nested = NestedCalls.Nest(variants, calls);
        if (_parquet is not null)
        {
            // The writer thread releases the pooled buffers once the batch is written.
            _parquet.Write(Table, nested, owners);
            return;
        }

        try
        {
            _arrow ??= new ArrowFileWriter(_arrowStream!, nested.Schema, leaveOpen: true);
            _arrow.WriteRecordBatch(nested);
        }
        finally
        {
            owners.ForEach(o => o.Dispose());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _parquet?.Dispose();
        _arrow?.Dispose();
        _arrowStream?.Dispose();
    }
}
