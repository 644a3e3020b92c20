using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

public sealed class LockFileTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void AFileThisProcessHolds_IsRefusedToItsOtherHolders_WhereTheFileLockWouldNotSeeIt()
    {
        var path = Path.Combine(_dir, "lock");
        using (var first = LockFile.TryHold(path, FileMode.OpenOrCreate))
        {
            Assert.NotNull(first);

            // Replaced by a new file, which no flock covers (and on NFS, POSIX locks never conflict within a process):
            // the process-wide registry still refuses a second holder and reports the lock as held.
            File.Delete(path);
            Assert.Null(LockFile.TryHold(path, FileMode.OpenOrCreate));
            Assert.True(LockFile.IsHeld(path));
        }

        Assert.False(LockFile.IsHeld(path));
        using var again = LockFile.TryHold(path, FileMode.OpenOrCreate);
        Assert.NotNull(again);
    }

    [Fact]
    public void CreatingALockFileThatExists_Throws_AndLeavesNothingHeld()
    {
        var path = Path.Combine(_dir, "exists.live");
        File.WriteAllText(path, string.Empty);
        Assert.Throws<IOException>(() => LockFile.TryHold(path, FileMode.CreateNew));
        Assert.False(LockFile.IsHeld(path));
        using var held = LockFile.TryHold(path, FileMode.Open);
        Assert.NotNull(held);
    }
}
