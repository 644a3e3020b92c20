using Harmony.Genomics.Formats.Compression;
using BenchmarkDotNet.Attributes;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// BGZF inflation, one block at a time on one core, CRC32 and ISIZE checked: the engine's GZipStream path against
/// libdeflate. The file is <c>HARMONY_BENCH_BGZF</c>, else workload (a) generated and compressed once.
/// </summary>
[MemoryDiagnoser]
public class InflateBenchmarks
{
    private BgzfBlocks blocks = null!;
    private nint decompressor;

    [GlobalSetup]
    public void Setup()
    {
        blocks = BgzfBlocks.Read(BenchmarkInputs.BgzfFile());
        decompressor = LibDeflate.IsAvailable ? LibDeflate.NewDecompressor() : 0;
    }

    [GlobalCleanup]
    public void Cleanup() => LibDeflate.Free(decompressor);

    [Benchmark(Baseline = true)]
    public long ManagedGzipStream() => blocks.InflateManaged();

    [Benchmark]
    public long LibDeflateGzip() => decompressor == 0 ? 0 : blocks.InflateLibDeflate(decompressor);
}
