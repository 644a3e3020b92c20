using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// The fixed columns of the <c>variants</c> table (<c>variant_id</c> to <c>filters</c>), built straight into raw
/// buffers, one row per record, as <see cref="GenotypeColumns"/> builds the calls' fixed columns.
/// </summary>
/// <remarks>
/// Every record fills every one of these columns, so they need none of <see cref="ColumnBuilder"/>'s generality (pending
/// nulls, a validity bitmap started at the first null, a type switch): as eleven column builders, reached through three
/// objects each, they were the largest single method of the pivot on a one-sample file (issue #3: 7% of workload c's
/// CPU). <c>source_file</c>, the same on every row, is written once per batch, when the batch is built. The arrays
/// built hold what the column builders built, value for value and null for null.
/// </remarks>
internal sealed class VariantColumns
{
    private static readonly ListType StringList = new(new Field("element", StringType.Default, true));

    private readonly byte[] _sourceFile;
    private readonly ValueBuffer<long> _variantIds = new();
    private readonly ValueBuffer<long> _recordIndexes = new();
    private readonly ValueBuffer<long> _positions = new();
    private readonly ValueBuffer<long> _ends = new();
    private readonly Texts _chroms = new();
    private readonly Texts _ids = new();
    private readonly ValidityBuffer _idValid = new();
    private readonly Texts _refs = new();
    private readonly ValueBuffer<int> _altStarts = new();
    private readonly Texts _alts = new();
    private readonly ValueBuffer<double> _quals = new();
    private readonly ValidityBuffer _qualValid = new();
    private readonly ValueBuffer<int> _filterStarts = new();
    private readonly ValidityBuffer _filterValid = new();
    private readonly Texts _filters = new();

    // source_file's buffers, filled when a batch is built.
    private readonly ValueBuffer<int> _sourceStarts = new();
    private readonly ValueBuffer<byte> _sourceBytes = new();

    // The ranges of one text column over a run (AppendRun).
    private ByteRange[] _ranges = [];

    /// <param name="sourceFile">The <c>source_file</c> of every row, as UTF-8.</param>
    public VariantColumns(byte[] sourceFile) => _sourceFile = sourceFile;

    /// <summary>The columns, in the table's order.</summary>
    public static IReadOnlyList<Field> Fields { get; } =
    [
        new Field("variant_id", Int64Type.Default, false),
        new Field("source_file", StringType.Default, false),
        new Field("record_index", Int64Type.Default, false),
        new Field("chrom", StringType.Default, false),
        new Field("pos", Int64Type.Default, false),
        new Field("end_pos", Int64Type.Default, false),
        new Field("id", StringType.Default, true),
        new Field("ref", StringType.Default, false),
        new Field("alts", StringList, false),
        new Field("qual", DoubleType.Default, true),
        new Field("filters", StringList, true),
    ];

    public int Rows => _variantIds.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(VcfRecord record, long variantId)
    {
        _variantIds.Add(variantId);
        _recordIndexes.Add(record.RecordIndex);
        _chroms.Add(record.Bytes(record.Chromosome));
        _positions.Add(record.Position);
        _ends.Add(record.EndPosition);
        var id = record.Id;
        _ids.Add(record.Bytes(id));
        _idValid.Add(!id.IsMissing);
        _refs.Add(record.Bytes(record.Reference));

        // The record's lists, not its IReadOnlyList views: no enumerator is boxed per record.
        _altStarts.Add(_alts.Count);
        foreach (var alt in record.AltRanges)
        {
            _alts.Add(record.Bytes(alt));
        }

        var quality = record.Quality;
        _quals.Add(quality.GetValueOrDefault());
        _qualValid.Add(quality.HasValue);
        _filterStarts.Add(_filters.Count);
        _filterValid.Add(!record.FilterMissing);
        foreach (var filter in record.FilterRanges)
        {
            _filters.Add(record.Bytes(filter));
        }
    }

