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
}
