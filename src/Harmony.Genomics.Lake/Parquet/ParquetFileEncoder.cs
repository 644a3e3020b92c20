using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// Writes Arrow record batches as one Parquet file with the engine's own encoder: the lake's column shapes only
/// (booleans, 32/64-bit integers, doubles, strings, dictionary-encoded strings, and lists of the scalar ones), DataPage
/// v1 pages compressed with Zstd, one page per column per batch. Arrow's C++ writer spent about 35-55 ns per list
/// element on repetition and definition levels alone and was a fifth of an ingest's CPU; knowing the shapes, this
/// encoder writes runs of levels directly.
/// </summary>
/// <remarks>
/// Per column: integers named as rising get DELTA_BINARY_PACKED; strings and numbers a dictionary per column chunk
/// (falling back to PLAIN pages once the dictionary passes 1 MiB, as Arrow's writer does) unless named as unique;
/// booleans PLAIN. Min/max statistics only for the columns named, per row group (no page index: the lake's row groups are
/// one batch, so one page per column, whose statistics a page index would only repeat). The Arrow schema is stored under <c>ARROW:schema</c>, as
/// Arrow's writer stores it, so Arrow readers get the same types back (dictionary columns included); the schema's
/// metadata become the file's key-value metadata. A required list of required structs (<c>harmony convert</c>'s calls)
/// is written as Arrow's writer lays it out: a leaf column per struct field, one repetition and definition level deeper.
/// </remarks>
internal sealed class ParquetFileEncoder : IDisposable
{
    private const int DictionaryLimit = 1 << 20;

    private readonly FileStream _file;
    private readonly int _rowGroupBatches;
    private readonly Schema _schema;
    // Every leaf column, in schema order (a list of structs has one per struct field), and the top-level fields.
    private readonly ColumnEncoder[] _columns;
    private readonly TopField[] _fields;
    private readonly List<RowGroupFooter> _rowGroups = [];

    // The columns' working arrays, used only while one column's page is encoded, so shared by all of them (and by the
    // other files the thread writes): each column holding its own, a batch long, was about 30 MiB on workload c (tens
    // of columns, 64k- and 128k-row pages), every byte of it faulted in once (about 11 microseconds a 4 KiB page on
    // this project's VMs).
    private readonly EncoderWorkspace _workspace;
    private readonly bool _ownsWorkspace;
    private long _position;

    // The bytes before this offset were handed to the kernel's writeback (FileSync.StartWriteback).
    private long _writtenBack;
    private long _rowsInGroup;
    private int _batchesInGroup;
    private long _rows;
    private bool _closed;
    private bool _failed;

    /// <summary>The columns' encodings, chosen by name.</summary>
    /// <param name="Delta">Integer columns that (nearly) rise row by row.</param>
    /// <param name="NoDictionary">String columns (nearly) unique per row.</param>
    /// <param name="Statistics">Columns that get min/max statistics.</param>
    internal sealed record Choices(IReadOnlySet<string> Delta, IReadOnlySet<string> NoDictionary, IReadOnlySet<string> Statistics);

    /// <param name="path">The new file (refused if it exists).</param>
    /// <param name="schema">The batches' schema.</param>
    /// <param name="choices">The columns' encodings.</param>
    /// <param name="rowGroupBatches">Non-empty batches per row group (1: every batch is one); each batch is one page per column.</param>
    /// <param name="workspace">Working memory shared with the other encoders of the calling thread; the caller keeps it
    /// until this encoder is closed and disposes of it (null: the encoder makes and disposes of its own).</param>
    public ParquetFileEncoder(string path, Schema schema, Choices choices, int rowGroupBatches, EncoderWorkspace? workspace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupBatches, 1);
        _rowGroupBatches = rowGroupBatches;
        if (!Supports(schema))
        {
            throw new ArgumentException("the schema has columns the Parquet encoder does not write", nameof(schema));
        }

