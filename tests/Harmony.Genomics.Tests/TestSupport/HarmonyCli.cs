using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Harmony.Genomics.Cli;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Runs the <c>harmony</c> CLI in-process or as a child process (<c>dotnet harmony.dll</c>).</summary>
public static class HarmonyCli
{
    /// <summary>The CLI assembly copied next to the test assembly.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "harmony.dll");

    /// <summary>Runs <see cref="Program.Run(string[], TextWriter, TextWriter)"/> with captured output.</summary>
    public static ProcessResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(args, stdout, stderr);
        return new ProcessResult(rc, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// As <see cref="Run"/>, for tests that look for crashes: an exception escaping the CLI is reported as exit code -1
    /// with the exception in stderr, so that a test can go on and report it with its other findings.
    /// </summary>
    public static ProcessResult RunReportingCrash(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            return new ProcessResult(Program.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
        }
#pragma warning disable CA1031 // A crash of the engine is a finding to report, not a harness failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ProcessResult(-1, stdout.ToString(), $"{stderr}\nunhandled exception: {e}");
        }
    }

    /// <summary>Starts <c>dotnet harmony.dll ARGS</c> with redirected streams; <paramref name="environment"/> entries with a null value are removed.</summary>
    /// <remarks>
    /// The child starts with SIGINT and SIGQUIT at their default actions, as from an interactive shell, through
    /// coreutils' <c>env --default-signal</c> (which execs, so the process id is the child's): a test run started in
    /// the background of a script (<c>.ci/run &amp;</c>) ignores both, its children inherit that, and the runtime then
    /// leaves SIGINT ignored, as nohup asks, so a Ctrl-C test would see the ingest run to its end.
    /// </remarks>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT,QUIT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet harmony.dll");
    }

    /// <summary>Runs the CLI as a child process, feeding <paramref name="stdin"/> (or nothing) to its standard input.</summary>
    public static ProcessResult RunChild(IEnumerable<string> args, byte[]? stdin = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, stdout.Result, stderr.Result + "\ntimed out");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes a fresh 32-byte key file into <paramref name="dir"/> and returns its path.</summary>
    public static string WriteKeyFile(string dir, string name = "secret.key", string? key = null)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, key ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        return path;
    }
}
