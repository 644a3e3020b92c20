using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Benchmarks;

/// <summary>Benchmark inputs: a file named by the environment, else a workload generated once into the temp folder.</summary>
internal static class BenchmarkInputs
{
    /// <summary>A BGZF VCF: <c>HARMONY_BENCH_BGZF</c>, else workload (a) compressed with the engine's BGZF writer.</summary>
    public static string BgzfFile()
    {
        if (Environment.GetEnvironmentVariable("HARMONY_BENCH_BGZF") is { Length: > 0 } path)
        {
            return path;
        }

        var file = Path.Combine(Path.GetTempPath(), "harmony-bench-workload-a.vcf.gz");
        if (!File.Exists(file))
        {
            var text = PlainFile("a");
            var partial = file + ".partial";
            using (var input = File.OpenRead(text))
            using (var output = new BgzfWriter(File.Create(partial)))
            {
                input.CopyTo(output);
            }

            File.Move(partial, file, overwrite: true);
        }

        return file;
    }

    /// <summary>The plain-text VCF of a workload (a, b or c), generated once.</summary>
    public static string PlainFile(string workload)
    {
        var file = Path.Combine(Path.GetTempPath(), $"harmony-bench-workload-{workload}.vcf");
        if (!File.Exists(file))
        {
            var partial = file + ".partial";
            using (var writer = new StreamWriter(partial))
            {
                WorkloadGenerator.Write(workload, writer);
            }

            File.Move(partial, file, overwrite: true);
        }

        return file;
    }
}
