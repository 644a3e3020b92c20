using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// What the pivot costs on its own: decodes the first records of a file into memory once, then appends them to the
/// engine's batch builder (<see cref="VariantBatchBuilder"/>: variants and calls columns, batches built and dropped
/// at the writer's sizes, no Parquet) round after round on one thread, and prints the median CPU time per record.
/// Ingest's decoder workers do this work, chunk by chunk, on records they have just decoded (see SourceFragment); until
/// they did, ingest's consumer thread did it record by record, the slowest stage on a one-sample file (workload c).
/// </summary>
internal static class PivotCost
{
    public static int Run(string file, int records, int rounds, TextWriter output)
    {
        var decoded = new List<VcfRecord>(records);
        VcfHeader header;
        using (var reader = VcfReader.Open(file, new VcfReaderOptions { Threads = 1 }))
        {
            header = reader.Header;
            while (decoded.Count < records)
            {
                var record = new VcfRecord { KeepsLine = true };
                if (!reader.Read(record))
                {
                    break;
                }

                decoded.Add(record);
            }
        }

        var cpu = new List<double>();
        long calls = 0;
        long allocated = 0;
        for (var round = 0; round < rounds; round++)
        {
            var builder = new VariantBatchBuilder(header, "source.vcf.gz", 0, header.SampleNames, allCalls: false, text => text);
            var owners = new List<IDisposable>();
            var metadata = new Dictionary<string, string>();
            calls = 0;

            // A built batch goes nowhere: its pooled buffers return at once, as after the writer has written it.
            void Drop(RecordBatch batch)
            {
                calls += batch.Schema.GetFieldIndex("sample_index") >= 0 ? batch.Length : 0;
                owners.ForEach(o => o.Dispose());
                owners.Clear();
            }

            var start = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            foreach (var record in decoded)
            {
                builder.Append(record);
                if (builder.VariantRows >= VariantBatchBuilder.VariantBatchRows)
                {
                    Drop(builder.BuildVariants(metadata, owners));
                }

                if (builder.CallRows >= VariantBatchBuilder.CallBatchRows)
                {
                    Drop(builder.BuildCalls(metadata, owners));
                }
            }

            Drop(builder.BuildVariants(metadata, owners));
            Drop(builder.BuildCalls(metadata, owners));
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        }

        cpu.Sort();
        var median = cpu[cpu.Count / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pivot: {file}: {decoded.Count} records, {calls} calls, {rounds} rounds: median {median:F0} ms CPU, {median * 1e6 / decoded.Count:F0} ns per record (fastest round {cpu[0] * 1e6 / decoded.Count:F0}), {(calls == 0 ? 0 : median * 1e6 / calls):F1} ns per call, {allocated / 1e6:F1} MB allocated per round"));
        return 0;
    }
}
