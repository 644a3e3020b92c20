using System.Text;

namespace Harmony.Genomics.Benchmarks;

/// <summary>Slices of the generated workloads as bytes in memory.</summary>
internal static class WorkloadText
{
    /// <summary>The header and the first <paramref name="records"/> records of a workload.</summary>
    public static byte[] WithHeader(string workload, int records) => Take(workload, records, header: true);

    /// <summary>The first <paramref name="records"/> record lines of a workload, without the header.</summary>
    public static byte[] Records(string workload, int records) => Take(workload, records, header: false);

    private static byte[] Take(string workload, int records, bool header)
    {
        var text = new StringBuilder();
        var taken = 0;
        foreach (var line in File.ReadLines(BenchmarkInputs.PlainFile(workload)))
        {
            if (line.StartsWith('#'))
            {
                if (header)
                {
                    text.Append(line).Append('\n');
                }

                continue;
            }

            if (taken++ == records)
            {
                break;
            }

            text.Append(line).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
