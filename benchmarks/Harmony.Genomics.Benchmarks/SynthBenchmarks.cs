using BenchmarkDotNet.Attributes;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// <c>harmony synth</c> throughput: one operation writes <see cref="Patients"/> patients (5 files each, plus sheet and
/// truth) to a temporary folder; patients/second = Patients / mean time. Run with <c>--filter '*Synth*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SynthBenchmarks
{
    private string _root = string.Empty;

    [Params(1000)]
    public int Patients { get; set; }

    [Params(1, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _root = Path.Combine(Path.GetTempPath(), "harmony-synth-bench-" + Guid.NewGuid().ToString("N"));

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Benchmark]
    public long Write() => SyntheticCohort.Write(new SynthOptions { Patients = Patients, Seed = 1, Assembly = GenomeAssembly.GRCh38, OutputDirectory = _root, Threads = Threads }).Files;
}
