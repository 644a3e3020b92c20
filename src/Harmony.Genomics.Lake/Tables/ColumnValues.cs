using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// The values of one column (or of a list column's elements) in raw buffers with a validity bitmap. It has the
/// append methods of Arrow's builders without their per-value bookkeeping, which dominated ingest of
/// record-heavy files.
/// </summary>
/// <remarks>
/// The validity bitmap is written only from the first null on: most columns (positions, alleles, depths) never
/// hold one, and for them a value costs no bitmap write and the array carries no bitmap (Arrow's "no nulls").
/// </remarks>
internal sealed class ColumnValues
{
    private readonly ArrowTypeId _type;
    // Only the buffers of the column's type exist: a builder has dozens of columns, and every source makes several
    // (one per decoder chunk, see SourceFragment), so unused buffers cost pooled arrays per file of a many-file ingest.
    private readonly ValueBuffer<int>? _ints;
    private readonly ValueBuffer<long>? _longs;
    private readonly ValueBuffer<double>? _doubles;
    private readonly ValidityBuffer? _bools;
    private readonly ValueBuffer<int>? _offsets;
    private readonly ValueBuffer<byte>? _bytes;
    private readonly ValidityBuffer _valid = new();
    private bool _hasNulls;

    public ColumnValues(IArrowType type)
    {
        _type = type.TypeId;
        if (_type is not (ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Boolean or ArrowTypeId.String))
        {
            throw new NotSupportedException($"column type {type.Name}");
        }

        switch (_type)
        {
            case ArrowTypeId.Int32: _ints = new(); break;
            case ArrowTypeId.Int64: _longs = new(); break;
            case ArrowTypeId.Double: _doubles = new(); break;
            case ArrowTypeId.Boolean: _bools = new(); break;
            default: (_offsets, _bytes) = (new(), new()); break;
        }
    }

