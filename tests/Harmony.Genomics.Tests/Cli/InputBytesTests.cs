using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

public sealed class InputBytesTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void InputBytes_AddsTheArgumentsThatAreFiles_NotFoldersOptionsOrMissingPaths()
    {
        // What sizes the heap prefault of an ingest: its input files; the lake (a folder), options, standard input and
        // paths that do not exist add nothing.
        var one = Path.Combine(_dir, "one.vcf");
        var two = Path.Combine(_dir, "two.vcf.gz");
        File.WriteAllBytes(one, new byte[1_000]);
        File.WriteAllBytes(two, new byte[234]);
        var lake = Directory.CreateDirectory(Path.Combine(_dir, "lake")).FullName;

        Assert.Equal(1_234, Program.InputBytes(["ingest", one, two, "--lake", lake, "--threads", "2", "-", Path.Combine(_dir, "missing.vcf")]));
        Assert.Equal(0, Program.InputBytes(["ingest", "--lake", lake]));
    }
}
