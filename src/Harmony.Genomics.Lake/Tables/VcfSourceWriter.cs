using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Writes the records of one VCF source into the lake's tables: it pivots records into columnar batches and
/// streams them to Parquet files whose paths the caller chooses (normally in a transaction's staging area).
/// </summary>
public sealed class VcfSourceWriter : IDisposable
{
    private const int VariantBatchRows = 64 * 1024;
    private const int CallBatchRows = 1024 * 1024;

    private readonly VcfHeader _header;
    private readonly string _sourceFile;
    private readonly IReadOnlyList<string> _storedSamples;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly VariantBatchBuilder _batches;
    private readonly RejectedBatchBuilder _rejected = new();
    private readonly Dictionary<string, ParquetTableWriter> _writers = new(StringComparer.Ordinal);
    private readonly Func<string, int, string> _newFilePath;
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
    public VcfSourceWriter(VcfHeader header, string sourceFile, long variantIdBase, IReadOnlyList<string> storedSampleNames, bool allCalls, IReadOnlyDictionary<string, string> metadata, Func<string, string> describe, Func<string, int, string> newFilePath)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(storedSampleNames);
        _header = header;
        _sourceFile = sourceFile;
        _storedSamples = storedSampleNames;
        _metadata = metadata;
        _newFilePath = newFilePath;
        _batches = new VariantBatchBuilder(header, sourceFile, variantIdBase, storedSampleNames, allCalls, describe);
    }

    /// <summary>Appends one decoded record.</summary>
    public void Append(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_batches.SchemaChanged && (_batches.VariantRows > 0 || _batches.CallRows > 0))
        {
            Flush();
        }

        _batches.Append(record);
        if (_batches.VariantRows >= VariantBatchRows || _batches.CallRows >= CallBatchRows)
        {
            Flush();
        }
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
        if (_header.SampleNames.Count > 0)
        {
            Writer(LakeColumns.SamplesTable).Write(SamplesBatchBuilder.Build(_sourceFile, _storedSamples, _metadata));
        }

        if (_rejected.Rows > 0)
        {
            Writer(LakeColumns.RejectedTable).Write(_rejected.Build(_metadata));
        }

        foreach (var writer in _writers.Values)
        {
            writer.Close();
        }

        _completed = true;
        return new SourceWriteResult(Rows(LakeColumns.VariantsTable), Rows(LakeColumns.CallsTable), Rows(LakeColumns.SamplesTable), Rows(LakeColumns.RejectedTable));
    }

    /// <summary>Whether <see cref="Complete"/> ran.</summary>
    public bool IsCompleted => _completed;

    private long Rows(string table) => _writers.TryGetValue(table, out var w) ? w.RowsWritten : 0;

    private void Flush()
    {
        // A variants file is written even when empty, so a source without records still has its schema in the lake.
        if (_batches.VariantRows > 0 || !_writers.ContainsKey(LakeColumns.VariantsTable))
        {
            Writer(LakeColumns.VariantsTable).Write(_batches.BuildVariants(_metadata));
        }

        if (_header.SampleNames.Count > 0 && (_batches.CallRows > 0 || !_writers.ContainsKey(LakeColumns.CallsTable)))
        {
            Writer(LakeColumns.CallsTable).Write(_batches.BuildCalls(_metadata));
        }
        else
        {
            _batches.BuildCalls(_metadata);
        }
    }

    private ParquetTableWriter Writer(string table)
    {
        if (!_writers.TryGetValue(table, out var writer))
        {
            writer = new ParquetTableWriter(part => _newFilePath(table, part));
            _writers.Add(table, writer);
        }

        return writer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
    }
}