    public ArrowTypeId ArrowTypeId => _type;

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int value)
    {
        _ints!.Add(value);
        Valid();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long value)
    {
        _longs!.Add(value);
        Valid();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(double value)
    {
        _doubles!.Add(value);
        Valid();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool value)
    {
        _bools!.Add(value);
        Valid();
    }

    /// <summary>Appends UTF-8 text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> utf8)
    {
        _offsets!.Add(_bytes!.Count);
        ShortSpans.CopyBytes(utf8, _bytes!.Extend(utf8.Length));
        Valid();
    }

    public void Append(string text)
    {
        _offsets!.Add(_bytes!.Count);
        Encoding.UTF8.GetBytes(text, _bytes!.Extend(Encoding.UTF8.GetByteCount(text)));
        Valid();
    }

    /// <summary>Appends integers in one pass; an element equal to <paramref name="missing"/> becomes a null.</summary>
    // One capacity check and one count update per cell instead of per value: the pivot's field columns append a
    // record's few values at a time (issue #3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendIntegers(ReadOnlySpan<int> values, int missing) => AppendCell(values, _ints!.Extend(values.Length), missing);

    /// <summary>Appends integers as doubles (exact for 32-bit integers); an element equal to <paramref name="missing"/>
    /// becomes a null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendWidened(ReadOnlySpan<int> values, int missing) => AppendCell(values, _doubles!.Extend(values.Length), missing);

    /// <summary>Appends doubles in one pass; an element whose bits are <paramref name="missingBits"/> becomes a null.</summary>
    // Compared and copied as their bits: the missing value is one NaN, which == cannot find.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendDoubles(ReadOnlySpan<double> values, long missingBits) =>
        AppendCell(MemoryMarshal.Cast<double, long>(values), MemoryMarshal.Cast<double, long>(_doubles!.Extend(values.Length)), missingBits);

    /// <summary>Reserves <paramref name="count"/> integers, all valid, for the caller to write.</summary>
    public Span<int> ExtendValidIntegers(int count)
    {
        var span = _ints!.Extend(count);
        Valid(count);
        return span;
    }

    /// <summary>Reserves <paramref name="count"/> doubles, all valid, for the caller to write.</summary>
    public Span<double> ExtendValidDoubles(int count)
    {
        var span = _doubles!.Extend(count);
        Valid(count);
        return span;
    }

    /// <summary>Appends one integer; <paramref name="missing"/> becomes a null, as in <see cref="AppendIntegers"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInteger(int value, int missing)
    {
        if (value == missing)
        {
            _ints!.Add(0);
            MissingValue();
            return;
        }

        _ints!.Add(value);
        Valid();
    }

    /// <summary>Appends one double; a value whose bits are <paramref name="missingBits"/> becomes a null, as in <see cref="AppendDoubles"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendDouble(double value, long missingBits)
    {
        if (BitConverter.DoubleToInt64Bits(value) == missingBits)
        {
            _doubles!.Add(0);
            MissingValue();
            return;
        }

        _doubles!.Add(value);
        Valid();
    }

    public void AppendNull() => AppendNulls(1);

    /// <summary>Appends <paramref name="count"/> nulls in bulk.</summary>
    public void AppendNulls(int count)
    {
        switch (_type)
        {
            case ArrowTypeId.Int32: _ints!.Extend(count).Clear(); break;
            case ArrowTypeId.Int64: _longs!.Extend(count).Clear(); break;
            case ArrowTypeId.Double: _doubles!.Extend(count).Clear(); break;
            case ArrowTypeId.Boolean: _bools!.AddFalse(count); break;
            default: _offsets!.Extend(count).Fill(_bytes!.Count); break;
        }

        StartValidity();
        _valid.AddFalse(count);
        Count += count;
    }

    /// <summary>Appends values <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of another column of the same type, nulls included, in block copies.</summary>
    public void AppendRange(ColumnValues source, int start, int count)
    {
        if (count == 0)
        {
            return;
        }

        switch (_type)
        {
            case ArrowTypeId.Int32: _ints!.Append(source._ints!.Span.Slice(start, count)); break;
            case ArrowTypeId.Int64: _longs!.Append(source._longs!.Span.Slice(start, count)); break;
            case ArrowTypeId.Double: _doubles!.Append(source._doubles!.Span.Slice(start, count)); break;
            case ArrowTypeId.Boolean: _bools!.AppendRange(source._bools!, start, count); break;
            default: OffsetBuffers.AppendTextRange(_offsets!, _bytes!, source._offsets!, source._bytes!, start, count); break;
        }

        if (source._hasNulls)
        {
            StartValidity();
            _valid.AppendRange(source._valid, start, count);
        }
        else if (_hasNulls)
        {
            _valid.AddTrue(count);
        }

        Count += count;
    }

    /// <summary>Empties the column, keeping its buffers (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        _ints?.Clear();
        _longs?.Clear();
        _doubles?.Clear();
        _bools?.Clear();
        _offsets?.Clear();
        _bytes?.Clear();
        _valid.Clear();
        _hasNulls = false;
        Count = 0;
    }

    /// <summary>
    /// Builds the array and starts afresh. With <paramref name="owners"/> the value buffers are lent to the array
    /// from a pool (returned when the owners are disposed after writing); without, they are copied.
    /// </summary>
    public IArrowArray Build(List<IDisposable>? owners = null)
    {
        var length = Count;
        var nulls = _hasNulls ? _valid.FalseCount : 0;
        var validity = _hasNulls ? _valid.Build(elideWhenAllSet: true, owners) : ArrowBuffer.Empty;
        _hasNulls = false;
        Count = 0;
        switch (_type)
        {
            case ArrowTypeId.Int32:
                return new Int32Array(Take(_ints!, owners), validity, length, nulls, 0);
            case ArrowTypeId.Int64:
                return new Int64Array(Take(_longs!, owners), validity, length, nulls, 0);
            case ArrowTypeId.Double:
                return new DoubleArray(Take(_doubles!, owners), validity, length, nulls, 0);
            case ArrowTypeId.Boolean:
                return new BooleanArray(_bools!.Build(elideWhenAllSet: false, owners), validity, length, nulls, 0);
            default:
                _offsets!.Add(_bytes!.Count);
                return new StringArray(length, Take(_offsets!, owners), Take(_bytes!, owners), validity, nulls, 0);
        }
    }

    private static ArrowBuffer Take<T>(ValueBuffer<T> buffer, List<IDisposable>? owners)
        where T : unmanaged => owners is null ? buffer.BuildCopy() : buffer.Build(owners);

    // Values just written, all valid.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Valid(int count)
    {
        if (_hasNulls)
        {
            _valid.AddTrue(count);
        }

        Count += count;
    }

    // A cell's values into the target span just reserved for them, each converted to the column's type; an element
    // equal to missing becomes a null.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendCell<TSource, TTarget>(ReadOnlySpan<TSource> values, Span<TTarget> target, TSource missing)
        where TSource : unmanaged, INumberBase<TSource>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        var anyMissing = false;
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = TTarget.CreateTruncating(values[i]);
            anyMissing |= values[i] == missing;
        }

        if (anyMissing)
        {
            MarkMissing(values, target, missing);
        }
        else
        {
            Valid(values.Length);
        }
    }

    // A cell with missing elements: those become nulls, written as zero as AppendNulls writes them.
    private void MarkMissing<TSource, TTarget>(ReadOnlySpan<TSource> values, Span<TTarget> target, TSource missing)
        where TSource : unmanaged, INumberBase<TSource>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        StartValidity();
        for (var i = 0; i < values.Length; i++)
        {
            var isMissing = values[i] == missing;
            _valid.Add(!isMissing);
            target[i] = isMissing ? TTarget.Zero : target[i];
        }

        Count += values.Length;
    }

    // A value just written as zero that is a null (a missing element of a cell).
    private void MissingValue()
    {
        StartValidity();
        _valid.Add(false);
        Count++;
    }

    // The first null of the column: every value so far was valid, and their bits are written now, once.
    private void StartValidity()
    {
        if (!_hasNulls)
        {
            _hasNulls = true;
            _valid.AddTrue(Count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Valid()
    {
        if (_hasNulls)
        {
            _valid.Add(true);
        }

        Count++;
    }
}
