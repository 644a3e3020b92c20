using System.CommandLine;
using System.Diagnostics;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Compute.Genotypes;
using Harmony.Genomics.Compute.Text;
using Harmony.Genomics.Formats.Vcf;

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
        var batch = new Option<int>("--decode-batch") { DefaultValueFactory = _ => 2_000, Description = "Records per genotype-decoding batch" };
        var repeat = new Option<int>("--repeat") { DefaultValueFactory = _ => 3, Description = "Timed runs per row (the median is shown)" };
        var command = new Command("kernel-bench", "Check and time the compute kernels.") { variants, samples, fpSamples, snps, batch, repeat };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            Run(stdout, parse.GetValue(variants), parse.GetValue(samples), parse.GetValue(fpSamples), parse.GetValue(snps), parse.GetValue(batch), parse.GetValue(repeat));
            return 0;
        });
        return command;
    }

    private static void Run(TextWriter o, int variants, int samples, int fpSamples, int snps, int decodeBatch, int repeat)
    {
        var cpus = Environment.ProcessorCount;
        var cuda = GpuSession.CudaAvailable();
        repeat = Math.Max(1, repeat);
        o.WriteLine($"CPUs {cpus}, Vector512 accelerated {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256 accelerated {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, CUDA device {(cuda ? "yes" : GpuSession.IsNativeBuild ? "none (native build: no GPU kernels)" : "none")}, median of {repeat} timed runs per row");
        o.WriteLine("| kernel | size | backend | threads | wall time | CPU time | throughput (wall) | equals scalar |");
        o.WriteLine("|---|---|---|---|---|---|---|---|");
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
        var t = Time(1, () => new ScalarCohortStatsKernel().Compute(m, reference));
        Row(o, "cohort stats", size, "cpu-scalar", 1, t, (double)variants * samples / t.TotalSeconds, "genotypes/s", "reference");
        foreach (var (name, threads, path) in SimdRows(cpus))
        {
            var output = new CohortStats(variants, samples, m.TotalAlts);
            using var kernel = new SimdCohortStatsKernel(threads, path);
            kernel.Compute(m, output);
            t = Time(repeat, () => kernel.Compute(m, output));
            Row(o, "cohort stats", size, name, threads, t, (double)variants * samples / t.TotalSeconds, "genotypes/s", Same(reference, output));
        }

        if (cuda)
        {
            var output = new CohortStats(variants, samples, m.TotalAlts);
            using var kernel = CohortStatsKernels.Create(ComputeBackend.Cuda, 1);
            kernel.Compute(m, output);
            t = Time(repeat, () => kernel.Compute(m, output));
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
            t = Time(1, () => scalar.ComputeBlock(0, check, 0, check, expected));
            Row(o, "fingerprint pairs", $"{check}^2 x {snps}", "cpu-scalar", 1, t, (double)check * check / t.TotalSeconds, "pairs/s", "reference");
        }

        var backends = new List<(string, int, Func<IPairCountsKernel>)>();
        foreach (var (name, threads, path) in SimdRows(cpus))
        {
            backends.Add((name, threads, () => new SimdPairCountsKernel(threads, path)));
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
            t = Time(repeat, () => kernel.ComputeBlock(0, fpSamples, 0, fpSamples, block));
            Row(o, "fingerprint pairs", $"{fpSamples}^2 x {snps}", name, threads, t, (double)fpSamples * fpSamples / t.TotalSeconds, "pairs/s", ok);
        }

        BenchDecoding(o, variants, samples, Math.Max(1, Math.Min(variants, decodeBatch)), cpus, cuda, repeat);
    }

    /// <summary>The SIMD rows: the widest accelerated vectors at 1, 2 and all threads, and Vector256 forced on 1 thread where Vector512 is accelerated.</summary>
    private static List<(string Name, int Threads, ScanPath Path)> SimdRows(int cpus)
    {
        var rows = new[] { 1, Math.Min(2, cpus), cpus }.Distinct().Select(threads => ("cpu-simd", threads, ScanPath.Auto)).ToList();
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            rows.Add(("cpu-simd, Vector256 forced", 1, ScanPath.Vector256));
        }

        return rows;
    }

    /// <summary>
    /// Genotype decoding of VCF sample columns (FORMAT GT:AD:DP:GQ, diploid): the scalar reference on one batch, the
    /// other backends on variants / batch batches of the same distinct records (generating 20,000 distinct lines of
    /// 2,504 samples would cost more time and memory than the decoding being measured).
    /// </summary>
    private static void BenchDecoding(TextWriter o, int variants, int samples, int batch, int cpus, bool cuda, int repeat)
    {
        var (lines, vcf) = GenotypeBatch(batch, samples, new Random(3));
        var batches = Math.Max(1, variants / batch);
        var reference = new GenotypeColumns(batch, samples, 2, 3);
        var t = Time(1, () => new ScalarGenotypeDecodeKernel().Decode(lines, reference));
        var size = $"{batch} x {samples}";
        Row(o, "genotype decoding", size, "cpu-scalar", 1, t, (double)batch * samples / t.TotalSeconds, "calls/s", "reference");

        // For scale: the project's VCF decoder (what ingest runs today) on the same lines, every column decoded and checked.
        var decoded = 0;
        t = Time(repeat, () =>
        {
            using var reader = new VcfReader(new MemoryStream(vcf), "kernel-bench", new VcfReaderOptions { Threads = 1 });
            var record = new VcfRecord();
            decoded = 0;
            while (reader.Read(record))
            {
                decoded++;
            }
        });
        Row(o, "genotype decoding", size, "vcf-decoder (whole line, for scale)", 1, t, (double)batch * samples / t.TotalSeconds, "calls/s", decoded == batch ? "n/a" : "NO");
        var backends = new List<(string, int, Func<IGenotypeDecodeKernel>)>();
        foreach (var threads in new[] { 1, Math.Min(2, cpus), cpus }.Distinct())
        {
            backends.Add(("cpu-simd", threads, () => new SimdGenotypeDecodeKernel(threads)));
        }

        if (cuda)
        {
            backends.Add(("cuda", 0, () => GenotypeDecodeKernels.Create(ComputeBackend.Cuda, 1)));
        }

        size = $"{batches * batch} x {samples}";
        foreach (var (name, threads, create) in backends)
        {
            using var kernel = create();
            var output = new GenotypeColumns(batch, samples, 2, 3);
            output.Poison();
            kernel.Decode(lines, output);
            var ok = Same(reference, output);
            t = Time(repeat, () =>
            {
                for (var b = 0; b < batches; b++)
                {
                    kernel.Decode(lines, output);
                }
            });
            Row(o, "genotype decoding", size, name, threads, t, (double)batches * batch * samples / t.TotalSeconds, "calls/s", ok);
        }
    }

    private static (GenotypeLines Lines, byte[] Vcf) GenotypeBatch(int records, int samples, Random random)
    {
        var builder = new GenotypeLinesBuilder(samples);
        var line = new System.Text.StringBuilder();
        using var vcf = new MemoryStream();
        var header = new System.Text.StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=chr1>\n")
            .Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n")
            .Append("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n")
            .Append("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Read depth\">\n")
            .Append("##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">\n")
            .Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++)
        {
            header.Append(System.FormattableString.Invariant($"\tS{s}"));
        }

        vcf.Write(System.Text.Encoding.ASCII.GetBytes(header.Append('\n').ToString()));
        for (var r = 0; r < records; r++)
        {
            line.Clear().Append(System.FormattableString.Invariant($"chr1\t{1000 + r}\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP:GQ"));
            for (var s = 0; s < samples; s++)
            {
                var roll = random.Next(0, 100);
                var gt = roll < 70 ? "0/0" : roll < 90 ? "0/1" : roll < 98 ? "1/1" : "./.";
                int refReads = random.Next(0, 40), altReads = gt == "0/0" ? 0 : random.Next(1, 40);
                line.Append(System.FormattableString.Invariant($"\t{gt}:{refReads},{altReads}:{refReads + altReads}:{random.Next(0, 100)}"));
            }

            var bytes = System.Text.Encoding.ASCII.GetBytes(line.ToString());
            builder.Add(bytes);
            vcf.Write(bytes);
            vcf.WriteByte((byte)'\n');
        }

        return (builder.Build(), vcf.ToArray());
    }

    // The medians of the timed runs' wall and process CPU times (the slow scalar references run once). On a shared
    // machine the CPU time of a 1-thread row is the steadier number.
    private static Timing Time(int runs, Action action)
    {
        var walls = new List<TimeSpan>();
        var cpus = new List<TimeSpan>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            walls.Add(clock.Elapsed);
            process.Refresh();
            cpus.Add(process.TotalProcessorTime - cpu);
        }

        walls.Sort();
        cpus.Sort();
        return new Timing(walls[walls.Count / 2], cpus[cpus.Count / 2]);
    }

    private readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
    {
        public double TotalSeconds => Wall.TotalSeconds;
    }

    private static string Same(GenotypeColumns a, GenotypeColumns b) =>
        a.ErrorCode.AsSpan().SequenceEqual(b.ErrorCode) && a.Ploidy.AsSpan().SequenceEqual(b.Ploidy) && a.Phased.AsSpan().SequenceEqual(b.Phased)
        && a.Alleles.AsSpan().SequenceEqual(b.Alleles) && a.AdCount.AsSpan().SequenceEqual(b.AdCount) && a.Ad.AsSpan().SequenceEqual(b.Ad)
        && a.Dp.AsSpan().SequenceEqual(b.Dp) && a.ErrorCode.All(c => c == 0) ? "yes" : "NO";

    private static string Same(CohortStats a, CohortStats b) =>
        a.An.AsSpan().SequenceEqual(b.An) && a.Ac.AsSpan().SequenceEqual(b.Ac) && a.NHet.AsSpan().SequenceEqual(b.NHet)
        && a.NHomAlt.AsSpan().SequenceEqual(b.NHomAlt) && a.NMissing.AsSpan().SequenceEqual(b.NMissing)
        && a.SampleHet.AsSpan().SequenceEqual(b.SampleHet) && a.SampleTs.AsSpan().SequenceEqual(b.SampleTs)
        && a.HweP.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.HweP.Select(BitConverter.DoubleToInt64Bits)) ? "yes" : "NO";

    private static void Row(TextWriter o, string kernel, string size, string backend, int threads, Timing t, double rate, string unit, string ok) =>
        o.WriteLine(System.FormattableString.Invariant($"| {kernel} | {size} | {backend} | {(threads == 0 ? "gpu" : threads.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {t.Wall.TotalMilliseconds:F0} ms | {t.Cpu.TotalMilliseconds:F0} ms | {rate:E2} {unit} | {ok} |"));
}
