using System.CommandLine;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Cli;

/// <summary>The <c>harmony</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with the given output writers and returns the exit code (0 success, 1 failure, 2 usage).</summary>
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

        var root = Commands.Build(args, stdout, stderr);
        try
        {
            var result = root.Parse(args);
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
    }
}
