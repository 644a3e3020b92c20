using BenchmarkDotNet.Attributes;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// The structural scan of VCF text: every tab of workload (a)'s first records (mostly sample columns) found by the
/// scalar, Vector256 and Vector512 paths of <see cref="DelimiterIndex"/>, and line ends by <see cref="ByteScanner"/>.
/// </summary>
public class TokenizeBenchmarks
{
    private byte[] text = [];
    private int[] positions = [];

    private ScanPath path;

    /// <summary>The scan path by name (ScanPath itself is internal to the engine).</summary>
    [Params("Scalar", "Vector256", "Vector512")]
    public string Path { get; set; } = "Scalar";

    [GlobalSetup]
    public void Setup()
    {
        path = Enum.Parse<ScanPath>(Path);
        text = WorkloadText.Records("a", 2_000);
        positions = new int[text.Length];
    }

    [Benchmark]
    public int Tabs() => DelimiterIndex.FindAll(text, (byte)'\t', positions, path);

    [Benchmark]
    public int Lines()
    {
        var lines = 0;
        var rest = text.AsSpan();
        while (true)
        {
            var i = ByteScanner.IndexOfNewline(rest, path);
            if (i < 0)
            {
                return lines;
            }

            lines++;
            rest = rest[(i + 1)..];
        }
    }
}
