using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Cli;

/// <summary>Prints what an ingest committed, one line per input and a total.</summary>
internal static class Summary
{
    // Input paths may name patients: unless raw IDs were kept, inputs are shown by position and pseudonym.
    public static void Print(IngestResult result, TextWriter output, bool showPaths)
    {
        var n = 0;
        foreach (var s in result.Sources)
        {
            var name = showPaths ? s.Input : $"input {++n} ({s.SourceFile})";
            output.WriteLine(s.Skipped
                ? $"{name}: already in the lake, skipped"
                : $"{name}: {s.Variants} variants, {s.Calls} calls, {s.Samples} samples, {s.Rejected} rejected");
        }

        var variants = result.Sources.Sum(s => s.Variants);
        var calls = result.Sources.Sum(s => s.Calls);
        var rejected = result.Sources.Sum(s => s.Rejected);
        output.WriteLine($"committed {result.Sources.Count(s => !s.Skipped)} source(s): {variants} variants, {calls} calls, {rejected} rejected in {result.Elapsed.TotalSeconds:F1} s");
    }
}
