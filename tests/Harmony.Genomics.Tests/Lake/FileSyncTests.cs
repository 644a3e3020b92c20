using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

public sealed class FileSyncTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void StartWriteback_WrittenBytes_LinuxTakesTheHint_AndTheBytesStayAsWritten()
    {
        var path = Path.Combine(_dir, "part.parquet");
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(bytes);
            file.Flush();
            Assert.Equal(OperatingSystem.IsLinux(), FileSync.StartWriteback(file.SafeFileHandle, 0, bytes.Length));
            Assert.Equal(OperatingSystem.IsLinux(), FileSync.StartWriteback(file.SafeFileHandle, 100_000, 200_000));

            // Nothing to write back: no call.
            Assert.False(FileSync.StartWriteback(file.SafeFileHandle, bytes.Length, 0));
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

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
        File.WriteAllText(Path.Combine(tree, "variants", ".hidden"), "h");
        Directory.CreateSymbolicLink(Path.Combine(tree, "variants", "linked-folder"), outside);
        File.CreateSymbolicLink(Path.Combine(tree, "linked-file"), Path.Combine(outside, "b.txt"));

        FileSync.DeleteTree(tree);

        Assert.False(Directory.Exists(tree));
        Assert.Equal("a", File.ReadAllText(Path.Combine(outside, "keep", "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(outside, "b.txt")));
    }

    [Fact]
    public void DeleteTree_Missing_ThrowsUnlessOthersMayBeDeletingIt()
    {
        var missing = Path.Combine(_dir, "missing");
        Assert.Throws<DirectoryNotFoundException>(() => FileSync.DeleteTree(missing));
        FileSync.DeleteTree(missing, othersMayDelete: true);
    }

    [Fact]
    public void DeleteTree_SeveralDeletingTheSameTreeAtOnce_AllFinishAndNothingIsLeft()
    {
        for (var round = 0; round < 5; round++)
        {
            var tree = Path.Combine(_dir, $"snapshot{round}");
            for (var d = 0; d < 20; d++)
            {
                var folder = Path.Combine(tree, "calls", $"cohort={d}");
                Directory.CreateDirectory(folder);
                for (var f = 0; f < 100; f++)
                {
                    File.WriteAllText(Path.Combine(folder, $"part-{f}.parquet"), "p");
                }
            }

            // Threads that start together, each from its own listing: files, then folders, vanish under the others.
            using var start = new Barrier(3);
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            var deleters = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    FileSync.DeleteTree(tree, othersMayDelete: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures.Enqueue(e);
                }
            })).ToList();
            deleters.ForEach(t => t.Start());
            deleters.ForEach(t => t.Join());

            Assert.Empty(failures);
            Assert.False(Directory.Exists(tree));
        }
    }

    [Fact]
    public void LinkTree_LinksEveryFileInTheSameFolders_LeavingOutTheNamedTopLevelFile()
    {
        var source = Path.Combine(_dir, "1");
        Directory.CreateDirectory(Path.Combine(source, "variants", "cohort=x"));
        Directory.CreateDirectory(Path.Combine(source, "empty"));
        File.WriteAllText(Path.Combine(source, "variants", "cohort=x", "part-1.parquet"), "p");
        File.WriteAllText(Path.Combine(source, "variants", ".hidden"), "h");
        File.WriteAllText(Path.Combine(source, "sources.json"), "manifest");
        File.WriteAllText(Path.Combine(source, "variants", "sources.json"), "not the manifest");

        var target = Path.Combine(_dir, "2");
        FileSync.LinkTree(source, target, skipTopLevelFile: "sources.json");

        string[] Listing(string root) => [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Select(e => Path.GetRelativePath(root, e)).Order(StringComparer.Ordinal)];
        Assert.Equal(Listing(source).Where(e => e != "sources.json"), Listing(target));
        Assert.Equal("not the manifest", File.ReadAllText(Path.Combine(target, "variants", "sources.json")));

        // A link, not a copy: both names are one file.
        File.AppendAllText(Path.Combine(source, "variants", "cohort=x", "part-1.parquet"), "!");
        Assert.Equal("p!", File.ReadAllText(Path.Combine(target, "variants", "cohort=x", "part-1.parquet")));
    }
}
