using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// What Parquet encoding costs per column: reads one lake file (a table part written by ingest), then writes its
/// batches again with the engine's own writer (<see cref="ParquetTableWriter"/>: same encodings, dictionaries,
/// statistics and Zstd level), the whole table and then each column alone, on one thread. Prints the median CPU time
/// of the rounds and the file size. Parquet encoding runs in Arrow's C++ library, so this is the floor that any
/// change to our own code leaves in place.
/// </summary>
internal static class ParquetColumnCost
{
    public static int Run(string file, int rounds, TextWriter output)
    {
        var batches = Read(file);
        var schema = batches[0].Schema;
        var rows = batches.Sum(b => (long)b.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parquet-columns: {file}: {batches.Count} batches, {rows} rows, {schema.FieldsList.Count} columns, {rounds} rounds"));
        output.WriteLine("column\tcpu_ms\tns_per_row\tmb");
        var scratch = Path.Combine(Path.GetTempPath(), $"harmony-parquet-columns-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        try
        {
            Report("(all)", batches, rounds, scratch, rows, output);
            foreach (var field in schema.FieldsList)
            {
                var index = schema.GetFieldIndex(field.Name);
                var only = batches.Select(b => new RecordBatch(new Schema.Builder().Field(field).Build(), [b.Column(index)], b.Length)).ToList();
                Report(field.Name, only, rounds, scratch, rows, output);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return 0;
    }

    private static void Report(string label, List<RecordBatch> batches, int rounds, string scratch, long rows, TextWriter output)
    {
        var cpu = new List<double>();
        long size = 0;
        for (var round = 0; round < rounds; round++)
        {
            var path = Path.Combine(scratch, $"r{round}.parquet");
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            using (var writer = new ParquetTableWriter(_ => path))
            {
                foreach (var batch in batches)
                {
                    writer.Write(batch);
                }

                writer.Close();
            }

            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds);
            size = new FileInfo(path).Length;
            File.Delete(path);
        }

        cpu.Sort();
        var median = cpu[cpu.Count / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}\t{median:F0}\t{median * 1e6 / rows:F1}\t{size / 1e6:F2}"));
    }

    private static List<RecordBatch> Read(string file)
    {
        using var reader = new ParquetSharp.Arrow.FileReader(file);
        using var stream = reader.GetRecordBatchReader();
        var batches = new List<RecordBatch>();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }
}
