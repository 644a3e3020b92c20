using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>Writes one derived table (Arrow arrays built by the caller) as one Parquet file staged in a transaction.</summary>
internal static class QcTableWriter
{
    public static void Write(LakeTransaction transaction, string table, string cohort, IReadOnlyList<(Field Field, IArrowArray Array)> columns, int rows)
    {
        using var file = new QcTableFile(transaction, table, cohort, $"part-{transaction.RunId}-0.parquet");
        file.Write(columns, rows);
        file.Complete();
    }

    public static (Field, IArrowArray) Strings(string name, IEnumerable<string> values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values)
        {
            b.Append(v);
        }

        return (new Field(name, StringType.Default, false), b.Build());
    }

    public static (Field, IArrowArray) Ints(string name, IEnumerable<int> values) =>
        (new Field(name, Int32Type.Default, false), new Int32Array.Builder().AppendRange(values).Build());

    public static (Field, IArrowArray) Longs(string name, IEnumerable<long> values) =>
        (new Field(name, Int64Type.Default, false), new Int64Array.Builder().AppendRange(values).Build());

    /// <summary>Doubles; NaN is written as null.</summary>
    public static (Field, IArrowArray) Doubles(string name, IEnumerable<double> values)
    {
        var b = new DoubleArray.Builder();
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                b.AppendNull();
            }
            else
            {
                b.Append(v);
            }
        }

        return (new Field(name, DoubleType.Default, true), b.Build());
    }

    public static (Field, IArrowArray) IntLists(string name, IEnumerable<IEnumerable<int>> values)
    {
        var b = new ListArray.Builder(Int32Type.Default);
        var items = (Int32Array.Builder)b.ValueBuilder;
        foreach (var list in values)
        {
            b.Append();
            items.AppendRange(list);
        }

        return (new Field(name, new ListType(new Field("element", Int32Type.Default, false)), false), b.Build());
    }

    /// <summary>Lists of doubles; NaN elements are null.</summary>
    public static (Field, IArrowArray) DoubleLists(string name, IEnumerable<IEnumerable<double>> values)
    {
        var b = new ListArray.Builder(DoubleType.Default);
        var items = (DoubleArray.Builder)b.ValueBuilder;
        foreach (var list in values)
        {
            b.Append();
            foreach (var v in list)
            {
                if (double.IsNaN(v))
                {
                    items.AppendNull();
                }
                else
                {
                    items.Append(v);
                }
            }
        }

        return (new Field(name, new ListType(new Field("element", DoubleType.Default, true)), false), b.Build());
    }
}
