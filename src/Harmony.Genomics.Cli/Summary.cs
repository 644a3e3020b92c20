using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Cli;

/// <summary>Prints what an ingest committed, one line per input and a total.</summary>
internal static class Summary
{
    public static void Print(IngestResult result, TextWriter output)
    {
        foreach (var s in result.Sources)
        {
            output.WriteLine(s.Skipped
                ? $"{s.Input}: already in the lake, skipped"
                : $"{s.Input}: {s.Variants} variants, {s.Calls} calls, {s.Samples} samples, {s.Rejected} rejected");
        }

        var variants = result.Sources.Sum(s => s.Variants);
        var calls = result.Sources.Sum(s => s.Calls);
        var rejected = result.Sources.Sum(s => s.Rejected);
        output.WriteLine($"committed {result.Sources.Count(s => !s.Skipped)} source(s): {variants} variants, {calls} calls, {rejected} rejected in {result.Elapsed.TotalSeconds:F1} s");
    }
}
