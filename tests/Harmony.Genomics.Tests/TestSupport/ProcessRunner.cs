using System.Diagnostics;
using System.Text;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Runs an external program with an argument list (no shell) and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The default limit on how long one process may run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>, stdin empty, and waits for it; a process that
    /// runs longer than <paramref name="timeout"/> is killed and reported with exit code -1.
    /// </summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, stdout.Result, $"{stderr.Result}\n{program} timed out and was killed");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
