using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>One Arrow column under construction: scalar or list, of int32, int64, double, bool or UTF-8 text.</summary>
/// <remarks>
/// Nulls are counted, not written, until the next value arrives; they are then written in bulk. Headers declare many
/// fields a given record lacks (a FORMAT field on every call row of a 2,504-sample file, say), so a null costs one
/// increment, and a column that stays null for a whole batch is built from shared zeroed memory without a value per row.
/// </remarks>
internal sealed class ColumnBuilder
{
    private readonly ListType? _listType;
    private readonly ColumnValues _values;
    // List columns only (see ColumnValues on why buffers a column does not use are not made).
    private readonly ValueBuffer<int>? _listOffsets;
    // Written from the first null row on, as ColumnValues writes its bitmap: most list columns never hold a null row.
    private readonly ValidityBuffer? _listValid;
    private bool _listHasNulls;
    private int _pendingNulls;

    public ColumnBuilder(Field field)
    {
        Field = field;
        _listType = field.DataType as ListType;
        _values = new ColumnValues(_listType?.ValueDataType ?? field.DataType);
        if (_listType is not null)
        {
            (_listOffsets, _listValid) = (new(), new());
        }
    }

    public Field Field { get; }

    public int Length { get; private set; }

    /// <summary>The elements of a list column's rows so far (0 for a scalar column, whose rows hold one value each).</summary>
    public int ListValueCount => _listType is null ? 0 : _values.Count;

