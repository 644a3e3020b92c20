using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>One Arrow column under construction: scalar or list, of int32, int64, double, bool or UTF-8 text.</summary>
internal sealed class ColumnBuilder
{
    private readonly ListType? _listType;
    private readonly ValueBuffer<int> _listOffsets = new();
    private readonly ValidityBuffer _listValid = new();

    public ColumnBuilder(Field field)
    {
        Field = field;
        _listType = field.DataType as ListType;
        Values = new ColumnValues(_listType?.ValueDataType ?? field.DataType);
    }

    public Field Field { get; }

    public int Length { get; private set; }

    /// <summary>Receives values: the column's own, or a list column's elements.</summary>
    public ColumnValues Values { get; }

    public ColumnValues Int32 => Values;

    public ColumnValues Int64 => Values;

    public ColumnValues Double => Values;

    public ColumnValues Boolean => Values;

    public ColumnValues String => Values;

    /// <summary>Starts a list row (list columns only); append its elements to <see cref="Values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginList()
    {
        _listOffsets.Add(Values.Count);
        _listValid.Add(true);
        Length++;
    }

    /// <summary>Counts a scalar row appended directly to <see cref="Values"/>.</summary>
    public void EndScalar() => Length++;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendNull()
    {
        if (_listType is not null)
        {
            _listOffsets.Add(Values.Count);
            _listValid.Add(false);
        }
        else
        {
            Values.AppendNull();
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
        var length = Length;
        Length = 0;
        if (_listType is null)
        {
            return Values.Build();
        }

        _listOffsets.Add(Values.Count);
        var nulls = _listValid.FalseCount;
        var validity = _listValid.Build(elideWhenAllSet: true);
        var offsets = _listOffsets.BuildCopy();
        return new ListArray(_listType, length, offsets, Values.Build(), validity, nulls, 0);
    }
}
