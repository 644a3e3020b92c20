using System.Globalization;
using Apache.Arrow;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Arrow arrays and batches as text, cell by cell, for comparing what two builders built.</summary>
public static class ArrowCells
{
    /// <summary>Every cell of the array, in order ("null" for a null).</summary>
    public static List<string> Render(IArrowArray array) => Enumerable.Range(0, array.Length).Select(i => Cell(array, i)).ToList();

    /// <summary>Each column of the batch as "name (N nulls): cell|cell|...", a list column's element nulls counted too.</summary>
    public static List<string> Render(RecordBatch batch) =>
        batch.Schema.FieldsList.Select((f, c) => $"{f.Name} ({Nulls(batch.Column(c))} nulls): {string.Join('|', Render(batch.Column(c)))}").ToList();

    private static string Nulls(IArrowArray array) => array is ListArray list ? $"{list.NullCount}, {list.Values.NullCount}" : array.NullCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>One cell; a list as [a,b], a dictionary-encoded value as its text.</summary>
    public static string Cell(IArrowArray array, int i) => array.IsNull(i) ? "null" : array switch
    {
        Int32Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
        Int64Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
        DoubleArray a => a.GetValue(i)!.Value.ToString("R", CultureInfo.InvariantCulture),
        StringArray a => a.GetString(i),
        BooleanArray a => a.GetValue(i)!.Value ? "true" : "false",
        ListArray a => "[" + string.Join(',', Enumerable.Range(a.ValueOffsets[i], a.GetValueLength(i)).Select(j => Cell(a.Values, j))) + "]",
        DictionaryArray a => Cell(a.Dictionary, ((Int32Array)a.Indices).GetValue(i)!.Value),
        _ => throw new NotSupportedException(array.GetType().Name),
    };
}