    /// <summary>
    /// Appends the rows of consecutive records, what <see cref="Append"/> of each in turn gives, a column at a time: each
    /// fixed-width buffer grown once for the run and filled in one loop, the validity bits gathered in words, where
    /// appending a record's row touched fifteen buffers and their checks in turn (issue #3, one-sample files).
    /// </summary>
    public void AppendRun(ReadOnlySpan<VcfRecord> records, ReadOnlySpan<long> variantIds)
    {
        var n = records.Length;
        _variantIds.Append(variantIds);
        var indexes = _recordIndexes.Extend(n);
        var positions = _positions.Extend(n);
        var ends = _ends.Extend(n);
        var quals = _quals.Extend(n);
        var qualBits = new BitWords(_qualValid);
        for (var r = 0; r < n; r++)
        {
            var record = records[r];
            indexes[r] = record.RecordIndex;
            positions[r] = record.Position;
            ends[r] = record.EndPosition;
            var quality = record.Quality;
            quals[r] = quality.GetValueOrDefault();
            qualBits.Add(quality.HasValue);
        }

        qualBits.Finish();
        var ranges = Ranges(n);
        for (var r = 0; r < n; r++)
        {
            ranges[r] = records[r].Chromosome;
        }

        _chroms.AddRun(records, ranges);
        var idBits = new BitWords(_idValid);
        for (var r = 0; r < n; r++)
        {
            ranges[r] = records[r].Id;
            idBits.Add(!ranges[r].IsMissing);
        }

        idBits.Finish();
        _ids.AddRun(records, ranges);
        for (var r = 0; r < n; r++)
        {
            ranges[r] = records[r].Reference;
        }

        _refs.AddRun(records, ranges);

        var altStarts = _altStarts.Extend(n);
        for (var r = 0; r < n; r++)
        {
            var record = records[r];
            altStarts[r] = _alts.Count;
            foreach (var alt in record.AltRanges)
            {
                _alts.Add(record.Bytes(alt));
            }
        }

        var filterStarts = _filterStarts.Extend(n);
        var filterBits = new BitWords(_filterValid);
        for (var r = 0; r < n; r++)
        {
            var record = records[r];
            filterStarts[r] = _filters.Count;
            filterBits.Add(!record.FilterMissing);
            foreach (var filter in record.FilterRanges)
            {
                _filters.Add(record.Bytes(filter));
            }
        }

        filterBits.Finish();
    }

    /// <summary>Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of another
    /// instance (a decoder worker's fragment) in block copies.</summary>
    public void AppendRange(VariantColumns source, int start, int count)
    {
        if (count == 0)
        {
            return;
        }

        _variantIds.Append(source._variantIds.Span.Slice(start, count));
        _recordIndexes.Append(source._recordIndexes.Span.Slice(start, count));
        _positions.Append(source._positions.Span.Slice(start, count));
        _ends.Append(source._ends.Span.Slice(start, count));
        _chroms.AppendRange(source._chroms, start, count);
        _ids.AppendRange(source._ids, start, count);
        _idValid.AppendRange(source._idValid, start, count);
        _refs.AppendRange(source._refs, start, count);
        AppendLists(_altStarts, _alts, source._altStarts, source._alts, start, count);
        _quals.Append(source._quals.Span.Slice(start, count));
        _qualValid.AppendRange(source._qualValid, start, count);
        AppendLists(_filterStarts, _filters, source._filterStarts, source._filters, start, count);
        _filterValid.AppendRange(source._filterValid, start, count);
    }

