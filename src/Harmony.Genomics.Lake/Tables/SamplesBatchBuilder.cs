using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Rows of the <c>samples</c> table: one per sample per source. <c>source_ordinal</c> tells apart sources whose stored
/// names are equal (two folders' <c>tumour.vcf.gz</c>) and joins to <c>calls</c> on <c>variant_id &gt;&gt; 40</c>.
/// </summary>
internal static class SamplesBatchBuilder
{
    public static RecordBatch Build(string sourceFile, int sourceOrdinal, IReadOnlyList<string> storedNames, IReadOnlyDictionary<string, string> metadata)
    {
        var sample = new ColumnBuilder(new Field("sample", StringType.Default, false));
        var index = new ColumnBuilder(new Field("sample_index", Int32Type.Default, false));
        var source = new ColumnBuilder(new Field("source_file", StringType.Default, false));
        var ordinal = new ColumnBuilder(new Field(LakeColumns.SourceOrdinal, Int32Type.Default, false));
        for (var i = 0; i < storedNames.Count; i++)
        {
            sample.String.Append(storedNames[i]);
            sample.EndScalar();
            index.Int32.Append(i);
            index.EndScalar();
            source.String.Append(sourceFile);
            source.EndScalar();
            ordinal.Int32.Append(sourceOrdinal);
            ordinal.EndScalar();
        }

        var columns = new[] { sample, index, source, ordinal };
        return new RecordBatch(new Schema(columns.Select(c => c.Field), metadata), columns.Select(c => c.Build()).ToList(), storedNames.Count);
    }
}
