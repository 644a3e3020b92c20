using Harmony.Genomics.Cli;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary><c>ingest --samplesheet --device</c> chooses where the allele-depth kernel runs; a CUDA request without a device fails before the lake is touched.</summary>
public sealed class SampleSheetDeviceTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private static (int Rc, string Err) Ingest(string lake, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", Path.Combine(TestPaths.TestDataRoot, "leukemia", "samplesheet.csv"), "--lake", lake, "--keep-sample-ids", .. extra], stdout, stderr);
        return (rc, stderr.ToString());
    }

    [Fact]
    public void Device_cpu_gives_the_same_findings_as_the_default()
    {
        var plain = Path.Combine(_lake.Root, "plain");
        var (rc, err) = Ingest(plain);
        Assert.True(rc == 0, err);
        (rc, err) = Ingest(_lake.Path0, "--device", "cpu");
        Assert.True(rc == 0, err);
        string Findings(string lake) => string.Join("\n", TempLake.Query($"select patient, abnormality, detail from read_parquet('{Path.Combine(lake, "abnormalities")}/**/*.parquet') order by all").Select(r => string.Join("|", r)));
        Assert.Equal(Findings(plain), Findings(_lake.Path0));
    }

    [Fact]
    public void Device_cuda_without_a_device_fails_before_the_lake_is_touched()
    {
        if (GpuSession.CudaAvailable())
        {
            return; // a CUDA machine runs it; the refusal cannot be shown there
        }

        var (rc, err) = Ingest(_lake.Path0, "--device", "cuda");
        Assert.Equal(1, rc);
        Assert.Contains("no CUDA device was found", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_lake.Path0) && Directory.EnumerateFiles(_lake.Path0, "*.parquet", SearchOption.AllDirectories).Any());
    }
}
