using System.CommandLine;
using System.Runtime.InteropServices;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Cli;

/// <summary>The <c>harmony</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        // Before the heap grows: its regions committed from here on are eligible for 2 MiB pages (see HugePages).
        HugePages.AdviseGarbageCollectedHeap();
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs the command line with the given output writers and returns the exit code (0 success, 1 failure or usage error, 70 an internal error, 130 cancelled by a signal).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--version"])
        {
            stdout.WriteLine($"harmony {Commands.Version}");
            return 0;
        }

        if (args is ["ingest" or "convert", ..])
        {
            // The warm-up jits on the second core while this one builds the commands and opens the lake: started here
            // rather than when the job starts, it is done about 30 ms sooner, before the first records need it.
            IngestJob.PrepareHotPaths();

            // Also on the second core: the heap the job will fill, faulted in before it does (see HeapPrefault).
            HeapPrefault.Start(HeapPrefault.ForInput(InputBytes(args), Environment.GetEnvironmentVariable("HARMONY_PREFAULT_MIB")));
        }

        var root = Commands.Build(args, stdout, stderr);
        using var cancellation = new CancellationTokenSource();
        using var returned = new CancellationTokenSource();
        try
        {
            var result = root.Parse(args);
            // Only the commands that stop at their token's request take the signals over; the others (query, classify,
            // demo ...) end at once on Ctrl-C, as an unhandled signal makes them.
            var handles = result.CommandResult.Command.Name is "ingest" or "convert" or "qc" or "fingerprint";
            using var interrupt = handles ? PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, cancellation, returned.Token, stderr)) : null;
            using var terminate = handles ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, cancellation, returned.Token, stderr)) : null;
            var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            try
            {
                return result.InvokeAsync(configuration, cancellation.Token).GetAwaiter().GetResult();
            }
            finally
            {
                // The last-resort exit is for a command still running, not for a host that called Run and goes on.
                returned.Cancel();
            }
        }
        catch (HarmonyException e)
        {
            stderr.WriteLine($"harmony: error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("harmony: cancelled; the lake is unchanged");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk that is full or read-only, a path the file system refuses: the job stopped and committed nothing.
            stderr.WriteLine($"harmony: error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of harmony's own (or of a library under it), not of the input: said as such, with what a report
            // needs, and exit 70 (sysexits' EX_SOFTWARE) rather than the runtime's abort; the lake is unchanged, since
            // nothing is published before a job's commit.
            stderr.WriteLine($"harmony: internal error (please report it, with the command): {e}");
            return 70;
        }
    }

    // Ctrl-C (SIGINT) and Slurm's scancel (SIGTERM) cancel ingest, convert, qc and fingerprint: the job stops at its
    // next check, cleans up and leaves the lake as it was (exit 130). A second signal, or a job that has not stopped 10 s
    // later (inside a commit, say), ends the process at once, as an unhandled signal would; the lake is safe either way.
    private static void Stop(PosixSignalContext context, CancellationTokenSource cancellation, CancellationToken returned, TextWriter stderr)
    {
        if (cancellation.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        stderr.WriteLine($"harmony: {context.Signal} received, stopping (again to stop at once)");
        cancellation.Cancel();
        _ = Task.Delay(TimeSpan.FromSeconds(10), returned).ContinueWith(t => Environment.Exit(130), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    // The size of the command's arguments that name files (the inputs; the lake is a folder), in bytes.
    internal static long InputBytes(string[] args)
    {
        long bytes = 0;
        foreach (var arg in args)
        {
            try
            {
                if (!arg.StartsWith('-') && File.Exists(arg))
                {
                    bytes += new FileInfo(arg).Length;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Not a file this process can see: no size.
            }
        }

        return bytes;
    }
}
