using Harmony.Genomics.Formats.Compression;
using System.Diagnostics;
using System.Globalization;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// The libdeflate measurement issue 3 asks for, quick enough for a shared machine: both inflaters on the same
/// in-memory blocks, byte-identical outputs checked first, then rounds alternating between them (so noise from other
/// processes hits both alike) and the ratio of medians. CPU time of the thread is reported next to wall time.
/// </summary>
internal static class InflateComparison
{
    public static int Run(string file, int rounds, TextWriter output)
    {
        if (!LibDeflate.IsAvailable)
        {
            output.WriteLine("inflate: libdeflate is not installed (Debian: libdeflate0); nothing to compare");
            return 2;
        }

        var blocks = BgzfBlocks.Read(file);
        var decompressor = LibDeflate.NewDecompressor();
        try
        {
            var different = 0;
            var scratch = new byte[Harmony.Genomics.Formats.Compression.BgzfFormat.MaxInflatedLength];
            foreach (var block in blocks.Blocks)
            {
                Harmony.Genomics.Formats.Compression.BgzfInflater.TryInflateManaged(block);
                var n = LibDeflate.InflateGzip(decompressor, block.Compressed.AsSpan(0, block.CompressedLength), scratch);
                if (n != block.OutputLength || !scratch.AsSpan(0, n).SequenceEqual(block.Output.AsSpan(0, block.OutputLength)))
                {
                    different++;
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inflate: {file}: {blocks.Blocks.Count} blocks, {blocks.InflatedBytes / 1e6:F1} MB inflated; libdeflate output identical: {(different == 0 ? "yes" : $"NO ({different} blocks differ)")}"));
            var managed = new List<(double Wall, double Cpu)>();
            var native = new List<(double Wall, double Cpu)>();
            for (var round = 0; round < rounds; round++)
            {
                managed.Add(Time(() => blocks.InflateManaged()));
                native.Add(Time(() => blocks.InflateLibDeflate(decompressor)));
            }

            var gb = blocks.InflatedBytes / 1e9;
            var m = Median(managed);
            var l = Median(native);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| inflater | median wall | median CPU | GB/s of output (wall) |"));
            output.WriteLine("|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| .NET GZipStream per block (engine without libdeflate) | {m.Wall * 1e3:F1} ms | {m.Cpu * 1e3:F1} ms | {gb / m.Wall:F2} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| libdeflate gzip per block (engine with it) | {l.Wall * 1e3:F1} ms | {l.Cpu * 1e3:F1} ms | {gb / l.Wall:F2} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio libdeflate/.NET (CPU medians, {rounds} alternating rounds): {l.Cpu / m.Cpu:F3}"));
            return different == 0 ? 0 : 1;
        }
        finally
        {
            LibDeflate.Free(decompressor);
        }
    }

    private static (double Wall, double Cpu) Time(Func<long> inflate)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        inflate();
        var wall = clock.Elapsed.TotalSeconds;
        return (wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static (double Wall, double Cpu) Median(List<(double Wall, double Cpu)> times)
    {
        var wall = times.Select(t => t.Wall).Order().ToList();
        var cpu = times.Select(t => t.Cpu).Order().ToList();
        return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
    }
}
