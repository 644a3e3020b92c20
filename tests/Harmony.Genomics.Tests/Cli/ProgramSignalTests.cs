using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and Slurm's scancel (SIGTERM) stop an ingest through its cancellation: it says so, exits 130 and
/// leaves neither tables nor staging behind (src/Harmony.Genomics.Cli/Program.cs). Without a handler the runtime
/// died from the signal at once, with no message and its staging folder left for the next run to clear.
/// </summary>
public sealed partial class ProgramSignalTests : IDisposable
{
    // Linux's signal numbers.
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Theory]
    [InlineData("INT", "SIGINT")]
    [InlineData("TERM", "SIGTERM")]
    public async Task Signal_DuringIngest_CancelsCleanly(string signal, string name)
    {
        var vcf = Path.Combine(_dir, "big.vcf");
        WriteLargeVcf(vcf, records: 300_000, samples: 100);
        var lake = Path.Combine(_dir, "lake-" + signal);
        using var process = HarmonyCli.Start(["ingest", vcf, "--lake", lake, "--keep-sample-ids", "--threads", "1"]);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();

        // The run's staging folder exists once it has begun; the file takes seconds to read after that.
        var staging = Path.Combine(lake, "_harmony", "staging");
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(staging) && Directory.EnumerateDirectories(staging).Any()) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(10);
        }

        Assert.False(process.HasExited, process.HasExited ? await stderr : null);

        // Sent by a system call, not by starting kill(1): on a loaded machine starting a process took long enough for
        // the ingest (2 s) to commit first.
        Assert.Equal(0, Kill(process.Id, signal == "INT" ? SigInt : SigTerm));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var errors = await stderr;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {errors}{await stdout}");
        Assert.Contains($"harmony: {name} received, stopping", errors, StringComparison.Ordinal);
        Assert.Contains("harmony: cancelled; the lake is unchanged", errors, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
        Assert.False(Directory.Exists(Path.Combine(lake, "variants")));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    // Distinct positions, genotypes varying with the record, so nothing is skipped or cached: seconds of parsing.
    private static void WriteLargeVcf(string path, int records, int samples)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"gt\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"dp\">\n");
        writer.Write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\tS{s}"));
        }

        writer.Write('\n');
        var calls = new StringBuilder();
        for (var r = 0; r < records; r++)
        {
            calls.Clear();
            for (var s = 0; s < samples; s++)
            {
                calls.Append((r + s) % 7 == 0 ? "\t0/1:" : "\t0/0:").Append((r + s) % 50);
            }

            writer.Write(string.Create(CultureInfo.InvariantCulture, $"chr1\t{r + 1}\t.\tA\tG\t.\tPASS\t.\tGT:DP"));
            writer.Write(calls);
            writer.Write('\n');
        }
    }
}
