using System.Runtime.CompilerServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// The values of one column (or of a list column's elements) in raw buffers with a validity bitmap. It has the
/// append methods of Arrow's builders without their per-value bookkeeping, which dominated ingest of
/// record-heavy files.
/// </summary>
internal sealed class ColumnValues
{
    private readonly ArrowTypeId _type;
    private readonly ValueBuffer<int> _ints = new();
    private readonly ValueBuffer<long> _longs = new();
    private readonly ValueBuffer<double> _doubles = new();
    private readonly ValidityBuffer _bools = new();
    private readonly ValueBuffer<int> _offsets = new();
    private readonly ValueBuffer<byte> _bytes = new();
    private readonly ValidityBuffer _valid = new();

    public ColumnValues(IArrowType type)
    {
        _type = type.TypeId;
        if (_type is not (ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Boolean or ArrowTypeId.String))
        {
            throw new NotSupportedException($"column type {type.Name}");
        }
    }

    public int Count => _valid.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int value)
    {
        _ints.Add(value);
        _valid.Add(true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long value)
    {
        _longs.Add(value);
        _valid.Add(true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(double value)
    {
        _doubles.Add(value);
        _valid.Add(true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool value)
    {
        _bools.Add(value);
        _valid.Add(true);
    }

    /// <summary>Appends UTF-8 text.</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        _offsets.Add(_bytes.Count);
        utf8.CopyTo(_bytes.Extend(utf8.Length));
        _valid.Add(true);
    }

    public void Append(string text)
    {
        _offsets.Add(_bytes.Count);
        Encoding.UTF8.GetBytes(text, _bytes.Extend(Encoding.UTF8.GetByteCount(text)));
        _valid.Add(true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendNull()
    {
        switch (_type)
        {
            case ArrowTypeId.Int32: _ints.Add(0); break;
            case ArrowTypeId.Int64: _longs.Add(0); break;
            case ArrowTypeId.Double: _doubles.Add(0); break;
            case ArrowTypeId.Boolean: _bools.Add(false); break;
            default: _offsets.Add(_bytes.Count); break;
        }

        _valid.Add(false);
    }

    public IArrowArray Build()
    {
        var length = Count;
        var nulls = _valid.FalseCount;
        var validity = _valid.Build(elideWhenAllSet: true);
        switch (_type)
        {
            case ArrowTypeId.Int32:
                return new Int32Array(_ints.BuildCopy(), validity, length, nulls, 0);
            case ArrowTypeId.Int64:
                return new Int64Array(_longs.BuildCopy(), validity, length, nulls, 0);
            case ArrowTypeId.Double:
                return new DoubleArray(_doubles.BuildCopy(), validity, length, nulls, 0);
            case ArrowTypeId.Boolean:
                return new BooleanArray(_bools.Build(elideWhenAllSet: false), validity, length, nulls, 0);
            default:
                _offsets.Add(_bytes.Count);
                return new StringArray(length, _offsets.BuildCopy(), _bytes.BuildCopy(), validity, nulls, 0);
        }
    }
}
