using System.Diagnostics;
using BenchmarkDotNet.Running;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// `workload a|b|c OUT.vcf` writes a benchmark workload (see WorkloadGenerator);
/// `phases FILE [threads] [unpack]` (unpack: All, Samples, Genotypes, Info, Sites) times each stage of the read path once (inflate only, tokenize+decode) for a quick look;
/// for a BCF, decoding again with every record rendered as VCF text first;
/// `inflate [FILE.vcf.gz] [rounds]` compares the engine's inflater with libdeflate on every BGZF block of a file
/// (identical bytes first, then interleaved rounds on one core; prints medians and the ratio);
/// `parquet-columns FILE.parquet [rounds]` re-encodes one lake file with the engine's Parquet writer, whole and column
/// by column, and prints the CPU time of each (see ParquetColumnCost);
/// `pivot FILE [records] [rounds]` times the batch builder alone on records decoded ahead (see PivotCost);
/// `fingerprint-scale [samples] [snps] [threads] [band]` times the fingerprint scan at cohort scale (see FingerprintScale);
/// anything else runs the BenchmarkDotNet suites (e.g. `--filter '*Inflate*'`).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["workload", var name, var output])
        {
            using var writer = output == "-" ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(output);
            WorkloadGenerator.Write(name, writer);
            return 0;
        }

        if (args is ["phases", var file, ..])
        {
            var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
            var unpack = args.Length > 3 ? Enum.Parse<VcfUnpack>(args[3], ignoreCase: true) : VcfUnpack.All;
            Phases(file, threads, unpack);
            return 0;
        }

        if (args is ["inflate", ..])
        {
            var bgzf = args.Length > 1 ? args[1] : BenchmarkInputs.BgzfFile();
            var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9;
            return InflateComparison.Run(bgzf, rounds, Console.Out);
        }

        if (args is ["parquet-columns", var parquet, ..])
        {
            var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
            return ParquetColumnCost.Run(parquet, rounds, Console.Out);
        }

        if (args is ["pivot", var pivotFile, ..])
        {
            var records = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
            var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 7;
            return PivotCost.Run(pivotFile, records, rounds, Console.Out);
        }

        if (args is ["fingerprint-scale", ..])
        {
            FingerprintScale.Run(args[1..]);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static void Phases(string file, int threads, VcfUnpack unpack)
    {
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        using (var input = InputOpener.Open(file, new InputOptions { Threads = threads }))
        {
            var buffer = new byte[1 << 20];
            int n;
            while ((n = input.Stream.Read(buffer)) > 0)
            {
                bytes += n;
            }
        }

        Console.WriteLine($"inflate: {clock.Elapsed.TotalSeconds:F3} s, {bytes / clock.Elapsed.TotalSeconds / 1e9:F2} GB/s of text");
        var (seconds, records, direct) = Decode(file, new VcfReaderOptions { Threads = threads, Unpack = unpack });
        Console.WriteLine($"inflate+decode: {seconds:F3} s, {records} records, {bytes / seconds / 1e9:F2} GB/s of {(direct > 0 ? "BCF" : "text")}");
        if (direct > 0)
        {
            // A BCF: the same records again, each rendered as the VCF text bcftools view prints and decoded as VCF (the
            // path every BCF record took before direct decoding, and the one records outside it still take).
            var (rendered, _, _) = Decode(file, new VcfReaderOptions { Threads = threads, Unpack = unpack, DecodeBcfDirectly = false });
            Console.WriteLine($"  {direct} of {records} records decoded directly; every record rendered as text first: {rendered:F3} s");
        }
    }

    private static (double Seconds, long Records, long Direct) Decode(string file, VcfReaderOptions options)
    {
        var clock = Stopwatch.StartNew();
        long records = 0;
        using var reader = VcfReader.Open(file, options);
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            records++;
        }

        return (clock.Elapsed.TotalSeconds, records, reader.BcfRecordsDecodedDirectly);
    }
}
