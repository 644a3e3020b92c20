namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>What a finished process returned: its exit code and everything it wrote.</summary>
/// <param name="ExitCode">The exit status (-1 if it was killed after a timeout).</param>
/// <param name="StandardOutput">Everything written to stdout, decoded as UTF-8.</param>
/// <param name="StandardError">Everything written to stderr, decoded as UTF-8.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
