using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// An input file under <see cref="IngestOptions.SmallInputBytes"/> is read on one thread whatever the thread budget:
/// seen from the threads alive while its records are observed (Linux names them in /proc). Alone in its collection, so
/// that no other test's decoder workers are counted.
/// </summary>
[Collection(ProcessWideMeasurementCollection.Name)]
public sealed class SmallInputTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [RequiresFileFact("/proc/self/comm")]
    public void SmallFile_NoDecoderWorkers_UnlessTheRuleIsOff()
    {
        var vcf = Path.Combine(_dir, "small.vcf");
        // More records than the decoder workers may run ahead of the consumer (six chunks of 256), so workers, when
        // there are any, are still alive while the first records are observed; and still a small file.
        File.WriteAllText(vcf, RandomVcf.Generate(5, records: 2_000, samples: 1, longLine: false));
        Assert.InRange(new FileInfo(vcf).Length, 1, (1 << 20) - 1);

        var small = ThreadsWhileObserving(vcf, "default", new IngestOptions { LakePath = Path.Combine(_dir, "a"), KeepSampleIds = true, Threads = 2 });
        var off = ThreadsWhileObserving(vcf, "off", new IngestOptions { LakePath = Path.Combine(_dir, "b"), KeepSampleIds = true, Threads = 2, SmallInputBytes = 0 });

        Assert.DoesNotContain(small, n => n.StartsWith("harmony-decode", StringComparison.Ordinal));
        Assert.Contains(off, n => n.StartsWith("harmony-decode", StringComparison.Ordinal));
        Assert.Equal(LakeDump.Content(Path.Combine(_dir, "a")), LakeDump.Content(Path.Combine(_dir, "b")));
    }

    private static HashSet<string> ThreadsWhileObserving(string vcf, string name, IngestOptions options)
    {
        var observer = new ThreadNames();
        IngestJob.Run([vcf], options, observer);
        Assert.True(observer.Records > 0, name);
        return observer.Names;
    }

    // Records the names of the process's threads at the first records.
    private sealed class ThreadNames : IIngestObserver
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public int Records { get; private set; }

        public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header)
        {
        }

        public void Observe(VcfRecord record)
        {
            if (Records++ < 100 && Records % 20 == 1)
            {
                Names.UnionWith(ProcessThreads.Names());
            }
        }

        public void EndSource()
        {
        }

        public void BeforeCommit(LakeTransaction transaction)
        {
        }
    }
}
