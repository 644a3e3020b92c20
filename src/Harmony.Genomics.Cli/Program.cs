namespace Harmony.Genomics.Cli;

/// <summary>The <c>harmony</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args) => args is ["--version"] ? PrintVersion() : 2;

    private static int PrintVersion()
    {
        Console.WriteLine("harmony 0.1.0");
        return 0;
    }
}
