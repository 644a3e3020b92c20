using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>Rows of the <c>samples</c> table: one per sample per source.</summary>
internal static class SamplesBatchBuilder
{
    public static RecordBatch Build(string sourceFile, IReadOnlyList<string> storedNames, IReadOnlyDictionary<string, string> metadata)
    {
        var sample = new ColumnBuilder(new Field("sample", StringType.Default, false));
        var index = new ColumnBuilder(new Field("sample_index", Int32Type.Default, false));
        var source = new ColumnBuilder(new Field("source_file", StringType.Default, false));
        for (var i = 0; i < storedNames.Count; i++)
        {
            sample.String.Append(storedNames[i]);
            sample.EndScalar();
            index.Int32.Append(i);
            index.EndScalar();
            source.String.Append(sourceFile);
            source.EndScalar();
        }

        var columns = new[] { sample, index, source };
        return new RecordBatch(new Schema(columns.Select(c => c.Field), metadata), columns.Select(c => c.Build()).ToList(), storedNames.Count);
    }
}
