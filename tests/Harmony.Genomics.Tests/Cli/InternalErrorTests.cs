using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>A defect, not bad input: exit 70 with the exception for the report, never the runtime's abort.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void AnUnexpectedException_IsAnInternalError_WithExit70()
    {
        using var stderr = new StringWriter();
        var exit = Program.Run(["query", _dir, "select 42 as answer"], new FailingWriter(), stderr);

        Assert.Equal(70, exit);
        var message = stderr.ToString();
        Assert.StartsWith("harmony: internal error (please report it, with the command): System.InvalidOperationException: the writer broke", message, StringComparison.Ordinal);
        Assert.Contains(nameof(FailingWriter), message, StringComparison.Ordinal); // the stack trace is there for the report
    }

    // Output that fails as no input could make it fail.
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the writer broke");

        public override void Write(string? value) => throw new InvalidOperationException("the writer broke");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the writer broke");
    }
}
