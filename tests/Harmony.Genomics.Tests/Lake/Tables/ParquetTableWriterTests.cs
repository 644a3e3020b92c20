using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class ParquetTableWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void ColumnEncodings_DeltaForRisingIntegers_DictionaryForRepeatedText_StatisticsForRangeColumns()
    {
        // Rows as a calls table has them: record by record, each record's sample indexes rising from 0.
        const int Records = 500;
        const int Samples = 40;
        var variantId = new Int64Array.Builder();
        var sampleIndex = new Int32Array.Builder();
        var gt = new StringArray.Builder();
        var depth = new Int32Array.Builder();
        for (var r = 0; r < Records; r++)
        {
            for (var s = 0; s < Samples; s++)
            {
                variantId.Append(r);
                sampleIndex.Append(s);
                gt.Append((r + s) % 3 == 0 ? "0/1" : "1/1");
                depth.Append(((r * 7919) + (s * 104729)) % 1000);
            }
        }

        var schema = new Schema.Builder()
            .Field(new Field("variant_id", Int64Type.Default, false))
            .Field(new Field("sample_index", Int32Type.Default, false))
            .Field(new Field("gt", StringType.Default, false))
            .Field(new Field("dp", Int32Type.Default, true))
            .Build();
        var path = Path.Combine(_dir, "calls.parquet");
        using (var writer = new ParquetTableWriter(_ => path))
        {
            writer.Write(new RecordBatch(schema, [variantId.Build(), sampleIndex.Build(), gt.Build(), depth.Build()], Records * Samples));
            writer.Close();
        }

        var columns = LakeReader.Query($"select path_in_schema, encodings, stats_min is not null from parquet_metadata({LakeReader.Literal(path)}) order by column_id")
            .Select(row => row.Split('\t'))
            .ToDictionary(cells => cells[0], cells => (Encodings: cells[1], Statistics: bool.Parse(cells[2])));
        Assert.Contains("DELTA_BINARY_PACKED", columns["variant_id"].Encodings, StringComparison.Ordinal);
        Assert.Contains("DELTA_BINARY_PACKED", columns["sample_index"].Encodings, StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", columns["sample_index"].Encodings, StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", columns["gt"].Encodings, StringComparison.Ordinal);
        Assert.DoesNotContain("DELTA", columns["dp"].Encodings, StringComparison.Ordinal);
        Assert.True(columns["variant_id"].Statistics);
        Assert.True(columns["sample_index"].Statistics);
        Assert.False(columns["gt"].Statistics);
        Assert.False(columns["dp"].Statistics);

        // And the values read back as written.
        Assert.Equal(["20000\t500\t390000\t0\t39"], LakeReader.Query($"select count(*), count(distinct variant_id), sum(sample_index), min(sample_index), max(sample_index) from read_parquet({LakeReader.Literal(path)})"));
    }

    [Theory]
    [InlineData(false, 1, 7)]
    [InlineData(false, 3, 3)] // groups of 3, 3 and 1 batches
    [InlineData(true, 1, 7)]
    [InlineData(true, 3, 3)]
    public void BatchesPerRowGroup_GroupsBatches_WithEitherWriter(bool nested, int batchesPerRowGroup, int expectedGroups)
    {
        // A struct column is written by Arrow's writer (buffered row groups), flat ones by the engine's encoder.
        var path = Path.Combine(_dir, $"grouped-{nested}-{batchesPerRowGroup}.parquet");
        var pos = new Field("pos", Int64Type.Default, false);
        var schema = nested
            ? new Schema.Builder().Field(new Field("site", new StructType([pos]), false)).Build()
            : new Schema.Builder().Field(pos).Build();
        var sizes = new[] { 5, 9, 0, 4, 7, 1, 3, 6 }; // an empty batch is no batch
        var next = 0L;
        using (var writer = new ParquetTableWriter(_ => path, batchesPerRowGroup))
        {
            foreach (var size in sizes)
            {
                var values = new Int64Array.Builder();
                for (var i = 0; i < size; i++)
                {
                    values.Append(next++);
                }

                IArrowArray column = values.Build();
                if (nested)
                {
                    column = new StructArray(schema.FieldsList[0].DataType, size, [column], ArrowBuffer.Empty, 0);
                }

                writer.Write(new RecordBatch(schema, [column], size));
            }

            writer.Close();
        }

        var literal = LakeReader.Literal(path);
        Assert.Equal([expectedGroups.ToString(System.Globalization.CultureInfo.InvariantCulture)], LakeReader.Query($"select count(distinct row_group_id) from parquet_metadata({literal})"));
        var summed = nested ? "site.pos" : "pos";
        Assert.Equal([$"{next}\t{next * (next - 1) / 2}"], LakeReader.Query($"select count(*), sum({summed}) from read_parquet({literal})"));
    }
}
