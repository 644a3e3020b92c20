namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Lets go of a lake lock (or anything held) from a thread of its own: a pool task's release could come tens of seconds
/// late on a loaded machine, when every pool thread was busy with the tests running beside it (a lock released by a
/// pool task after 300 ms was still held 30 s on).
/// </summary>
internal static class DelayedRelease
{
    /// <summary>Starts the thread that disposes <paramref name="holder"/> after <paramref name="delay"/>; join it when done.</summary>
    public static Thread After(TimeSpan delay, IDisposable holder) => When(() => Thread.Sleep(delay), holder);

    /// <summary>
    /// Runs the CLI in process while <paramref name="holder"/> (the lake's lock) is held, and lets go of it once the run
    /// has written <paramref name="waitMessage"/> to its standard error, or after a minute if it never does (the test
    /// then fails on the missing message, not on a hang). A release after a fixed delay raced the run: on a loaded
    /// machine the run reached the lock late, waited less than the second after which it says so, and said nothing.
    /// </summary>
    public static ProcessResult RunUntilItWaits(IDisposable holder, string waitMessage, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new WatchedWriter(waitMessage);
        var release = When(() => stderr.Seen.Wait(TimeSpan.FromMinutes(1)), holder);
        var rc = Harmony.Genomics.Cli.Program.Run(args, stdout, stderr);
        stderr.Seen.Set();
        release.Join();
        return new ProcessResult(rc, stdout.ToString(), stderr.ToString());
    }

    private static Thread When(Action wait, IDisposable holder)
    {
        var thread = new Thread(() =>
        {
            wait();
            holder.Dispose();
        })
        { IsBackground = true, Name = "test lock release" };
        thread.Start();
        return thread;
    }

    // Text written from any thread, and an event set once it holds the awaited message.
    private sealed class WatchedWriter(string awaited) : StringWriter
    {
        private readonly Lock _gate = new();

        public ManualResetEventSlim Seen { get; } = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
                Check();
            }
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (_gate)
            {
                base.Write(buffer);
                Check();
            }
        }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            lock (_gate)
            {
                base.WriteLine(buffer);
                Check();
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Seen.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Check()
        {
            if (!Seen.IsSet && GetStringBuilder().ToString().Contains(awaited, StringComparison.Ordinal))
            {
                Seen.Set();
            }
        }
    }
}
