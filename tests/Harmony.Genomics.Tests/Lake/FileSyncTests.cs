using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

public sealed class FileSyncTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void DeleteTree_RemovesFoldersAndFiles_ButOnlyTheLinksToWhatLiesOutside()
    {
        var outside = Path.Combine(_dir, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "keep"));
        File.WriteAllText(Path.Combine(outside, "keep", "a.txt"), "a");
        File.WriteAllText(Path.Combine(outside, "b.txt"), "b");

        var tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "variants", "cohort=x", "empty"));
        File.WriteAllText(Path.Combine(tree, "variants", "cohort=x", "part-1.parquet"), "p");
        File.WriteAllText(Path.Combine(tree, "top.txt"), "t");
        Directory.CreateSymbolicLink(Path.Combine(tree, "variants", "linked-folder"), outside);
        File.CreateSymbolicLink(Path.Combine(tree, "linked-file"), Path.Combine(outside, "b.txt"));

        FileSync.DeleteTree(tree);

        Assert.False(Directory.Exists(tree));
        Assert.Equal("a", File.ReadAllText(Path.Combine(outside, "keep", "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(outside, "b.txt")));
    }
}