    /// <summary>Empties the columns, keeping their buffers (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        _variantIds.Clear();
        _recordIndexes.Clear();
        _positions.Clear();
        _ends.Clear();
        _chroms.Clear();
        _ids.Clear();
        _idValid.Clear();
        _refs.Clear();
        _altStarts.Clear();
        _alts.Clear();
        _quals.Clear();
        _qualValid.Clear();
        _filterStarts.Clear();
        _filterValid.Clear();
        _filters.Clear();
    }

    /// <summary>The columns' arrays, in <see cref="Fields"/> order, and starts afresh; <paramref name="owners"/> receives
    /// the pooled memory behind them (dispose it once the batch is written).</summary>
    public IArrowArray[] Build(List<IDisposable> owners)
    {
        var rows = Rows;
        var idNulls = _idValid.FalseCount;
        var qualNulls = _qualValid.FalseCount;
        var filterNulls = _filterValid.FalseCount;
        return
        [
            new Int64Array(_variantIds.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            SourceFiles(rows, owners),
            new Int64Array(_recordIndexes.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            _chroms.Build(owners, ArrowBuffer.Empty, 0),
            new Int64Array(_positions.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            new Int64Array(_ends.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            _ids.Build(owners, _idValid.Build(elideWhenAllSet: true, owners), idNulls),
            _refs.Build(owners, ArrowBuffer.Empty, 0),
            BuildList(_altStarts, _alts, ArrowBuffer.Empty, 0, owners),
            new DoubleArray(_quals.Build(owners), _qualValid.Build(elideWhenAllSet: true, owners), rows, qualNulls, 0),
            BuildList(_filterStarts, _filters, _filterValid.Build(elideWhenAllSet: true, owners), filterNulls, owners),
        ];
    }

    // Rows of a list column: each row's first element in starts, the elements in values.
    private static void AppendLists(ValueBuffer<int> starts, Texts values, ValueBuffer<int> sourceStarts, Texts sourceValues, int start, int count)
    {
        var (first, end) = starts.AppendStartsRange(values.Count, sourceStarts.Span, sourceValues.Count, start, count);
        values.AppendRange(sourceValues, first, end - first);
    }

    private static ListArray BuildList(ValueBuffer<int> starts, Texts values, ArrowBuffer validity, int nulls, List<IDisposable> owners)
    {
        var rows = starts.Count;
        starts.Add(values.Count);
        return new ListArray(StringList, rows, starts.Build(owners), values.Build(owners, ArrowBuffer.Empty, 0), validity, nulls, 0);
    }

    // source_file's rows: one value repeated, written once per batch instead of once per row.
    private StringArray SourceFiles(int rows, List<IDisposable> owners)
    {
        var offsets = _sourceStarts;
        var bytes = _sourceBytes;
        var ends = offsets.Extend(rows + 1);
        for (var i = 0; i <= rows; i++)
        {
            ends[i] = i * _sourceFile.Length;
        }

        // The value once, then what is written so far copied after itself: a copy per doubling, not per row.
        var text = bytes.Extend(rows * _sourceFile.Length);
        if (rows > 0)
        {
            _sourceFile.CopyTo(text);
            for (var written = _sourceFile.Length; written < text.Length; written *= 2)
            {
                text[..Math.Min(written, text.Length - written)].CopyTo(text[written..]);
            }
        }

        return new StringArray(rows, offsets.Build(owners), bytes.Build(owners), ArrowBuffer.Empty, 0, 0);
    }

    private Span<ByteRange> Ranges(int rows)
    {
        if (_ranges.Length < rows)
        {
            _ranges = new ByteRange[Math.Max(rows, 2 * _ranges.Length)];
        }

        return _ranges.AsSpan(0, rows);
    }

    // A validity bitmap's bits for consecutive rows, gathered in a word and appended 56 at a time.
    private ref struct BitWords(ValidityBuffer target)
    {
        private const int PerWord = 56;
        private ulong _bits;
        private int _pending;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(bool value)
        {
            _bits |= (value ? 1UL : 0) << _pending;
            if (++_pending == PerWord)
            {
                target.AddBits(_bits, PerWord);
                (_bits, _pending) = (0, 0);
            }
        }

        public readonly void Finish()
        {
            if (_pending > 0)
            {
                target.AddBits(_bits, _pending);
            }
        }
    }

    // The UTF-8 values of a text column (or of a list column's elements): a start offset per value and their bytes. A
    // null row is an empty value, its validity kept beside.
    private sealed class Texts
    {
        private readonly ValueBuffer<int> _starts = new();
        private readonly ValueBuffer<byte> _bytes = new();

        public int Count => _starts.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ReadOnlySpan<byte> value)
        {
            _starts.Add(_bytes.Count);
            ShortSpans.CopyBytes(value, _bytes.Extend(value.Length));
        }

        /// <summary>
        /// Adds each record's bytes of its range (a missing range an empty value), what <see cref="Add"/> of each gives:
        /// the starts and then the bytes each written in one loop, their buffers grown once.
        /// </summary>
        public void AddRun(ReadOnlySpan<VcfRecord> records, ReadOnlySpan<ByteRange> ranges)
        {
            var starts = _starts.Extend(ranges.Length);
            var end = _bytes.Count;
            for (var r = 0; r < ranges.Length; r++)
            {
                starts[r] = end;
                end += Math.Max(ranges[r].Length, 0);
            }

            var bytes = _bytes.Extend(end - _bytes.Count);
            var at = 0;
            for (var r = 0; r < ranges.Length; r++)
            {
                var value = records[r].Bytes(ranges[r]);
                ShortSpans.CopyBytes(value, bytes.Slice(at, value.Length));
                at += value.Length;
            }
        }

        public void AppendRange(Texts source, int start, int count)
        {
            if (count == 0)
            {
                return;
            }

            OffsetBuffers.AppendTextRange(_starts, _bytes, source._starts, source._bytes, start, count);
        }

        public void Clear()
        {
            _starts.Clear();
            _bytes.Clear();
        }

        public StringArray Build(List<IDisposable> owners, ArrowBuffer validity, int nulls)
        {
            var length = Count;
            _starts.Add(_bytes.Count);
            return new StringArray(length, _starts.Build(owners), _bytes.Build(owners), validity, nulls, 0);
        }
    }
}