    /// <summary>Receives values: the column's own, or a list column's elements.</summary>
    public ColumnValues Values
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_pendingNulls != 0)
            {
                WritePendingNulls();
            }

            return _values;
        }
    }

    public ColumnValues Int32 => Values;

    public ColumnValues Int64 => Values;

    public ColumnValues Double => Values;

    public ColumnValues Boolean => Values;

    public ColumnValues String => Values;

    /// <summary>Starts a list row (list columns only); append its elements to <see cref="Values"/>.</summary>
    // Inlined, as the appends of ColumnValues are: the pivot calls it per list row (alts, filters, AD), and a call into
    // precompiled code from the jitted pivot cost more than its work (issue #3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginList() => BeginRow(list: true);

    /// <summary>
    /// Starts a row of either kind and returns where its values go: a list row (list columns only) takes every value
    /// appended next as an element, a scalar row exactly one value. One call per cell, for the pivot's field columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ColumnValues BeginRow(bool list)
    {
        if (_pendingNulls != 0)
        {
            WritePendingNulls();
        }

        if (list)
        {
            _listOffsets!.Add(_values.Count);
            if (_listHasNulls)
            {
                _listValid!.Add(true);
            }
        }

        Length++;
        return _values;
    }

    /// <summary>
    /// Starts <paramref name="rows"/> valid rows of a scalar column, whose values the caller appends to the values
    /// returned, one a row.
    /// </summary>
    public ColumnValues BeginScalarRows(int rows)
    {
        if (_pendingNulls != 0)
        {
            WritePendingNulls();
        }

        Length += rows;
        return _values;
    }

    /// <summary>
    /// Starts rows that are all valid, in bulk (<see cref="BeginRow"/> of each in turn): list rows (list columns only) of
    /// <paramref name="counts"/> elements each, or one scalar row per count; the caller then appends every element, in
    /// row order, to the values returned.
    /// </summary>
    public ColumnValues BeginRows(bool list, ReadOnlySpan<int> counts)
    {
        if (_pendingNulls != 0)
        {
            WritePendingNulls();
        }

        if (list)
        {
            var starts = _listOffsets!.Extend(counts.Length);
            var at = _values.Count;
            for (var i = 0; i < counts.Length; i++)
            {
                starts[i] = at;
                at += counts[i];
            }

            if (_listHasNulls)
            {
                _listValid!.AddTrue(counts.Length);
            }
        }

        Length += counts.Length;
        return _values;
    }

    /// <summary>Counts a scalar row appended directly to <see cref="Values"/>.</summary>
    public void EndScalar() => Length++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendNull()
    {
        _pendingNulls++;
        Length++;
    }

    public void AppendNulls(int count)
    {
        _pendingNulls += count;
        Length += count;
    }

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of another column of
    /// the same type in block copies: what appending those rows one by one would have given.
    /// </summary>
    public void AppendRange(ColumnBuilder source, int start, int count)
    {
        // The source's trailing nulls are only counted: rows past its written ones are null.
        var written = source.Length - source._pendingNulls;
        var copied = Math.Clamp(written - start, 0, count);
        if (copied > 0)
        {
            if (_pendingNulls != 0)
            {
                WritePendingNulls();
            }

            if (_listType is null)
            {
                _values.AppendRange(source._values, start, copied);
            }
            else
            {
                // The source's offsets are those of its written rows.
                var (first, end) = _listOffsets!.AppendStartsRange(_values.Count, source._listOffsets!.Span, source._values.Count, start, copied);
                if (source._listHasNulls)
                {
                    StartListValidity(Length);
                    _listValid!.AppendRange(source._listValid!, start, copied);
                }
                else if (_listHasNulls)
                {
                    _listValid!.AddTrue(copied);
                }

                _values.AppendRange(source._values, first, end - first);
            }

            Length += copied;
        }

        if (count > copied)
        {
            AppendNulls(count - copied);
        }
    }

    /// <summary>Empties the column, keeping its buffers (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        _values.Clear();
        _listOffsets?.Clear();
        _listValid?.Clear();
        _listHasNulls = false;
        _pendingNulls = 0;
        Length = 0;
    }

    /// <summary>
    /// Builds the array and starts afresh. With <paramref name="owners"/> the buffers are lent from a pool and
    /// returned when the owners are disposed after writing; without, they are copied.
    /// </summary>
    public IArrowArray Build(List<IDisposable>? owners = null)
    {
        var length = Length;
        if (_pendingNulls == length && length > 0)
        {
            _pendingNulls = 0;
            Length = 0;
            return AllNull(length);
        }

        if (_pendingNulls != 0)
        {
            WritePendingNulls();
        }

        Length = 0;

        if (_listType is null)
        {
            return _values.Build(owners);
        }

        _listOffsets!.Add(_values.Count);
        var nulls = _listHasNulls ? _listValid!.FalseCount : 0;
        var validity = _listHasNulls ? _listValid!.Build(elideWhenAllSet: true, owners) : ArrowBuffer.Empty;
        _listHasNulls = false;
        var offsets = owners is null ? _listOffsets!.BuildCopy() : _listOffsets!.Build(owners);
        return new ListArray(_listType, length, offsets, _values.Build(owners), validity, nulls, 0);
    }

    private void WritePendingNulls()
    {
        var count = _pendingNulls;
        _pendingNulls = 0;
        if (_listType is null)
        {
            _values.AppendNulls(count);
        }
        else
        {
            // A null list adds no elements: its offsets repeat the current end.
            _listOffsets!.Extend(count).Fill(_values.Count);
            StartListValidity(Length - count);
            _listValid!.AddFalse(count);
        }
    }

    // The first null row: the rows before it, all valid, get their bits now, once.
    private void StartListValidity(int rowsBefore)
    {
        if (!_listHasNulls)
        {
            _listHasNulls = true;
            _listValid!.AddTrue(rowsBefore);
        }
    }

    // Every row null: validity, values and offsets are all zeros, so one shared zeroed buffer serves them all.
    private IArrowArray AllNull(int length)
    {
        var bitmap = ZeroedMemory.Buffer((length + 7) >> 3);
        var offsets = ZeroedMemory.Buffer((length + 1) * sizeof(int));
        if (_listType is not null)
        {
            return new ListArray(_listType, length, offsets, _values.Build(), bitmap, length, 0);
        }

        return _values.ArrowTypeId switch
        {
            ArrowTypeId.Int32 => new Int32Array(ZeroedMemory.Buffer(length * sizeof(int)), bitmap, length, length, 0),
            ArrowTypeId.Int64 => new Int64Array(ZeroedMemory.Buffer(length * sizeof(long)), bitmap, length, length, 0),
            ArrowTypeId.Double => new DoubleArray(ZeroedMemory.Buffer(length * sizeof(double)), bitmap, length, length, 0),
            ArrowTypeId.Boolean => new BooleanArray(bitmap, bitmap, length, length, 0),
            _ => new StringArray(length, offsets, ArrowBuffer.Empty, bitmap, length, 0),
        };
    }
}
