using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// A source's last Parquet encoding runs while the next source is read (IngestJob.SourceTail). When the next source is
/// refused, the run waits for that writer before it raises the error: no writer thread outlives the run, nothing is
/// left in staging, and the lake is as it was. Alone in its collection, so that no other test's writer threads are seen.
/// </summary>
[Collection(ProcessWideMeasurementCollection.Name)]
public sealed class IngestJobOverlapTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [RequiresFileFact("/proc/self/comm")]
    public void ASourceRefusedWhileTheOneBeforeIsStillWritten_StopsThatWriterAndLeavesTheLakeAsItWas()
    {
        var lake = Path.Combine(_dir, "lake");
        var first = Path.Combine(_dir, "first.vcf");
        File.WriteAllText(first, RandomVcf.Generate(60, records: 20, samples: 2, longLine: false));
        IngestJob.Run([first], new IngestOptions { LakePath = lake, KeepSampleIds = true });
        var before = LakeDump.Fingerprint(lake);

        // Fewer records than a batch holds: all of its Parquet encoding is left for the writer to finish.
        var good = Path.Combine(_dir, "good.vcf");
        File.WriteAllText(good, RandomVcf.Generate(61, records: 60_000, samples: 2, longLine: false));
        var bad = Path.Combine(_dir, "bad.vcf");
        File.WriteAllText(bad, RandomVcf.Generate(62, records: 5, samples: 1, longLine: false) + "chr1\tnot-a-position\t.\tA\tC\t.\t.\t.\tGT\t0/1\n");

        var error = Assert.Throws<InputFormatException>(() => IngestJob.Run([good, bad], new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 2 }));
        var writers = ProcessThreads.Names().Where(n => n.StartsWith("harmony parquet", StringComparison.Ordinal)).ToList();

        Assert.Contains("bad.vcf", error.Message, StringComparison.Ordinal);
        Assert.Equal("POS", error.Column);
        Assert.Empty(writers);
        Assert.False(Directory.Exists(Path.Combine(lake, "_harmony", "staging")) && Directory.EnumerateFiles(Path.Combine(lake, "_harmony", "staging"), "*", SearchOption.AllDirectories).Any(), "files were left in staging");
        Assert.Equal(before, LakeDump.Fingerprint(lake));
    }
}
