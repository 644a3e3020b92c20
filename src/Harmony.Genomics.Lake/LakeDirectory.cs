using System.Globalization;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>
/// A Parquet lake on a local file system, published by snapshots so that a run's tables appear together or not at all.
/// </summary>
/// <remarks>
/// <para>Layout: <c>DIR/_harmony/snapshots/&lt;n&gt;/&lt;table&gt;/&lt;key=value&gt;/&lt;file&gt;.parquet</c> holds the whole of snapshot
/// <c>n</c> (hard links to the files of snapshot <c>n-1</c> plus the run's new files) with its <c>sources.json</c>;
/// <c>DIR/_harmony/current</c> is a symbolic link to <c>snapshots/&lt;n&gt;</c>, and each <c>DIR/&lt;table&gt;</c> is a symbolic
/// link to <c>_harmony/current/&lt;table&gt;</c>. Publishing a run is one rename(2) of <c>current</c>, so readers and a
/// <c>kill -9</c> at any instant see either the old lake or the new one, across every table.</para>
/// <para>Example:</para>
/// <code>
/// var lake = LakeDirectory.Open("/data/lake");
/// using var tx = lake.BeginTransaction();
/// if (!tx.ContainsSource(sha)) { var ordinal = tx.AddSource(sha, "run1.vcf.gz"); /* write files at tx.NewFilePath(...) */ }
/// tx.Commit();
/// </code>
/// </remarks>
public sealed class LakeDirectory
{
    internal const string MetaDirectoryName = "_harmony";

    private LakeDirectory(string path)
    {
        Path = path;
    }

    /// <summary>The lake's absolute path.</summary>
    public string Path { get; }

    /// <summary>The sources in the current snapshot, by ordinal.</summary>
    public IReadOnlyList<LakeSource> Sources
    {
        get
        {
            var current = CurrentSnapshot;
            return current == 0 ? [] : SourcesManifest.Read(System.IO.Path.Combine(SnapshotPath(current), SourcesManifest.FileName));
        }
    }

    /// <summary>The tables in the current snapshot, sorted by name.</summary>
    public IReadOnlyList<string> Tables
    {
        get
        {
            var current = CurrentSnapshot;
            return current == 0 ? [] : ListTables(SnapshotPath(current));
        }
    }

    internal string MetaPath => System.IO.Path.Combine(Path, MetaDirectoryName);

    internal string SnapshotsPath => System.IO.Path.Combine(MetaPath, "snapshots");

    internal string StagingPath => System.IO.Path.Combine(MetaPath, "staging");

    internal string CurrentLinkPath => System.IO.Path.Combine(MetaPath, "current");

    internal string LockPath => System.IO.Path.Combine(MetaPath, "lock");

    /// <summary>The published snapshot number, or 0 for a lake with no commits yet.</summary>
    internal int CurrentSnapshot
    {
        get
        {
            var info = new FileInfo(CurrentLinkPath);
            var target = info.LinkTarget;
            if (target is null)
            {
                if (File.Exists(CurrentLinkPath) || Directory.Exists(CurrentLinkPath))
                {
                    throw new HarmonyException($"The lake '{Path}' is damaged: '{CurrentLinkPath}' is not a symbolic link.");
                }

                return 0;
            }

            const string prefix = "snapshots/";
            if (!target.StartsWith(prefix, StringComparison.Ordinal)
                || !int.TryParse(target.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n <= 0)
            {
                throw new HarmonyException($"The lake '{Path}' is damaged: '{CurrentLinkPath}' points to '{target}', not to snapshots/<n>.");
            }

            return n;
        }
    }

    /// <summary>
    /// Opens the lake at <paramref name="path"/>, creating an empty one if it is missing. When no writer holds the lake,
    /// leftovers of interrupted runs (staging folders, unpublished snapshots) are removed.
    /// </summary>
    /// <param name="path">The lake directory.</param>
    /// <returns>The lake.</returns>
    public static LakeDirectory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lake = new LakeDirectory(System.IO.Path.GetFullPath(path));
        if (File.Exists(lake.Path))
        {
            throw new HarmonyException($"Cannot open the lake '{lake.Path}': it is a file, not a directory.");
        }

        Directory.CreateDirectory(lake.SnapshotsPath);
        Directory.CreateDirectory(lake.StagingPath);
        using (var held = lake.TryAcquireLock())
        {
            // Another writer is running: its staging folder is live, so recovery waits for the next open.
            if (held is not null)
            {
                lake.Recover();
            }
        }

        return lake;
    }

    /// <summary>Starts the lake's single writer. Throws <see cref="HarmonyException"/> when another writer holds the lake.</summary>
    /// <returns>The transaction; only <see cref="LakeTransaction.Commit"/> publishes anything.</returns>
    public LakeTransaction BeginTransaction()
    {
        var held = TryAcquireLock() ?? throw new HarmonyException(
            $"The lake '{Path}' is locked by another writer (lock file '{LockPath}'). Wait for that run to finish; the lock is released when its process exits.");
        try
        {
            // Holding the lock means every staging folder and unpublished snapshot belongs to a dead run.
            Recover();
            return new LakeTransaction(this, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    internal string SnapshotPath(int snapshot) => System.IO.Path.Combine(SnapshotsPath, snapshot.ToString(CultureInfo.InvariantCulture));

    internal static List<string> ListTables(string snapshotPath) =>
        [.. Directory.EnumerateDirectories(snapshotPath).Select(d => System.IO.Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    /// <summary>An exclusive lock (flock through FileShare.None), released by the kernel if the process dies.</summary>
    internal FileStream? TryAcquireLock()
    {
        try
        {
            return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Removes what dead runs left behind and completes a publication cut short after the swap. Caller holds the lock.</summary>
    internal void Recover()
    {
        foreach (var dir in Directory.EnumerateDirectories(StagingPath))
        {
            Directory.Delete(dir, recursive: true);
        }

        var tmpLink = System.IO.Path.Combine(MetaPath, "current.tmp");
        if (new FileInfo(tmpLink).LinkTarget is not null || File.Exists(tmpLink))
        {
            File.Delete(tmpLink);
        }

        DeleteSnapshotsExcept(CurrentSnapshot);
        EnsureTableLinks();
    }

    /// <summary>Deletes every snapshot except <paramref name="current"/> and the one before it (readers may be mid-query on it).</summary>
    internal void DeleteSnapshotsExcept(int current)
    {
        foreach (var dir in Directory.EnumerateDirectories(SnapshotsPath))
        {
            var name = System.IO.Path.GetFileName(dir);
            var keep = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && current > 0 && (n == current || n == current - 1);
            if (!keep)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>Creates <c>DIR/&lt;table&gt;</c> links for tables of the current snapshot, only after that snapshot is published.</summary>
    internal void EnsureTableLinks()
    {
        var current = CurrentSnapshot;
        if (current == 0)
        {
            return;
        }

        var created = false;
        foreach (var table in ListTables(SnapshotPath(current)))
        {
            var link = System.IO.Path.Combine(Path, table);
            if (new FileInfo(link).LinkTarget is not null)
            {
                continue;
            }

            if (Directory.Exists(link) || File.Exists(link))
            {
                throw new HarmonyException($"The lake '{Path}' has a '{table}' entry that is not managed by harmony; move it away so the table can be published.");
            }

            // Relative target: the lake stays valid when its directory is moved or mounted elsewhere.
            File.CreateSymbolicLink(link, MetaDirectoryName + "/current/" + table);
            created = true;
        }

        if (created)
        {
            FileSync.Flush(Path);
        }
    }
}