        _schema = schema;
        _ownsWorkspace = workspace is null;
        _workspace = workspace ?? new EncoderWorkspace();
        _fields = [.. schema.FieldsList.Select(field => StructOfList(field) is { } structType
            ? new TopField(field, null, [.. structType.Fields.Select(child => new ColumnEncoder(this, child, choices, parent: field.Name))])
            : new TopField(field, new ColumnEncoder(this, field, choices), []))];
        _columns = [.. _fields.SelectMany(top => top.Leaf is { } leaf ? [leaf] : top.Children)];
        // No FileStream buffer: nearly every write is a whole column chunk, and a buffer would be 1 MiB more fresh
        // memory per file for the few small writes (magic, dictionary pages, footer).
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        WriteRaw("PAR1"u8);
    }

    /// <summary>Whether every column has a shape this encoder writes (and a zstd library is there).</summary>
    public static bool Supports(Schema schema) =>
        Zstd.IsAvailable && schema.FieldsList.All(field => StructOfList(field) is { } structType
            ? structType.Fields.All(child => IsLeafOrListOfLeaves(child.DataType))
            : IsLeafOrListOfLeaves(field.DataType));

    private static bool IsLeafOrListOfLeaves(IArrowType type) => type switch
    {
        ListType list => LeafOf(list.ValueDataType) is not null,
        var leaf => LeafOf(leaf) is not null,
    };

    // The struct of a required list of required structs (convert's calls: list<struct>), whose fields are written as
    // leaf columns under it; null for any other field.
    private static StructType? StructOfList(Field field) =>
        field.DataType is ListType { ValueDataType: StructType structType } list && !field.IsNullable && !list.ValueField.IsNullable ? structType : null;

    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (batch.Length == 0)
        {
            return;
        }

        try
        {
            for (var c = 0; c < _fields.Length; c++)
            {
                if (_fields[c].Leaf is { } leaf)
                {
                    leaf.WritePage(batch.Column(c), batch.Length);
                    continue;
                }

                var list = (ListArray)batch.Column(c);
                var structs = (StructArray)list.Values;
                for (var k = 0; k < _fields[c].Children.Length; k++)
                {
                    _fields[c].Children[k].WriteNestedPage(structs.Fields[k], list, batch.Length);
                }
            }

            _rowsInGroup += batch.Length;
            _rows += batch.Length;
            if (++_batchesInGroup >= _rowGroupBatches)
            {
                FlushRowGroup();
                StartWriteback();
            }
        }
        catch
        {
            // Some columns may hold this batch's page and others not: no footer may ever describe that.
            _failed = true;
            throw;
        }
    }

    /// <summary>
    /// Writes the last row group and the footer and closes the file; after a failed <see cref="Write"/> it only closes
    /// it, without a footer, so no reader takes the file for a Parquet file.
    /// </summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        if (_failed)
        {
            Dispose();
            return;
        }

        FlushRowGroup();
        WriteFooter();
        StartWriteback();
        Dispose();
    }

    public void Dispose()
    {
        if (!_closed)
        {
            _file.Dispose();
            foreach (var column in _columns)
            {
                column.Release();
            }

            if (_ownsWorkspace)
            {
                _workspace.Dispose();
            }

            _closed = true;
        }
    }

    private static Leaf? LeafOf(IArrowType type) => type switch
    {
        BooleanType => Leaf.Boolean,
        Int32Type => Leaf.Int32,
        Int64Type => Leaf.Int64,
        DoubleType => Leaf.Double,
        StringType => Leaf.String,
        DictionaryType { IndexType: Int32Type, ValueType: StringType } => Leaf.String,
        _ => null,
    };

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _file.Write(bytes);
        _position += bytes.Length;
    }

    // The row groups written so far go to disk while the next are encoded: on workload a, the commit's flush of the two
    // calls parts took 12-15 ms each when all their bytes were still in memory.
    private void StartWriteback()
    {
        _file.Flush();
        FileSync.StartWriteback(_file.SafeFileHandle, _writtenBack, _position - _writtenBack);
        _writtenBack = _position;
    }

    private void FlushRowGroup()
    {
        if (_rowsInGroup == 0)
        {
            return;
        }

        var start = _position;
        var chunks = new ChunkFooter[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            chunks[c] = _columns[c].Flush();
        }

        _rowGroups.Add(new RowGroupFooter(chunks, _rowsInGroup, start, _position - start));
        _rowsInGroup = 0;
        _batchesInGroup = 0;
    }

    // Compresses the page body in the workspace's Body and appends header and compressed body to the chunk's pages.
    private void EmitPage(ByteSink pages, Action<ThriftCompactWriter, int, int> header, out int headerAndBody, out int uncompressed)
    {
        var body = _workspace.Body.Written;
        var compressed = _workspace.Compressed;
        compressed.Clear();
        var room = compressed.Reserve(Zstd.MaxCompressedLength(body.Length));
        var length = Zstd.Compress(_workspace.Zstd, body, room, LakeCompression.ZstdLevel);
        compressed.Advance(length);
        var pageHeader = _workspace.Header;
        pageHeader.Clear();
        var thrift = new ThriftCompactWriter(pageHeader);
        thrift.StructBegin();
        header(thrift, body.Length, length);
        thrift.StructEnd();
        pages.Write(pageHeader.Written);
        pages.Write(compressed.Written);
        headerAndBody = pageHeader.Length + length;
        uncompressed = pageHeader.Length + body.Length;
    }

    // The file metadata, its length and the closing magic, in one write.
    private void WriteFooter()
    {
        var output = new ByteSink(1 << 12);
        var t = new ThriftCompactWriter(output);
        t.StructBegin();
        t.FieldI32(1, 2); // version
        var elements = 1 + _fields.Sum(top => top.Leaf is { } leaf ? leaf.SchemaElements : 3 + top.Children.Sum(c => c.SchemaElements));
        t.FieldListBegin(2, ThriftCompactWriter.Struct, elements);
        t.StructBegin();
        t.FieldString(4, "schema");
        t.FieldI32(5, _fields.Length);
        t.StructEnd();
        foreach (var top in _fields)
        {
            if (top.Leaf is { } leaf)
            {
                leaf.WriteSchema(t);
                continue;
            }

            WriteListOfStructs(t, top.Field.Name, top.Children.Length);
            foreach (var child in top.Children)
            {
                child.WriteSchema(t);
            }
        }

        t.FieldI64(3, _rows);
        t.FieldListBegin(4, ThriftCompactWriter.Struct, _rowGroups.Count);
        for (var g = 0; g < _rowGroups.Count; g++)
        {
            var group = _rowGroups[g];
            t.StructBegin();
            t.FieldListBegin(1, ThriftCompactWriter.Struct, group.Chunks.Length);
            foreach (var chunk in group.Chunks)
            {
                chunk.Write(t);
            }

            t.FieldI64(2, group.Chunks.Sum(chunk => chunk.UncompressedSize));
            t.FieldI64(3, group.Rows);
            t.FieldI64(5, group.FileOffset);
            t.FieldI64(6, group.CompressedSize);
            t.FieldI16(7, (short)g);
            t.StructEnd();
        }

        var metadata = (_schema.Metadata ?? new Dictionary<string, string>()).Where(entry => entry.Key != ArrowSchemaKey).ToList();
        metadata.Add(new KeyValuePair<string, string>(ArrowSchemaKey, SerializedArrowSchema(_schema)));
        t.FieldListBegin(5, ThriftCompactWriter.Struct, metadata.Count);
        foreach (var (key, value) in metadata)
        {
            t.StructBegin();
            t.FieldString(1, key);
            t.FieldString(2, value);
            t.StructEnd();
        }

        t.FieldString(6, "harmony");
        t.FieldListBegin(7, ThriftCompactWriter.Struct, _columns.Length);
        foreach (var _ in _columns)
        {
            // ColumnOrder.TYPE_ORDER: min/max compare as the physical and logical type say (signed, UTF-8 bytes).
            t.StructBegin();
            t.FieldStructBegin(1);
            t.StructEnd();
            t.StructEnd();
        }

        t.StructEnd();
        var length = output.Length;
        output.WriteInt32(length);
        output.Write("PAR1"u8);
        WriteRaw(output.Written);
        output.Release();
    }

    private const string ArrowSchemaKey = "ARROW:schema";

    // A schema element's logicalType (field 10): the union member numbered kind, whose struct is empty (STRING, LIST).
    private static void WriteLogicalType(ThriftCompactWriter t, short kind)
    {
        t.FieldStructBegin(10);
        t.FieldStructBegin(kind);
        t.StructEnd();
        t.StructEnd();
    }

    // A LIST group and its repeated "list" group, above the "element" node, as Arrow's writer lays them out.
    private static void WriteListGroups(ThriftCompactWriter t, string name, bool nullable)
    {
        t.StructBegin();
        t.FieldI32(3, nullable ? Repetition.Optional : Repetition.Required);
        t.FieldString(4, name);
        t.FieldI32(5, 1);
        t.FieldI32(6, 3); // ConvertedType.LIST
        WriteLogicalType(t, 3); // LogicalType.LIST
        t.StructEnd();
        t.StructBegin();
        t.FieldI32(3, Repetition.Repeated);
        t.FieldString(4, "list");
        t.FieldI32(5, 1);
        t.StructEnd();
    }

    // The groups above a list of structs' leaf columns: the required list and the required "element" struct.
    private static void WriteListOfStructs(ThriftCompactWriter t, string name, int fields)
    {
        WriteListGroups(t, name, nullable: false);
        t.StructBegin();
        t.FieldI32(3, Repetition.Required);
        t.FieldString(4, "element");
        t.FieldI32(5, fields);
        t.StructEnd();
    }

    // A top-level field: one leaf column, or a list of structs with a leaf column per struct field.
    private sealed record TopField(Field Field, ColumnEncoder? Leaf, ColumnEncoder[] Children);

    // What Arrow's Parquet writer stores: the IPC schema message (continuation marker, length, flatbuffer), base64,
    // with the schema's metadata in it: Arrow's reader takes the schema metadata from this message, not from the
    // file's key-value pairs, so without it pyarrow and ParquetSharp would see no harmony.* keys.
    private static string SerializedArrowSchema(Schema schema)
    {
        var bare = new Schema(schema.FieldsList, schema.Metadata?.Where(entry => entry.Key != ArrowSchemaKey).ToDictionary());
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, bare, leaveOpen: true))
        {
            writer.WriteStartAsync().GetAwaiter().GetResult();
        }

        return Convert.ToBase64String(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private enum Leaf
    {
        Boolean,
        Int32,
        Int64,
        Double,
        String,
    }

    private sealed record RowGroupFooter(ChunkFooter[] Chunks, long Rows, long FileOffset, long CompressedSize);

    private sealed record ChunkFooter(
        int PhysicalType,
        int[] Encodings,
        string[] Path,
        long Values,
        long UncompressedSize,
        long CompressedSize,
        long DataPageOffset,
        long? DictionaryPageOffset,
        long? NullCount,
        byte[]? Min,
        byte[]? Max)
    {
        public void Write(ThriftCompactWriter t)
        {
            t.StructBegin();
            t.FieldI64(2, DictionaryPageOffset ?? DataPageOffset);
            t.FieldStructBegin(3);
            t.FieldI32(1, PhysicalType);
            t.FieldListBegin(2, ThriftCompactWriter.I32, Encodings.Length);
            foreach (var encoding in Encodings)
            {
                t.ListI32(encoding);
            }

            t.FieldListBegin(3, ThriftCompactWriter.Binary, Path.Length);
            foreach (var name in Path)
            {
                t.ListString(name);
            }

            t.FieldI32(4, Codec.Zstd);
            t.FieldI64(5, Values);
            t.FieldI64(6, UncompressedSize);
            t.FieldI64(7, CompressedSize);
            t.FieldI64(9, DataPageOffset);
            if (DictionaryPageOffset is { } dictionary)
            {
                t.FieldI64(11, dictionary);
            }

            if (NullCount is { } nulls)
            {
                t.FieldStructBegin(12);
                t.FieldI64(3, nulls);
                if (Max is not null && Min is not null)
                {
                    // The deprecated max/min (signed order) too where that order is the type's, as Arrow writes them:
                    // older readers know only those.
                    if (PhysicalType != ParquetFileEncoder.PhysicalType.ByteArray)
                    {
                        t.FieldBinary(1, Max);
                        t.FieldBinary(2, Min);
                    }

                    t.FieldBinary(5, Max);
                    t.FieldBinary(6, Min);
                }

                t.StructEnd();
            }

            t.StructEnd();
            t.StructEnd();
        }
    }

    // Parquet's enumerations (parquet.thrift), the values used here.
    private static class PhysicalType
    {
        public const int Boolean = 0;
        public const int Int32 = 1;
        public const int Int64 = 2;
        public const int Double = 5;
        public const int ByteArray = 6;
    }

    private static class Encoding
    {
        public const int Plain = 0;
        public const int Rle = 3;
        public const int DeltaBinaryPacked = 5;
        public const int RleDictionary = 8;
    }

    private static class Codec
    {
        public const int Zstd = 6;
    }

    private static class Repetition
    {
        public const int Required = 0;
        public const int Optional = 1;
        public const int Repeated = 2;
    }

    private const int DataPage = 0;
    private const int DictionaryPage = 2;

    /// <summary>One column: its pages for the current row group, its dictionary and statistics.</summary>
    private sealed class ColumnEncoder
    {
        private readonly ParquetFileEncoder _owner;
        private readonly Field _field;
        private readonly Leaf _leaf;
        private readonly bool _listNullable;
        private readonly bool _elementNullable;
        private readonly bool _delta;
        private readonly bool _statistics;
        private readonly StringDictionary? _strings;
        private readonly NumberDictionary? _numbers;
        // Starts small and grows with the column's pages (a few doublings, once per file): a small source's three files
        // have tens of columns each, and 64 KiB for each, zeroed and faulted in, was an eighth of a small file's ingest
        // (the demo's somatic VCF 68 -> 61 ms of CPU, native build; large files unchanged).
        private readonly ByteSink _pages = new(1 << 12);
        private readonly int _maxDefinition;
        private readonly int _maxRepetition;

        // The list of structs this column is a field of (null: a top-level column).
        private readonly string? _parent;
        private readonly EncoderWorkspace _workspace;
        private byte[]? _hidden;
        private int _pageEncoding;
        private bool _dictionaryFull;
        private int _dictionaryPages;
        private int _plainPages;
        private long _values;
        private long _uncompressed;
        private long _nulls;
        private bool _hasMinMax;
        private long _minInteger;
        private long _maxInteger;
        private double _minDouble;
        private double _maxDouble;
        private byte[]? _minString;
        private byte[]? _maxString;

        // The last batch dictionary mapped into the chunk's dictionary, and its map (entry + 1; 0: not yet used).
        private StringArray? _mappedDictionary;
        private int[] _dictionaryMap = [];

        public ColumnEncoder(ParquetFileEncoder owner, Field field, Choices choices, string? parent = null)
        {
            _owner = owner;
            _parent = parent;
            _workspace = owner._workspace;
            _field = field;
            IsList = field.DataType is ListType;
            var leafType = field.DataType is ListType list ? list.ValueDataType : field.DataType;
            _leaf = LeafOf(leafType)!.Value;
            if (IsList)
            {
                _listNullable = field.IsNullable;
                _elementNullable = ((ListType)field.DataType).ValueField.IsNullable;
                _maxDefinition = (_listNullable ? 1 : 0) + 1 + (_elementNullable ? 1 : 0);
            }
            else
            {
                _elementNullable = field.IsNullable;
                _maxDefinition = field.IsNullable ? 1 : 0;
            }

            // A field of a list of structs sits one repeated level deeper: the enclosing list's entry.
            var nested = parent is null ? 0 : 1;
            _maxDefinition += nested;
            _maxRepetition = nested + (IsList ? 1 : 0);

            _delta = _leaf is Leaf.Int32 or Leaf.Int64 && choices.Delta.Contains(field.Name);
            _statistics = _leaf is not Leaf.Boolean && parent is null && choices.Statistics.Contains(field.Name);
            var dictionary = !_delta && _leaf != Leaf.Boolean && !choices.NoDictionary.Contains(field.Name);
            if (dictionary && _leaf == Leaf.String)
            {
                _strings = new StringDictionary();
            }
            else if (dictionary)
            {
                _numbers = new NumberDictionary();
            }
        }

        public bool IsList { get; }

        /// <summary>The schema elements <see cref="WriteSchema"/> writes.</summary>
        public int SchemaElements => IsList ? 3 : 1;

        private int Physical => _leaf switch
        {
            Leaf.Boolean => PhysicalType.Boolean,
            Leaf.Int32 => PhysicalType.Int32,
            Leaf.Int64 => PhysicalType.Int64,
            Leaf.Double => PhysicalType.Double,
            _ => PhysicalType.ByteArray,
        };

        private bool Dictionary => (_strings is not null || _numbers is not null) && !_dictionaryFull;

        public void WriteSchema(ThriftCompactWriter t)
        {
            if (IsList)
            {
                WriteListGroups(t, _field.Name, _listNullable);
            }

            t.StructBegin();
            t.FieldI32(1, Physical);
            t.FieldI32(3, _elementNullable ? Repetition.Optional : Repetition.Required);
            t.FieldString(4, IsList ? "element" : _field.Name);
            if (_leaf == Leaf.String)
            {
                t.FieldI32(6, 0); // ConvertedType.UTF8
                WriteLogicalType(t, 1); // LogicalType.STRING
            }

            t.StructEnd();
        }

        /// <summary>Encodes one batch's column as one data page.</summary>
        public void WritePage(IArrowArray array, int rows)
        {
            var body = _workspace.Body;
            body.Clear();
            _hidden = null;
            IArrowArray leaf;
            int start;
            int end;
            int levels;
            if (IsList)
            {
                var list = (ListArray)array;
                var offsets = list.ValueOffsets;
                leaf = list.Values;
                start = offsets[0];
                end = offsets[rows];
                var width = HybridEncoder.BitWidth((ulong)_maxDefinition);
                if (rows > 0 && list.Length == rows && list.NullCount == rows && end == start)
                {
                    // Every list null, and no elements behind them (a FORMAT list field no call of the batch has): a run
                    // of (0, 0) level pairs, one per row.
                    levels = rows;
                    WriteLevelRun(body, 0, rows, 1);
                    WriteLevelRun(body, 0, rows, width);
                }
                else
                {
                    levels = ListLevels(list, rows, start, out var everyElementValued);
                    WriteLevels(body, _workspace.Repetition.AsSpan(0, levels), 1);
                    if (everyElementValued)
                    {
                        WriteLevelRun(body, (byte)_maxDefinition, levels, width);
                    }
                    else
                    {
                        WriteLevels(body, _workspace.Definition.AsSpan(0, levels), width);
                    }
                }
            }
            else
            {
                leaf = array;
                start = 0;
                end = rows;
                levels = rows;
                if (_maxDefinition > 0)
                {
                    if (array.NullCount == 0)
                    {
                        WriteLevelRun(body, 1, rows, 1);
                    }
                    else if (array.NullCount == rows && array.Length == rows)
                    {
                        WriteLevelRun(body, 0, rows, 1);
                    }
                    else
                    {
                        EnsureLength(ref _workspace.Definition, rows);
                        var validity = Validity(array);
                        for (var i = 0; i < rows; i++)
                        {
                            _workspace.Definition[i] = IsValid(validity, array.Offset + i) ? (byte)1 : (byte)0;
                        }

                        WriteLevels(body, _workspace.Definition.AsSpan(0, rows), 1);
                    }
                }
            }

            FinishPage(body, leaf, start, end, levels);
        }

        /// <summary>
        /// Encodes one batch of a list of structs' field as one data page: per row of the batch, one level pair for an
        /// empty list, else the field's levels for each of its structs, one deeper.
        /// </summary>
        /// <param name="child">The field's array: one entry per struct of every row.</param>
        /// <param name="outer">The list of structs, whose offsets say which structs each row holds.</param>
        /// <param name="rows">The batch's rows.</param>
        public void WriteNestedPage(IArrowArray child, ListArray outer, int rows)
        {
            var body = _workspace.Body;
            body.Clear();
            _hidden = null;
            var structs = outer.ValueOffsets;
            var first = structs[0];
            var last = structs[rows];
            var list = child as ListArray;
            var offsets = list is null ? default : list.ValueOffsets;
            var leaf = list?.Values ?? child;
            var (start, end) = list is null ? (first, last) : (offsets[first], offsets[last]);

            // At most a level pair per empty row, per struct and per list element.
            var capacity = rows + (last - first) + (list is null ? 0 : end - start);
            EnsureLength(ref _workspace.Repetition, capacity);
            EnsureLength(ref _workspace.Definition, capacity);
            var repetition = _workspace.Repetition;
            var definition = _workspace.Definition;
            var fieldValidity = Validity(child);
            var elementValidity = Validity(leaf);

            // Definition levels: 1 is a struct whose field is null, listLevel a list field that is empty, present an
            // element slot, valued a value.
            var listLevel = (byte)(1 + (_listNullable ? 1 : 0));
            var present = (byte)(list is null ? 1 : listLevel + 1);
            var valued = (byte)(present + (_elementNullable ? 1 : 0));
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                if (structs[r] == structs[r + 1])
                {
                    (repetition[n], definition[n++]) = (0, 0);
                    continue;
                }

                for (var c = structs[r]; c < structs[r + 1]; c++)
                {
                    var level = (byte)(c == structs[r] ? 0 : 1);
                    if (list is null)
                    {
                        (repetition[n], definition[n++]) = (level, IsValid(fieldValidity, child.Offset + c) ? valued : (byte)1);
                        continue;
                    }

                    var (from, to) = (offsets[c], offsets[c + 1]);
                    var valid = IsValid(fieldValidity, list.Offset + c);
                    if (!valid || from == to)
                    {
                        (repetition[n], definition[n++]) = (level, valid ? listLevel : (byte)1);
                        if (to > from)
                        {
                            HideElements(leaf, from, to);
                        }

                        continue;
                    }

                    for (var e = from; e < to; e++)
                    {
                        repetition[n] = e == from ? level : (byte)2;
                        definition[n++] = IsValid(elementValidity, leaf.Offset + e) ? valued : present;
                    }
                }
            }

            WriteLevels(body, _workspace.Repetition.AsSpan(0, n), HybridEncoder.BitWidth((ulong)_maxRepetition));
            WriteLevels(body, _workspace.Definition.AsSpan(0, n), HybridEncoder.BitWidth((ulong)_maxDefinition));
            FinishPage(body, leaf, start, end, n);
        }

        // The page's values after its levels, then the page itself, compressed, onto the chunk's pages.
        private void FinishPage(ByteSink body, IArrowArray leaf, int start, int end, int levels)
        {
            var written = _leaf switch
            {
                Leaf.Boolean => WriteBooleans(body, (BooleanArray)leaf, start, end),
                Leaf.String => WriteStrings(body, leaf, start, end),
                _ => WriteNumbers(body, leaf, start, end),
            };
            _nulls += levels - written;
            _values += levels;
            var encoding = _pageEncoding;
            _owner.EmitPage(_pages, (t, uncompressed, compressed) =>
            {
                t.FieldI32(1, DataPage);
                t.FieldI32(2, uncompressed);
                t.FieldI32(3, compressed);
                t.FieldStructBegin(5);
                t.FieldI32(1, levels);
                t.FieldI32(2, encoding);
                t.FieldI32(3, Encoding.Rle);
                t.FieldI32(4, Encoding.Rle);
                t.StructEnd();
            }, out _, out var uncompressedSize);
            _uncompressed += uncompressedSize;
            if (_pageEncoding == Encoding.RleDictionary)
            {
                _dictionaryPages++;
                _dictionaryFull = (_strings?.PlainSize ?? (_numbers!.Count * (long)ValueWidth)) > DictionaryLimit;
            }
            else if (_pageEncoding == Encoding.Plain)
            {
                _plainPages++;
            }
        }

        private int ValueWidth => _leaf == Leaf.Int32 ? 4 : 8;

        private static ReadOnlySpan<byte> Validity(IArrowArray array) =>
            array.NullCount == 0 ? default : ((Apache.Arrow.Array)array).NullBitmapBuffer.Span;

        // An empty bitmap means no nulls; positions are absolute (the array's offset added).
        private static bool IsValid(ReadOnlySpan<byte> validity, int at) => validity.IsEmpty || Bit(validity, at) != 0;

        // Bit at of an Arrow bitmap (LSB first), as 0 or 1, so that loops can count with it instead of branching.
        private static int Bit(ReadOnlySpan<byte> bitmap, int at) => (bitmap[at >> 3] >> (at & 7)) & 1;

        // Levels of a list column: (0, 0) a null list, (0, list) an empty one, then per element its position (0 first,
        // 1 after) and whether it is null. Returns the number of level pairs; everyElementValued: whether every
        // definition level is the highest (no null or empty list, no null element), which the caller writes as one run
        // without the definitions being filled in.
        private int ListLevels(ListArray list, int rows, int start, out bool everyElementValued)
        {
            var offsets = list.ValueOffsets;
            var count = offsets[rows] - start + rows; // at most one pair per element, or one per empty/null list
            EnsureLength(ref _workspace.Repetition, count);
            EnsureLength(ref _workspace.Definition, count);
            var child = list.Values;
            var childValidity = Validity(child);
            var childOffset = child.Offset;
            var listValidity = Validity(list);
            var listLevel = (byte)(_listNullable ? 1 : 0);
            var present = (byte)(listLevel + 1);
            var valued = (byte)(present + (_elementNullable ? 1 : 0));
            var repetition = _workspace.Repetition;
            var definition = _workspace.Definition;
            var everyListValued = rows > 0 && listValidity.IsEmpty && EveryListStartsOne(offsets[..(rows + 1)], start, repetition);
            everyElementValued = everyListValued && childValidity.IsEmpty;
            if (everyElementValued)
            {
                return offsets[rows] - start;
            }

            if (everyListValued)
            {
                // No null or empty list, so the repetition levels are done and one pair per element follows its validity
                // bit alone: a cohort's gt_alleles, where a few './.' calls hold null alleles (workload a).
                var elements = offsets[rows] - start;
                var step = valued - present;
                for (var e = 0; e < elements; e++)
                {
                    definition[e] = (byte)(present + (Bit(childValidity, childOffset + start + e) * step));
                }

                return elements;
            }

            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                var from = offsets[r];
                var to = offsets[r + 1];
                var valid = IsValid(listValidity, list.Offset + r);
                if (to == from || !valid)
                {
                    repetition[n] = 0;
                    definition[n++] = valid ? listLevel : (byte)0;
                    if (to > from)
                    {
                        HideElements(child, from, to);
                    }

                    continue;
                }

                repetition[n] = 0;
                definition[n++] = IsValid(childValidity, childOffset + from) ? valued : present;
                for (var e = from + 1; e < to; e++)
                {
                    repetition[n] = 1;
                    definition[n++] = IsValid(childValidity, childOffset + e) ? valued : present;
                }
            }

            return n;
        }

        // Arrow lets a null list span child elements (its offsets need not be equal); they are no values of the column,
        // so the leaf writers see them as null, through a copy of the child's validity with their bits cleared.
        private void HideElements(IArrowArray child, int from, int to)
        {
            if (_hidden is null)
            {
                _hidden = new byte[(child.Offset + child.Length + 7) / 8];
                var validity = Validity(child);
                if (validity.IsEmpty)
                {
                    _hidden.AsSpan().Fill(0xFF);
                }
                else
                {
                    validity[..Math.Min(validity.Length, _hidden.Length)].CopyTo(_hidden);
                }
            }

            for (var e = child.Offset + from; e < child.Offset + to; e++)
            {
                _hidden[e >> 3] &= (byte)~(1 << (e & 7));
            }
        }

        // With no null or empty list: the repetition levels, 1 but for a 0 at each list's first element; false (levels
        // left unfinished) at the first empty list.
        private static bool EveryListStartsOne(ReadOnlySpan<int> offsets, int start, byte[] repetition)
        {
            repetition.AsSpan(0, offsets[^1] - start).Fill(1);
            for (var r = 0; r + 1 < offsets.Length; r++)
            {
                if (offsets[r + 1] == offsets[r])
                {
                    return false;
                }

                repetition[offsets[r] - start] = 0;
            }

            return true;
        }

        // The validity the leaf writers follow: the leaf's own, less any elements of null lists.
        private ReadOnlySpan<byte> LeafValidity(IArrowArray leaf) => _hidden is null ? Validity(leaf) : _hidden;

        private static void WriteLevels(ByteSink body, ReadOnlySpan<byte> levels, int bitWidth)
        {
            var at = body.Length;
            body.WriteInt32(0);
            HybridEncoder.Encode(levels, bitWidth, body);
            body.PatchInt32(at, body.Length - at - 4);
        }

        private static void WriteLevelRun(ByteSink body, byte level, int count, int bitWidth)
        {
            var at = body.Length;
            body.WriteInt32(0);
            HybridEncoder.Run(level, count, bitWidth, body);
            body.PatchInt32(at, body.Length - at - 4);
        }

        private int WriteBooleans(ByteSink body, BooleanArray array, int start, int end)
        {
            _pageEncoding = Encoding.Plain;
            var validity = LeafValidity(array);
            var first = array.Offset + start;
            if (validity.IsEmpty && first % 8 == 0)
            {
                // Arrow's value bitmap is PLAIN's bit packing already (LSB first); bits past the end are not read.
                body.Write(array.ValueBuffer.Span.Slice(first / 8, (end - start + 7) / 8));
                return end - start;
            }

            EnsureLength(ref _workspace.Booleans, end - start);
            var bits = array.ValueBuffer.Span;
            var booleans = _workspace.Booleans;
            var n = 0;
            for (var i = start; i < end; i++)
            {
                // Bit by bit from Arrow's bitmaps: BooleanArray.GetValue returns a nullable per value.
                var at = array.Offset + i;
                booleans[n] = (byte)Bit(bits, at);
                n += validity.IsEmpty ? 1 : Bit(validity, at);
            }

            HybridEncoder.Pack<byte>(_workspace.Booleans.AsSpan(0, n), n, 1, body);
            return n;
        }

        // Integers and doubles (by their bits): the valid values gathered as 64-bit words, then encoded.
        private int WriteNumbers(ByteSink body, IArrowArray leaf, int start, int end)
        {
            EnsureLength(ref _workspace.Longs, end - start);
            var validity = LeafValidity(leaf);
            var offset = leaf.Offset;
            var gathered = _workspace.Longs;
            var n = 0;
            if (_hidden is null && leaf.NullCount == leaf.Length)
            {
                // Every value null (a FORMAT field no call of the batch has): nothing to gather.
            }
            else if (validity.IsEmpty)
            {
                n = end - start;
                var target = gathered.AsSpan(0, n);
                switch (_leaf)
                {
                    case Leaf.Int32:
                        Widening.ToInt64(((Int32Array)leaf).Values[start..end], target);
                        break;
                    case Leaf.Int64:
                        ((Int64Array)leaf).Values[start..end].CopyTo(target);
                        break;
                    default:
                        MemoryMarshal.Cast<double, long>(((DoubleArray)leaf).Values[start..end]).CopyTo(target);
                        break;
                }
            }
            else
            {
                n = _leaf switch
                {
                    Leaf.Int32 => GatherValid(((Int32Array)leaf).Values, validity, offset, start, end, gathered),
                    Leaf.Int64 => GatherValid(((Int64Array)leaf).Values, validity, offset, start, end, gathered),
                    _ => GatherValid(MemoryMarshal.Cast<double, long>(((DoubleArray)leaf).Values), validity, offset, start, end, gathered),
                };
            }

            var values = gathered.AsSpan(0, n);
            if (_statistics)
            {
                UpdateNumberStatistics(values);
            }

            if (_delta)
            {
                DeltaBinaryPackedEncoder.Encode(values, body, int32: _leaf == Leaf.Int32);
                _pageEncoding = Encoding.DeltaBinaryPacked;
            }
            else if (Dictionary)
            {
                EnsureLength(ref _workspace.Indexes, n);
                var dictionary = _numbers!;
                var indexes = _workspace.Indexes.AsSpan(0, n);
                var index = 0;
                var previous = 0L;
                for (var i = 0; i < indexes.Length; i++)
                {
                    // A small value already met (an allele index, a ploidy, a depth) is one load, with no branch that
                    // alternating values (0|1 then 1|0) mispredict; runs of one other value (a constant INFO field)
                    // skip the lookup.
                    var value = values[i];
                    if (dictionary.TryGetSmall(value, out var small))
                    {
                        indexes[i] = small;
                        continue;
                    }

                    if (i == 0 || value != previous)
                    {
                        index = dictionary.GetOrAdd(value);
                        previous = value;
                    }

                    indexes[i] = index;
                }

                WriteIndexes(body, indexes, dictionary.Count);
            }
            else
            {
                WritePlain(body, values);
                _pageEncoding = Encoding.Plain;
            }

            return n;
        }

        // The values at [start, end) whose validity bit is set, widened to 64 bits (a double's bits as they are). Bit by
        // bit up to a byte of the bitmap, then eight rows a byte: all valid (the usual byte) copied without a look at
        // each bit, none valid skipped.
        private static int GatherValid<T>(ReadOnlySpan<T> source, ReadOnlySpan<byte> validity, int offset, int start, int end, long[] gathered)
            where T : unmanaged, IBinaryInteger<T>
        {
            var n = 0;
            var i = start;
            for (; i < end && ((offset + i) & 7) != 0; i++)
            {
                gathered[n] = long.CreateTruncating(source[i]);
                n += Bit(validity, offset + i);
            }

            for (; i + 8 <= end; i += 8)
            {
                var bits = validity[(offset + i) >> 3];
                if (bits == 0xFF)
                {
                    var values = source.Slice(i, 8);
                    var into = gathered.AsSpan(n, 8);
                    for (var k = 0; k < 8; k++)
                    {
                        into[k] = long.CreateTruncating(values[k]);
                    }

                    n += 8;
                }
                else if (bits != 0)
                {
                    for (var k = 0; k < 8; k++)
                    {
                        gathered[n] = long.CreateTruncating(source[i + k]);
                        n += (bits >> k) & 1;
                    }
                }
            }

            for (; i < end; i++)
            {
                gathered[n] = long.CreateTruncating(source[i]);
                n += Bit(validity, offset + i);
            }

            return n;
        }

        private void WritePlain(ByteSink body, ReadOnlySpan<long> values)
        {
            if (_leaf == Leaf.Int32)
            {
                var room = MemoryMarshal.Cast<byte, int>(body.Reserve(values.Length * 4));
                for (var i = 0; i < values.Length; i++)
                {
                    room[i] = (int)values[i];
                }

                body.Advance(values.Length * 4);
            }
            else
            {
                body.WriteValues(values);
            }
        }

        private void WriteIndexes(ByteSink body, ReadOnlySpan<int> indexes, int entries)
        {
            var width = Math.Max(1, HybridEncoder.BitWidth((ulong)Math.Max(0, entries - 1)));
            body.WriteByte((byte)width);
            HybridEncoder.Encode(indexes, width, body);
            _pageEncoding = Encoding.RleDictionary;
        }

        private void UpdateNumberStatistics(ReadOnlySpan<long> values)
        {
            if (_leaf == Leaf.Double)
            {
                foreach (var bits in values)
                {
                    var value = BitConverter.Int64BitsToDouble(bits);
                    if (!double.IsNaN(value))
                    {
                        (_minDouble, _maxDouble) = _hasMinMax ? (Math.Min(_minDouble, value), Math.Max(_maxDouble, value)) : (value, value);
                        _hasMinMax = true;
                    }
                }

                return;
            }

            if (values.IsEmpty)
            {
                return;
            }

            var (min, max) = Extremes.Of(values);
            (_minInteger, _maxInteger, _hasMinMax) = _hasMinMax ? (Math.Min(min, _minInteger), Math.Max(max, _maxInteger), true) : (min, max, true);
        }

        private int WriteStrings(ByteSink body, IArrowArray leaf, int start, int end)
        {
            var dictionaryArray = leaf as DictionaryArray;
            var strings = (StringArray)(dictionaryArray?.Dictionary ?? leaf);
            var offsets = strings.ValueOffsets;
            var data = strings.Values;
            var validity = LeafValidity(leaf);
            var offset = leaf.Offset;
            var indices = dictionaryArray is null ? default : ((Int32Array)dictionaryArray.Indices).Values;
            EnsureLength(ref _workspace.Indexes, end - start);
            var n = 0;
            if (Dictionary)
            {
                var dictionary = _strings!;
                if (dictionaryArray is not null)
                {
                    // Each batch's own dictionary mapped into the chunk's, entry by entry as rows use them (an entry
                    // no row uses stays out of the dictionary page and the statistics). Batches that share their
                    // dictionary (the calls' sample names) share the map too, until the chunk's dictionary restarts.
                    if (!ReferenceEquals(strings, _mappedDictionary))
                    {
                        _mappedDictionary = strings;
                        _dictionaryMap = new int[strings.Length];
                    }

                    var map = _dictionaryMap.AsSpan();
                    var rowIndexes = _workspace.Indexes.AsSpan(0, end - start);
                    var allValid = validity.IsEmpty;
                    for (var i = start; i < end; i++)
                    {
                        if (allValid || Bit(validity, offset + i) != 0)
                        {
                            var k = indices[i];
                            if (map[k] == 0)
                            {
                                map[k] = dictionary.GetOrAdd(data[offsets[k]..offsets[k + 1]]) + 1;
                            }

                            rowIndexes[n++] = map[k] - 1;
                        }
                    }
                }
                else
                {
                    // Neighbouring rows often repeat a value (a chromosome, a file name): compare with the last first.
                    // The last value is kept as a span and the workspace as a local span, so that the loop holds them
                    // in registers rather than reloading and re-slicing them per row (issue #3).
                    var rowIndexes = _workspace.Indexes.AsSpan(0, end - start);
                    var allValid = validity.IsEmpty;
                    var last = -1;
                    ReadOnlySpan<byte> lastValue = default;
                    for (var i = start; i < end; i++)
                    {
                        if (!allValid && Bit(validity, offset + i) == 0)
                        {
                            continue;
                        }

                        var from = offsets[i];
                        var value = data.Slice(from, offsets[i + 1] - from);
                        if (last < 0 || !ShortSpans.EqualBytes(value, lastValue))
                        {
                            last = dictionary.GetOrAdd(value);
                            lastValue = value;
                        }

                        rowIndexes[n++] = last;
                    }
                }

                WriteIndexes(body, _workspace.Indexes.AsSpan(0, n), dictionary.Count);
                return n;
            }

            for (var i = start; i < end; i++)
            {
                if (IsValid(validity, offset + i))
                {
                    var k = dictionaryArray is null ? i : indices[i];
                    var value = data[offsets[k]..offsets[k + 1]];
                    body.WriteLengthPrefixed(value);
                    if (_statistics)
                    {
                        UpdateStringStatistics(value);
                    }

                    n++;
                }
            }

            _pageEncoding = Encoding.Plain;
            return n;
        }

        private void UpdateStringStatistics(ReadOnlySpan<byte> value)
        {
            if (_minString is null || value.SequenceCompareTo(_minString) < 0)
            {
                _minString = value.ToArray();
            }

            if (_maxString is null || value.SequenceCompareTo(_maxString) > 0)
            {
                _maxString = value.ToArray();
            }
        }

        /// <summary>Writes the chunk (dictionary page first) to the file and starts the next row group's.</summary>
        public ChunkFooter Flush()
        {
            long? dictionaryOffset = null;
            var uncompressed = _uncompressed;
            long compressed = _pages.Length;
            if (_dictionaryPages > 0)
            {
                dictionaryOffset = _owner._position;
                var body = _workspace.Body;
                body.Clear();
                int entries;
                if (_strings is not null)
                {
                    _strings.WritePlain(body);
                    entries = _strings.Count;
                    if (_statistics)
                    {
                        // Every entry is some dictionary page's value: the entries' extremes are the pages'.
                        for (var e = 0; e < entries; e++)
                        {
                            UpdateStringStatistics(_strings[e]);
                        }
                    }
                }
                else
                {
                    WritePlain(body, _numbers!.Values);
                    entries = _numbers.Count;
                }

                var dictionaryPage = _workspace.DictionaryPage;
                dictionaryPage.Clear();
                _owner.EmitPage(dictionaryPage, (t, u, c) =>
                {
                    t.FieldI32(1, DictionaryPage);
                    t.FieldI32(2, u);
                    t.FieldI32(3, c);
                    t.FieldStructBegin(7);
                    t.FieldI32(1, entries);
                    t.FieldI32(2, Encoding.Plain);
                    t.StructEnd();
                }, out var written, out var dictionaryUncompressed);
                _owner.WriteRaw(dictionaryPage.Written);
                uncompressed += dictionaryUncompressed;
                compressed += written;
            }

            var dataOffset = _owner._position;
            _owner.WriteRaw(_pages.Written);
            var encodings = new List<int>();
            if (_plainPages > 0 || _dictionaryPages > 0)
            {
                encodings.Add(Encoding.Plain);
            }

            encodings.Add(Encoding.Rle);
            if (_dictionaryPages > 0)
            {
                encodings.Add(Encoding.RleDictionary);
            }

            if (_delta)
            {
                encodings.Add(Encoding.DeltaBinaryPacked);
            }

            var (min, max) = _hasMinMax || _minString is not null ? Statistic() : (null, null);
            var footer = new ChunkFooter(
                Physical,
                [.. encodings],
                [.. _parent is null ? [] : new[] { _parent, "list", "element" }, .. IsList ? new[] { _field.Name, "list", "element" } : [_field.Name]],
                _values,
                uncompressed,
                compressed,
                dataOffset,
                dictionaryOffset,
                _statistics ? _nulls : null,
                min,
                max);
            _pages.Clear();
            _strings?.Clear();
            _mappedDictionary = null;
            _numbers?.Clear();
            _dictionaryFull = false;
            (_dictionaryPages, _plainPages, _values, _uncompressed, _nulls) = (0, 0, 0, 0, 0);
            (_hasMinMax, _minString, _maxString) = (false, null, null);
            return footer;
        }

        /// <summary>Returns the page buffer to the pool (the file is closed).</summary>
        public void Release() => _pages.Release();

        private (byte[] Min, byte[] Max) Statistic() => _leaf switch
        {
            Leaf.Int32 => (BitConverter.GetBytes((int)_minInteger), BitConverter.GetBytes((int)_maxInteger)),
            Leaf.Int64 => (BitConverter.GetBytes(_minInteger), BitConverter.GetBytes(_maxInteger)),
            // parquet.thrift (ColumnOrder): a zero minimum is written as -0.0 and a zero maximum as +0.0, whichever
            // zeros the values hold, so a reader pruning with either zero keeps the row group (as Arrow's writer does).
            Leaf.Double => (BitConverter.GetBytes(_minDouble == 0 ? -0.0 : _minDouble), BitConverter.GetBytes(_maxDouble == 0 ? 0.0 : _maxDouble)),
            _ => (_minString!, _maxString!),
        };

        private static void EnsureLength<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new T[Math.Max(length, buffer.Length * 2)];
            }
        }
    }
}
