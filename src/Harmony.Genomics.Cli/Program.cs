namespace Harmony.Genomics.Cli;

/// <summary>The <c>harmony</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the command line with the given output writers and returns the exit code, so that tests can run
    /// the engine in-process. Placeholder: only <c>--version</c> is implemented; every other command exits 2.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--version"])
        {
            stdout.WriteLine("harmony 0.1.0");
            return 0;
        }

        stderr.WriteLine("harmony: this command is not implemented yet");
        return 2;
    }
}
