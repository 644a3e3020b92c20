namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Where test data, scratch directories and the repository are.</summary>
public static class TestPaths
{
    private static readonly Lazy<string?> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The test output's copy of the repository's <c>testdata/</c> directory.</summary>
    public static string TestDataRoot => Path.Combine(AppContext.BaseDirectory, "testdata");

    /// <summary>
    /// The directory holding <c>Harmony.Genomics.sln</c>, found by walking up from the test assembly's directory;
    /// null when the tests run outside a checkout.
    /// </summary>
    public static string? RepoRoot => RepoRootLazy.Value;

    /// <summary>The absolute path of <paramref name="relative"/> (with '/' separators) under <see cref="TestDataRoot"/>.</summary>
    public static string TestData(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return Path.GetFullPath(Path.Combine(TestDataRoot, relative.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <summary>Creates and returns a fresh, empty, uniquely named directory under <c>$TMPDIR/harmony-tests/</c>.</summary>
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "harmony-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes <paramref name="dir"/> and everything under it, ignoring a directory that is already gone or busy.</summary>
    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A scratch directory left behind under $TMPDIR is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harmony.Genomics.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
