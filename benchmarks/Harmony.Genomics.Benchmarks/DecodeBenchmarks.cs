using BenchmarkDotNet.Attributes;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// Tokenizing and typed decoding of whole records (GT, and AD/DP/GQ where the workload has them) from VCF text in
/// memory: (a) 2,504 phased GT columns, (b) 200 GT:AD:DP:GQ columns, (c) one somatic GT:AD:AF:DP column.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] text = [];

    [Params("a", "b", "c")]
    public string Workload { get; set; } = "a";

    [GlobalSetup]
    public void Setup() => text = WorkloadText.WithHeader(Workload, Workload switch { "a" => 2_000, "b" => 20_000, _ => 200_000 });

    [Benchmark]
    public long ReadAllRecords()
    {
        using var reader = VcfReader.Open(new MemoryStream(text, writable: false), "bench.vcf", new VcfReaderOptions());
        var record = new VcfRecord();
        long records = 0;
        while (reader.Read(record))
        {
            records++;
        }

        return records;
    }
}
