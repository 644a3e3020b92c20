using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>One Arrow column under construction: scalar or list, of int32, int64, double, bool or UTF-8 text.</summary>
internal sealed class ColumnBuilder
{
    private readonly IArrowArrayBuilder _builder;
    private readonly ListArray.Builder? _list;

    public ColumnBuilder(Field field)
    {
        Field = field;
        var valueType = field.DataType is ListType list ? list.ValueDataType : field.DataType;
        if (field.DataType is ListType)
        {
            _list = new ListArray.Builder(valueType);
            _builder = _list;
        }
        else
        {
            _builder = NewBuilder(valueType);
        }

        Values = _list is null ? _builder : _list.ValueBuilder;
    }

    public Field Field { get; }

    public int Length { get; private set; }

    /// <summary>The builder that receives values: the column's own builder, or the list's value builder.</summary>
    public IArrowArrayBuilder Values { get; }

    public Int32Array.Builder Int32 => (Int32Array.Builder)Values;

    public Int64Array.Builder Int64 => (Int64Array.Builder)Values;

    public DoubleArray.Builder Double => (DoubleArray.Builder)Values;

    public BooleanArray.Builder Boolean => (BooleanArray.Builder)Values;

    public StringArray.Builder String => (StringArray.Builder)Values;

    /// <summary>Starts a list row (list columns only); append its elements to <see cref="Values"/>.</summary>
    public void BeginList()
    {
        _list!.Append();
        Length++;
    }

    /// <summary>Counts a scalar row appended directly to <see cref="Values"/>.</summary>
    public void EndScalar() => Length++;

    public void AppendNull()
    {
        switch (_builder)
        {
            case ListArray.Builder b: b.AppendNull(); break;
            case Int32Array.Builder b: b.AppendNull(); break;
            case Int64Array.Builder b: b.AppendNull(); break;
            case DoubleArray.Builder b: b.AppendNull(); break;
            case BooleanArray.Builder b: b.AppendNull(); break;
            case StringArray.Builder b: b.AppendNull(); break;
            default: throw new InvalidOperationException(Field.Name);
        }

        Length++;
    }

    public void AppendNulls(int count)
    {
        for (var i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    public IArrowArray Build()
    {
        Length = 0;
        return _builder switch
        {
            ListArray.Builder b => Rebuild(b.Build()),
            Int32Array.Builder b => Rebuild(b.Build()),
            Int64Array.Builder b => Rebuild(b.Build()),
            DoubleArray.Builder b => Rebuild(b.Build()),
            BooleanArray.Builder b => Rebuild(b.Build()),
            StringArray.Builder b => Rebuild(b.Build()),
            _ => throw new InvalidOperationException(Field.Name),
        };
    }

    // Arrow builders keep their buffers after Build; clearing them lets one builder serve every batch.
    private IArrowArray Rebuild(IArrowArray array)
    {
        switch (_builder)
        {
            case ListArray.Builder b: b.Clear(); break;
            case Int32Array.Builder b: b.Clear(); break;
            case Int64Array.Builder b: b.Clear(); break;
            case DoubleArray.Builder b: b.Clear(); break;
            case BooleanArray.Builder b: b.Clear(); break;
            case StringArray.Builder b: b.Clear(); break;
            default: break;
        }

        return array;
    }

    private static IArrowArrayBuilder NewBuilder(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int32 => new Int32Array.Builder(),
        ArrowTypeId.Int64 => new Int64Array.Builder(),
        ArrowTypeId.Double => new DoubleArray.Builder(),
        ArrowTypeId.Boolean => new BooleanArray.Builder(),
        ArrowTypeId.String => new StringArray.Builder(),
        _ => throw new NotSupportedException($"column type {type.Name}"),
    };
}
