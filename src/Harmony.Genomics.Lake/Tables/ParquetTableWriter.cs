using Apache.Arrow;
using ParquetSharp;
using Harmony.Genomics.Lake.Parquet;
using ParquetSharp.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Writes the batches of one table to Parquet (Zstd), starting a new file part when the schema grows (an
/// undefined field met mid-file) so each file has one schema; readers merge parts by column name.
/// Only <see cref="Close"/> finishes the files; they stay invisible in staging until the transaction commits.
/// </summary>
/// <remarks>
/// The engine's own encoder (<see cref="ParquetFileEncoder"/>) writes every schema of flat and list columns, which
/// is every table ingest writes; Arrow's C++ writer (ParquetSharp) writes the rest (nested structs) and everything
/// when <c>HARMONY_PARQUET_WRITER=arrow</c> is set, which benchmarks and tests use to compare the two.
/// </remarks>
internal sealed class ParquetTableWriter : IDisposable
{
    private readonly Func<int, string> _newFilePath;
    private readonly int _batchesPerRowGroup;
    private readonly EncoderWorkspace? _workspace;
    private int _batchesInGroup;
    private ParquetSharp.Arrow.FileWriter? _writer;
    private ParquetFileEncoder? _encoder;
    private Apache.Arrow.Schema? _schema;
    private int _parts;

    /// <param name="newFilePath">Gives the path of file part n.</param>
    /// <param name="batchesPerRowGroup">Non-empty batches per row group (the last group of a file may have fewer).</param>
    /// <param name="workspace">The encoders' working memory, shared by the writers of one thread (null: each file its own).</param>
    public ParquetTableWriter(Func<int, string> newFilePath, int batchesPerRowGroup = 1, EncoderWorkspace? workspace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerRowGroup, 1);
        _newFilePath = newFilePath;
        _batchesPerRowGroup = batchesPerRowGroup;
        _workspace = workspace;
    }

    public long RowsWritten { get; private set; }

    public IReadOnlyList<string> Files => _files;

    private readonly List<string> _files = [];

    public void Write(RecordBatch batch)
    {
        var open = _writer is not null || _encoder is not null;
        if (batch.Length == 0 && open)
        {
            return;
        }

        if (!open || !SameColumns(_schema!, batch.Schema))
        {
            Close();
            var path = _newFilePath(_parts++);
            _files.Add(path);
            _schema = batch.Schema;
            if (UseOwnEncoder && ParquetFileEncoder.Supports(batch.Schema))
            {
                // The batch builders size row groups (docs/lake-schema.md), as below with Arrow's writer.
                _encoder = new ParquetFileEncoder(path, batch.Schema, OwnEncoderChoices, _batchesPerRowGroup, _workspace);
            }
            else
            {
                using var properties = Properties(batch.Schema);
                using var arrowProperties = new ArrowWriterPropertiesBuilder().StoreSchema().Build();
                _writer = new ParquetSharp.Arrow.FileWriter(path, batch.Schema, properties, arrowProperties);
            }

            _batchesInGroup = 0;
        }

        if (batch.Length > 0)
        {
            if (_encoder is not null)
            {
                _encoder.Write(batch);
            }
            else if (_batchesPerRowGroup == 1)
            {
                _writer!.WriteRecordBatch(batch);
            }
            else
            {
                // Buffered row groups take several batches; each group is started explicitly, every N batches.
                if (_batchesInGroup++ % _batchesPerRowGroup == 0)
                {
                    _writer!.NewBufferedRowGroup();
                }

                _writer!.WriteBufferedRecordBatch(batch);
            }

            RowsWritten += batch.Length;
        }
    }

    public void Close()
    {
        _writer?.Close();
        _writer?.Dispose();
        _writer = null;
        _encoder?.Close();
        _encoder = null;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _encoder?.Dispose();
    }

    private static readonly bool UseOwnEncoder = Environment.GetEnvironmentVariable("HARMONY_PARQUET_WRITER") != "arrow";


    // Columns that are (nearly) unique per row: a dictionary never pays off there, and building one first costs a
    // hash lookup per value before the writer falls back to plain encoding.
    private static readonly HashSet<string> UniqueColumns = new(StringComparer.Ordinal) { "variant_id", "record_index", "pos", "end_pos", "id", "ref" };

    // Columns that queries select ranges of: only these get min/max statistics and a page index. Computing them for
    // every column (genotype strings, allele lists, pseudonyms whose order means nothing) cost a tenth of an ingest's
    // CPU on a 2,504-sample file, and no reader can prune on them.
    private static readonly HashSet<string> RangeColumns = new(StringComparer.Ordinal) { "variant_id", "record_index", "chrom", "pos", "end_pos", "qual", "sample_index" };

    // Integers that (nearly) rise row by row: delta encoding stores the small differences (workload c's files shrank
    // from 15.8 to 11.1 MB, with less CPU than compressing 8-byte values). DuckDB, Spark 3.3+, Trino and Arrow read it.
    // sample_index rises within each record's calls and falls back once per record: on workload a's calls, delta
    // instead of a dictionary took the column from 2.5 to 0.9 MB and its encoding from 33 to 18 ms per 1.7 million rows.
    private static readonly HashSet<string> SortedIntegerColumns = new(StringComparer.Ordinal) { "variant_id", "record_index", "pos", "end_pos", "sample_index" };

    // Declared after the sets it names: static fields are initialised in order.
    private static readonly ParquetFileEncoder.Choices OwnEncoderChoices = new(SortedIntegerColumns, UniqueColumns, RangeColumns);

    private static WriterProperties Properties(Apache.Arrow.Schema schema)
    {
        var builder = new WriterPropertiesBuilder()
            .Compression(Compression.Zstd)
            .CompressionLevel(LakeCompression.ZstdLevel)
            .MaxRowGroupLength(1 << 20)
            .DisableStatistics()
            .DisableWritePageIndex()
            .CreatedBy("harmony");
        foreach (var field in schema.FieldsList)
        {
            if (UniqueColumns.Contains(field.Name))
            {
                builder.DisableDictionary(field.Name);
            }

            if (SortedIntegerColumns.Contains(field.Name))
            {
                // With a dictionary the encoding would only be the fallback once the dictionary grew too large.
                builder.DisableDictionary(field.Name).Encoding(field.Name, ParquetSharp.Encoding.DeltaBinaryPacked);
            }

            if (RangeColumns.Contains(field.Name))
            {
                builder.EnableStatistics(field.Name).EnableWritePageIndex(field.Name);
            }
        }

        return builder.Build();
    }

    private static bool SameColumns(Apache.Arrow.Schema a, Apache.Arrow.Schema b)
    {
        if (a.FieldsList.Count != b.FieldsList.Count)
        {
            return false;
        }

        for (var i = 0; i < a.FieldsList.Count; i++)
        {
            if (a.FieldsList[i].Name != b.FieldsList[i].Name)
            {
                return false;
            }
        }

        return true;
    }
}
