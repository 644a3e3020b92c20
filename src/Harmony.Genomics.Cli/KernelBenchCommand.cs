using System.CommandLine;
using System.Diagnostics;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;

namespace Harmony.Genomics.Cli;

/// <summary>Hidden <c>harmony kernel-bench</c>: checks each kernel against the scalar reference, then times it (benchmarks/gpu/run.sh).</summary>
internal static class KernelBenchCommand
{
    public static Command Build(TextWriter stdout)
    {
        var variants = new Option<int>("--variants") { DefaultValueFactory = _ => 20_000 };
        var samples = new Option<int>("--samples") { DefaultValueFactory = _ => 2_504 };
        var fpSamples = new Option<int>("--fp-samples") { DefaultValueFactory = _ => 2_000 };
        var snps = new Option<int>("--snps") { DefaultValueFactory = _ => 10_000 };
        var command = new Command("kernel-bench", "Check and time the compute kernels.") { variants, samples, fpSamples, snps };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            Run(stdout, parse.GetValue(variants), parse.GetValue(samples), parse.GetValue(fpSamples), parse.GetValue(snps));
            return 0;
        });
        return command;
    }

    private static void Run(TextWriter o, int variants, int samples, int fpSamples, int snps)
    {
        var cpus = Environment.ProcessorCount;
        var cuda = GpuSession.CudaAvailable();
        o.WriteLine($"CPUs {cpus}, Vector256 accelerated {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, CUDA device {(cuda ? "yes" : "none")}");
        o.WriteLine("| kernel | size | backend | threads | time | throughput | equals scalar |");
        o.WriteLine("|---|---|---|---|---|---|---|");
        var random = new Random(1);
        var m = new GenotypeMatrix(variants, samples, 2);
        for (var v = 0; v < variants; v++)
        {
            m.AltCounts[v] = 1;
            m.SnvClass[v] = (byte)random.Next(0, 3);
        }

        for (var i = 0; i < m.Alleles.Length; i++)
        {
            m.Alleles[i] = random.Next(0, 50) == 0 ? (sbyte)-1 : (sbyte)(random.Next(0, 3) == 0 ? 1 : 0);
        }

        m.SealAltCounts();
        var size = $"{variants} x {samples}";
        var reference = new CohortStats(variants, samples, m.TotalAlts);
        var t = Time(() => new ScalarCohortStatsKernel().Compute(m, reference));
        Row(o, "cohort stats", size, "cpu-scalar", 1, t, (double)variants * samples / t.TotalSeconds, "genotypes/s", "reference");
        foreach (var threads in new[] { 1, Math.Min(2, cpus), cpus }.Distinct())
        {
            var output = new CohortStats(variants, samples, m.TotalAlts);
            using var kernel = new SimdCohortStatsKernel(threads);
            kernel.Compute(m, output);
            t = Time(() => kernel.Compute(m, output));
            Row(o, "cohort stats", size, "cpu-simd", threads, t, (double)variants * samples / t.TotalSeconds, "genotypes/s", Same(reference, output));
        }

        if (cuda)
        {
            var output = new CohortStats(variants, samples, m.TotalAlts);
            using var kernel = CohortStatsKernels.Create(ComputeBackend.Cuda, 1);
            kernel.Compute(m, output);
            t = Time(() => kernel.Compute(m, output));
            Row(o, "cohort stats", size, "cuda", 0, t, (double)variants * samples / t.TotalSeconds, "genotypes/s", Same(reference, output));
        }

        var dosages = new sbyte[(long)fpSamples * snps];
        for (var i = 0; i < dosages.Length; i++)
        {
            dosages[i] = random.Next(0, 40) == 0 ? (sbyte)-1 : (sbyte)random.Next(0, 3);
        }

        var packed = PackedGenotypes.Pack(dosages, fpSamples, snps);
        var check = Math.Min(fpSamples, 64);
        var expected = new PairCounts[check * check];
        using (var scalar = new ScalarPairCountsKernel())
        {
            scalar.Load(packed);
            t = Time(() => scalar.ComputeBlock(0, check, 0, check, expected));
            Row(o, "fingerprint pairs", $"{check}^2 x {snps}", "cpu-scalar", 1, t, (double)check * check / t.TotalSeconds, "pairs/s", "reference");
        }

        var backends = new List<(string, int, Func<IPairCountsKernel>)>();
        foreach (var threads in new[] { 1, Math.Min(2, cpus), cpus }.Distinct())
        {
            backends.Add(("cpu-simd", threads, () => new SimdPairCountsKernel(threads)));
        }

        if (cuda)
        {
            backends.Add(("cuda", 0, () => FingerprintScan.CreateKernel(ComputeBackend.Cuda, 1)));
        }

        foreach (var (name, threads, create) in backends)
        {
            using var kernel = create();
            kernel.Load(packed);
            var got = new PairCounts[check * check];
            kernel.ComputeBlock(0, check, 0, check, got);
            var ok = got.AsSpan().SequenceEqual(expected) ? "yes" : "NO";
            var block = new PairCounts[(long)fpSamples * fpSamples];
            t = Time(() => kernel.ComputeBlock(0, fpSamples, 0, fpSamples, block));
            Row(o, "fingerprint pairs", $"{fpSamples}^2 x {snps}", name, threads, t, (double)fpSamples * fpSamples / t.TotalSeconds, "pairs/s", ok);
        }
    }

    private static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static string Same(CohortStats a, CohortStats b) =>
        a.An.AsSpan().SequenceEqual(b.An) && a.Ac.AsSpan().SequenceEqual(b.Ac) && a.NHet.AsSpan().SequenceEqual(b.NHet)
        && a.NHomAlt.AsSpan().SequenceEqual(b.NHomAlt) && a.NMissing.AsSpan().SequenceEqual(b.NMissing)
        && a.SampleHet.AsSpan().SequenceEqual(b.SampleHet) && a.SampleTs.AsSpan().SequenceEqual(b.SampleTs)
        && a.HweP.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.HweP.Select(BitConverter.DoubleToInt64Bits)) ? "yes" : "NO";

    private static void Row(TextWriter o, string kernel, string size, string backend, int threads, TimeSpan t, double rate, string unit, string ok) =>
        o.WriteLine(System.FormattableString.Invariant($"| {kernel} | {size} | {backend} | {(threads == 0 ? "gpu" : threads.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {t.TotalMilliseconds:F0} ms | {rate:E2} {unit} | {ok} |"));
}
