using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class BackgroundTableWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void SpreadTable_BatchesTakeTheLanesInTurn_EveryRowWrittenOnce()
    {
        using var writer = new BackgroundTableWriter(Path_, lanes: 2, spreadTable: "calls");
        for (var b = 0; b < 5; b++)
        {
            writer.Write("calls", Batch(first: b * 100, rows: 100));
        }

        writer.Write("variants", Batch(first: 0, rows: 7));
        writer.Write("variants", Batch(first: 7, rows: 7));
        writer.Write("variants", Batch(first: 14, rows: 7, extraColumn: true));
        var rows = writer.Complete();

        Assert.Equal(500, rows["calls"]);
        Assert.Equal(21, rows["variants"]);

        // Lane 0 takes batches 0, 2 and 4 into part 0; lane 1 takes 1 and 3 into part 1. Tables not spread stay on lane
        // 0, their parts numbered as with one lane.
        Assert.Equal(["calls-0", "calls-1", "variants-0", "variants-1"], Directory.GetFiles(_dir).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.Equal(Values(0, 100).Concat(Values(200, 100)).Concat(Values(400, 100)), ReadValues("calls-0"));
        Assert.Equal(Values(100, 100).Concat(Values(300, 100)), ReadValues("calls-1"));
        Assert.Equal(Values(0, 14), ReadValues("variants-0"));
        Assert.Equal(Values(14, 7), ReadValues("variants-1"));
    }

    [Fact]
    public void SpreadTable_SchemaGrowsOnOneLane_ThatLaneStartsItsNextPart()
    {
        using var writer = new BackgroundTableWriter(Path_, lanes: 2, spreadTable: "calls");
        writer.Write("calls", Batch(first: 0, rows: 10));
        writer.Write("calls", Batch(first: 10, rows: 10));
        writer.Write("calls", Batch(first: 20, rows: 10, extraColumn: true));
        writer.Complete();

        // Lane l of 2 numbers its parts p * 2 + l: lane 0's second part is part 2, and part 1 (lane 1) is unaffected.
        Assert.Equal(["calls-0", "calls-1", "calls-2"], Directory.GetFiles(_dir).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.Equal(Values(20, 10), ReadValues("calls-2"));
    }

    [Fact]
    public void OneLane_EveryBatchInOneFile()
    {
        using var writer = new BackgroundTableWriter(Path_);
        writer.Write("calls", Batch(first: 0, rows: 10));
        writer.Write("calls", Batch(first: 10, rows: 10));
        Assert.Equal(20, writer.Complete()["calls"]);
        Assert.Equal(Values(0, 20), ReadValues("calls-0"));
    }

    [Fact]
    public void WriterFailsOnTheSecondLane_ErrorReachesTheCaller()
    {
        // Lane 1's file lies in a directory that does not exist, so its thread fails on the first batch it takes.
        using var writer = new BackgroundTableWriter((table, part) => part == 1 ? Path.Combine(_dir, "missing", "x.parquet") : Path_(table, part), lanes: 2, spreadTable: "calls");
        var error = Record.Exception(() =>
        {
            for (var b = 0; b < 50; b++)
            {
                writer.Write("calls", Batch(first: b * 10, rows: 10));
            }

            writer.Complete();
        });
        var io = Assert.IsType<IOException>(error);
        Assert.StartsWith("writing Parquet failed", io.Message, StringComparison.Ordinal);
    }

    private string Path_(string table, int part) => Path.Combine(_dir, $"{table}-{part}.parquet");

    private static IEnumerable<long> Values(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);

    private static RecordBatch Batch(long first, int rows, bool extraColumn = false)
    {
        var values = new Int64Array.Builder();
        values.AppendRange(Values(first, rows));
        var schema = new Schema.Builder().Field(new Field("v", Int64Type.Default, false));
        var arrays = new List<IArrowArray> { values.Build() };
        if (extraColumn)
        {
            schema.Field(new Field("w", Int32Type.Default, true));
            arrays.Add(BuildNulls(rows));
        }

        return new RecordBatch(schema.Build(), arrays, rows);
    }

    private static Int32Array BuildNulls(int rows)
    {
        var builder = new Int32Array.Builder();
        for (var i = 0; i < rows; i++)
        {
            builder.AppendNull();
        }

        return builder.Build();
    }

    private List<long> ReadValues(string name) =>
        LakeReader.Query($"select v from read_parquet({LakeReader.Literal(Path.Combine(_dir, name + ".parquet"))})").Select(long.Parse).ToList();
}
