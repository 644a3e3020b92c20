using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class ColumnBuilderTests
{
    private static readonly ListType Int32List = new(new Field("element", Int32Type.Default, true));
    private static readonly ListType StringList = new(new Field("element", StringType.Default, true));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(1.0)]
    public void ScalarColumns_MatchTheRowsAppended_WithNullsInRunsAndAlone(double nullShare)
    {
        var random = new Random(17);
        var ints = new ColumnBuilder(new Field("i", Int32Type.Default, true));
        var longs = new ColumnBuilder(new Field("l", Int64Type.Default, true));
        var doubles = new ColumnBuilder(new Field("d", DoubleType.Default, true));
        var bools = new ColumnBuilder(new Field("b", BooleanType.Default, true));
        var texts = new ColumnBuilder(new Field("s", StringType.Default, true));

        // Three batches from the same builders: each Build starts afresh.
        foreach (var rows in new[] { 1, 777, 4096 })
        {
            var expected = new List<int?>();
            for (var r = 0; r < rows; r++)
            {
                // Runs of nulls as well as single ones.
                var isNull = random.NextDouble() < nullShare || (r % 97 > 80 && nullShare > 0);
                if (isNull)
                {
                    expected.Add(null);
                    ints.AppendNull();
                    longs.AppendNull();
                    doubles.AppendNull();
                    bools.AppendNull();
                    texts.AppendNull();
                    continue;
                }

                var v = random.Next(-1000, 1000);
                expected.Add(v);
                ints.Int32.Append(v);
                ints.EndScalar();
                longs.Int64.Append((long)v << 20);
                longs.EndScalar();
                doubles.Double.Append(v / 4.0);
                doubles.EndScalar();
                bools.Boolean.Append(v % 3 == 0);
                bools.EndScalar();
                texts.String.Append($"v{v}");
                texts.EndScalar();
            }

            var owners = new List<IDisposable>();
            var i = (Int32Array)ints.Build(owners);
            var l = (Int64Array)longs.Build();
            var d = (DoubleArray)doubles.Build(owners);
            var b = (BooleanArray)bools.Build();
            var s = (StringArray)texts.Build(owners);
            foreach (var array in new IArrowArray[] { i, l, d, b, s })
            {
                Assert.Equal(rows, array.Length);
                Assert.Equal(expected.Count(e => e is null), array.NullCount);
            }

            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(expected[r], i.GetValue(r));
                Assert.Equal(expected[r] is { } e1 ? (long)e1 << 20 : null, l.GetValue(r));
                Assert.Equal(expected[r] is { } e2 ? e2 / 4.0 : null, d.GetValue(r));
                Assert.Equal(expected[r] is { } e3 ? e3 % 3 == 0 : null, b.GetValue(r));
                Assert.Equal(expected[r] is { } e4 ? $"v{e4}" : null, s.GetString(r));
            }

            owners.ForEach(o => o.Dispose());
        }
    }

    [Fact]
    public void ListColumns_KeepNullRowsEmptyRowsAndNullElementsApart()
    {
        var random = new Random(5);
        var ints = new ColumnBuilder(new Field("li", Int32List, true));
        var texts = new ColumnBuilder(new Field("ls", StringList, true));
        foreach (var rows in new[] { 3, 1000 })
        {
            var expected = new List<List<int?>?>();
            for (var r = 0; r < rows; r++)
            {
                var kind = random.Next(6);
                if (kind < 2 || (r > 100 && r < 300))
                {
                    expected.Add(null);
                    ints.AppendNull();
                    texts.AppendNull();
                    continue;
                }

                var list = Enumerable.Range(0, kind - 2).Select(k => random.Next(4) == 0 ? (int?)null : random.Next(100)).ToList();
                expected.Add(list);
                ints.BeginList();
                texts.BeginList();
                foreach (var v in list)
                {
                    if (v is null)
                    {
                        ints.Values.AppendNull();
                        texts.Values.AppendNull();
                    }
                    else
                    {
                        ints.Values.Append(v.Value);
                        texts.Values.Append(v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }

            var owners = new List<IDisposable>();
            var li = (ListArray)ints.Build(owners);
            var ls = (ListArray)texts.Build();
            Assert.Equal(rows, li.Length);
            Assert.Equal(expected.Count(e => e is null), li.NullCount);
            Assert.Equal(expected.Count(e => e is null), ls.NullCount);
            for (var r = 0; r < rows; r++)
            {
                if (expected[r] is null)
                {
                    Assert.True(li.IsNull(r));
                    Assert.True(ls.IsNull(r));
                    continue;
                }

                var a = (Int32Array)li.GetSlicedValues(r);
                var t = (StringArray)ls.GetSlicedValues(r);
                Assert.Equal(expected[r], Enumerable.Range(0, a.Length).Select(k => a.GetValue(k)).ToList());
                Assert.Equal(expected[r]!.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), Enumerable.Range(0, t.Length).Select(k => (string?)t.GetString(k)).ToList());
            }

            owners.ForEach(o => o.Dispose());
        }
    }

    [Fact]
    public void AColumnNullOnEveryRow_BuildsAnAllNullArrayOfItsType_AndTheNextBatchIsNormal()
    {
        var builders = new[]
        {
            new ColumnBuilder(new Field("i", Int32Type.Default, true)),
            new ColumnBuilder(new Field("l", Int64Type.Default, true)),
            new ColumnBuilder(new Field("d", DoubleType.Default, true)),
            new ColumnBuilder(new Field("b", BooleanType.Default, true)),
            new ColumnBuilder(new Field("s", StringType.Default, true)),
            new ColumnBuilder(new Field("li", Int32List, true)),
        };
        foreach (var builder in builders)
        {
            builder.AppendNulls(100_000);
            builder.AppendNull();
            var array = builder.Build(new List<IDisposable>());
            Assert.Equal(100_001, array.Length);
            Assert.Equal(100_001, array.NullCount);
            Assert.True(Enumerable.Range(0, 100_001).All(array.IsNull));
            Assert.Equal(builder.Field.DataType.TypeId, array.Data.DataType.TypeId);

            // One value after the nulls: the next batch has a bitmap again.
            builder.AppendNull();
            if (builder.Field.DataType is ListType)
            {
                builder.BeginList();
                builder.Values.Append(7);
            }
            else
            {
                switch (builder.Field.DataType.TypeId)
                {
                    case ArrowTypeId.Int32: builder.Int32.Append(7); break;
                    case ArrowTypeId.Int64: builder.Int64.Append(7L); break;
                    case ArrowTypeId.Double: builder.Double.Append(7.0); break;
                    case ArrowTypeId.Boolean: builder.Boolean.Append(true); break;
                    default: builder.String.Append("7"); break;
                }

                builder.EndScalar();
            }

            var next = builder.Build();
            Assert.Equal(2, next.Length);
            Assert.Equal(1, next.NullCount);
            Assert.True(next.IsNull(0));
            Assert.True(next.IsValid(1));
        }
    }

    [Fact]
    public void AColumnWithoutNulls_CarriesNoValidityBitmap()
    {
        var column = new ColumnBuilder(new Field("pos", Int64Type.Default, false));
        for (var i = 0; i < 10; i++)
        {
            column.Int64.Append((long)i);
            column.EndScalar();
        }

        var array = (Int64Array)column.Build();
        Assert.Equal(0, array.NullCount);
        Assert.Equal(0, array.NullBitmapBuffer.Length);
        Assert.Equal(9, array.GetValue(9));
    }

    // Cells appended whole (BeginRow and one typed run) against the same rows appended value by value, in three kinds of
    // column, as lists and as scalars, with missing elements, null rows in runs and whole batches without nulls; then
    // each built column's rows copied in two ranges into a third builder.
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.0, 0.1)]
    [InlineData(0.2, 0.0)]
    [InlineData(0.2, 0.1)]
    public void CellAppends_GiveTheColumnsOfValueByValueAppends(double nullRowShare, double missingShare)
    {
        const int Missing = int.MinValue;
        var missingBits = BitConverter.DoubleToInt64Bits(Harmony.Genomics.Formats.Vcf.VcfMissing.Float);
        var random = new Random(23);
        foreach (var list in new[] { true, false })
        {
            foreach (var kind in new[] { "int", "widened", "double" })
            {
                IArrowType element = kind == "int" ? Int32Type.Default : DoubleType.Default;
                IArrowType type = list ? new ListType(new Field("element", element, true)) : element;
                var byCell = new ColumnBuilder(new Field("c", type, true));
                var byValue = new ColumnBuilder(new Field("v", type, true));
                var copied = new ColumnBuilder(new Field("r", type, true));
                var rows = 0;
                for (var r = 0; r < 3000; r++, rows++)
                {
                    if (random.NextDouble() < nullRowShare || (nullRowShare > 0 && r % 500 > 480))
                    {
                        byCell.AppendNull();
                        byValue.AppendNull();
                        continue;
                    }

                    var ints = Enumerable.Range(0, list ? random.Next(0, 5) : 1).Select(_ => random.NextDouble() < missingShare ? Missing : random.Next(-50, 50)).ToArray();
                    var doubles = ints.Select(v => v == Missing ? Harmony.Genomics.Formats.Vcf.VcfMissing.Float : v / 8.0).ToArray();
                    var target = byCell.BeginRow(list);
                    switch (kind)
                    {
                        // A cell of one value takes the one-value appends every other time, as the pivot does.
                        case "int" when ints.Length == 1 && r % 2 == 0: target.AppendInteger(ints[0], Missing); break;
                        case "int": target.AppendIntegers(ints, Missing); break;
                        case "widened": target.AppendWidened(ints, Missing); break;
                        case "double" when doubles.Length == 1 && r % 2 == 0: target.AppendDouble(doubles[0], missingBits); break;
                        default: target.AppendDoubles(doubles, missingBits); break;
                    }

                    if (list)
                    {
                        byValue.BeginList();
                    }

                    for (var k = 0; k < ints.Length; k++)
                    {
                        if (ints[k] == Missing)
                        {
                            byValue.Values.AppendNull();
                        }
                        else if (kind == "int")
                        {
                            byValue.Values.Append(ints[k]);
                        }
                        else
                        {
                            byValue.Values.Append(kind == "widened" ? ints[k] : doubles[k]);
                        }
                    }

                    if (!list)
                    {
                        byValue.EndScalar();
                    }
                }

                var cells = byCell.Build();
                var values = byValue.Build();
                AssertSameRows(values, cells);

                // Rows 0..1000 and 1000..end of the cell-built rows, appended again, copied in two ranges.
                var again = new ColumnBuilder(new Field("c", type, true));
                Refill(again, cells);
                copied.AppendRange(again, 0, 1000);
                copied.AppendRange(again, 1000, rows - 1000);
                AssertSameRows(values, copied.Build());
            }
        }
    }

    [Fact]
    public void AListColumnWithoutNullRows_CarriesNoListValidityBitmap_UntilItsFirstNullRow()
    {
        var column = new ColumnBuilder(new Field("ad", Int32List, true));
        column.BeginRow(list: true).AppendIntegers([1, 2], int.MinValue);
        column.BeginRow(list: true).AppendIntegers([], int.MinValue);
        var whole = (ListArray)column.Build();
        Assert.Equal(0, whole.NullCount);
        Assert.Equal(0, whole.NullBitmapBuffer.Length);

        column.BeginRow(list: true).AppendIntegers([3], int.MinValue);
        column.AppendNull();
        column.BeginRow(list: true).AppendIntegers([4, int.MinValue], int.MinValue);
        var withNull = (ListArray)column.Build();
        Assert.Equal(1, withNull.NullCount);
        Assert.Equal([true, false, true], Enumerable.Range(0, 3).Select(withNull.IsValid));
        var last = (Int32Array)withNull.GetSlicedValues(2);
        Assert.Equal([4, null], Enumerable.Range(0, 2).Select(k => last.GetValue(k)));
    }

    // Appends an array's rows value by value (integers, or doubles) to a builder of its type.
    private static void Refill(ColumnBuilder builder, IArrowArray built)
    {
        var array = (Apache.Arrow.Array)built;
        for (var r = 0; r < array.Length; r++)
        {
            if (array.IsNull(r))
            {
                builder.AppendNull();
                continue;
            }

            var isList = array is ListArray;
            var values = array is ListArray list ? list.GetSlicedValues(r) : array.Slice(r, 1);
            if (isList)
            {
                builder.BeginList();
            }

            for (var k = 0; k < values.Length; k++)
            {
                switch (values)
                {
                    case Int32Array ints when ints.GetValue(k) is { } v: builder.Values.Append(v); break;
                    case DoubleArray doubles when doubles.GetValue(k) is { } d: builder.Values.Append(d); break;
                    default: builder.Values.AppendNull(); break;
                }
            }

            if (!isList)
            {
                builder.EndScalar();
            }
        }
    }

    private static void AssertSameRows(IArrowArray expectedArray, IArrowArray actualArray)
    {
        var (expected, actual) = ((Apache.Arrow.Array)expectedArray, (Apache.Arrow.Array)actualArray);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.NullCount, actual.NullCount);
        Assert.Equal(expected.NullBitmapBuffer.Length == 0, actual.NullBitmapBuffer.Length == 0);
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected.IsNull(r), actual.IsNull(r));
            if (expected.IsNull(r))
            {
                continue;
            }

            var (e, a) = expected is ListArray el ? (el.GetSlicedValues(r), ((ListArray)actual).GetSlicedValues(r)) : ((IArrowArray)expected.Slice(r, 1), (IArrowArray)actual.Slice(r, 1));
            Assert.Equal(Elements(e), Elements(a));
        }
    }

    private static List<double?> Elements(IArrowArray array) => array switch
    {
        Int32Array ints => Enumerable.Range(0, ints.Length).Select(k => (double?)ints.GetValue(k)).ToList(),
        DoubleArray doubles => Enumerable.Range(0, doubles.Length).Select(k => doubles.GetValue(k)).ToList(),
        _ => throw new NotSupportedException(array.GetType().Name),
    };
}
