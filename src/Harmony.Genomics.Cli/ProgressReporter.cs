using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Cli;

/// <summary>
/// Progress on stderr: a line redrawn in place when stderr is a terminal, a plain log line every few seconds
/// when it is not (cluster logs), nothing when the output is not the process's own stderr (in-process callers).
/// </summary>
internal sealed class ProgressReporter : IProgress<IngestProgress>, IDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter _stderr;
    private readonly bool _terminal;
    private TimeSpan _last = TimeSpan.Zero;
    private bool _drawn;

    private ProgressReporter(TextWriter stderr, bool terminal)
    {
        _stderr = stderr;
        _terminal = terminal;
    }

    public static ProgressReporter? Create(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) ? new ProgressReporter(stderr, !Console.IsErrorRedirected) : null;

    public void Report(IngestProgress value)
    {
        if (value.Elapsed - _last < (_terminal ? TerminalInterval : LogInterval))
        {
            return;
        }

        _last = value.Elapsed;
        var seconds = Math.Max(value.Elapsed.TotalSeconds, 1e-3);
        var line = $"{Path.GetFileName(value.Source)}: {value.CompressedBytesRead / 1e6:F1} MB read, {value.Records} records, {value.Records / seconds:F0} records/s";
        if (_terminal)
        {
            _stderr.Write($"\r{line}\u001b[K");
            _drawn = true;
        }
        else
        {
            _stderr.WriteLine($"harmony: progress: {line}");
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            _stderr.Write("\r\u001b[K");
            _drawn = false;
        }
    }

    public void Dispose() => Finish();
}
