using Apache.Arrow;
using Harmony.Genomics.Lake;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// One Parquet file of a derived QC table staged in a transaction, written batch by batch (one row group each), so a
/// table of millions of rows never has to be built in memory at once. The file is created with the first non-empty
/// batch; a table that receives no rows gets no file.
/// </summary>
internal sealed class QcTableFile(LakeTransaction transaction, string table, string cohort, string fileName) : IDisposable
{
    private FileWriter? _writer;
    private WriterProperties? _properties;
    private ArrowWriterProperties? _arrowProperties;

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    public void Write(IReadOnlyList<(Field Field, IArrowArray Array)> columns, int rows)
    {
        if (rows == 0)
        {
            return;
        }

        var schema = new Schema(columns.Select(c => c.Field), new Dictionary<string, string> { ["harmony.qc_run"] = transaction.RunId });
        if (_writer is null)
        {
            var path = transaction.NewFilePath(table, [new KeyValuePair<string, string>("cohort", cohort)], fileName);
            _properties = new WriterPropertiesBuilder().Compression(Compression.Zstd).CompressionLevel(LakeCompression.ZstdLevel).CreatedBy("harmony").Build();
            _arrowProperties = new ArrowWriterPropertiesBuilder().StoreSchema().Build();
            _writer = new FileWriter(path, schema, _properties, _arrowProperties);
        }

        _writer.WriteRecordBatch(new RecordBatch(schema, columns.Select(c => c.Array), rows));
        Rows += rows;
    }

    /// <summary>Finishes the file (when one was started).</summary>
    public void Complete()
    {
        _writer?.Close();
        Dispose();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        _arrowProperties?.Dispose();
        _arrowProperties = null;
        _properties?.Dispose();
        _properties = null;
    }
}
