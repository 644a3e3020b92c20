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
/// <para>Writers: <see cref="BeginTransaction()"/> holds the lake's lock from start to commit (a run whose rows depend on
/// what the lake already holds); <see cref="BeginAppend"/> stages without it and takes it only to number its sources
/// and to publish, on top of whatever other runs published meanwhile, so that many appending runs (a Slurm array, one
/// file per task) ingest at once.</para>
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

    /// <summary>
    /// Told, once per wait, when a writer has waited a second for the lake's lock, so that a job that waits for its
    /// turn (a Slurm array task, say) says why it is idle.
    /// </summary>
    public Action<string>? Waiting { get; set; }

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

    // The last source ordinal handed out by any run, committed or not, so that runs staging at the same time never
    // share one (a source's ordinal is written into its rows' variant_id before it is committed).
    internal string LastOrdinalPath => System.IO.Path.Combine(MetaPath, "last-ordinal");

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

        // A lake is not made in a folder that holds other folders (a home folder given by mistake; a table-named folder,
        // which the commit would refuse only after staging): refused before anything is written into it. Files (Slurm's
        // slurm-*.out of jobs submitted from there), lost+found of a volume, hidden entries, and the _harmony folder
        // another task is creating at this very moment, are no reason to refuse.
        if (Directory.Exists(lake.Path) && !Directory.Exists(lake.MetaPath)
            && Directory.EnumerateDirectories(lake.Path).Select(System.IO.Path.GetFileName).FirstOrDefault(n => n is not (MetaDirectoryName or "lost+found") && !n!.StartsWith('.')) is { } other)
        {
            throw new HarmonyException($"Cannot make a lake in '{lake.Path}': the folder holds other folders ('{other}') and is not a Harmony lake (no {MetaDirectoryName} folder); give a new or empty folder.");
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

    /// <summary>
    /// Starts a writer that holds the lake from now until it commits or aborts, for runs whose rows depend on what the
    /// lake holds when they start. Throws <see cref="HarmonyException"/> when another writer holds the lake.
    /// </summary>
    /// <returns>The transaction; only <see cref="LakeTransaction.Commit"/> publishes anything.</returns>
    public LakeTransaction BeginTransaction() => BeginTransaction(TimeSpan.Zero);

    /// <summary>
    /// As <see cref="BeginTransaction()"/>, first waiting up to <paramref name="lockWait"/> for other writers to finish
    /// (appending runs hold the lake only while they number a source or commit).
    /// </summary>
    /// <param name="lockWait">How long to wait for the lake's lock; zero fails at once when another writer holds it.</param>
    /// <returns>The transaction; only <see cref="LakeTransaction.Commit"/> publishes anything.</returns>
    public LakeTransaction BeginTransaction(TimeSpan lockWait)
    {
        var held = lockWait > TimeSpan.Zero ? AcquireLock(lockWait) : TryAcquireLock() ?? throw new HarmonyException(
            $"The lake '{Path}' is locked by another writer (lock file '{LockPath}'): another process, or another transaction of this one. Wait for that run to finish; the lock is released when it commits or aborts, or when its process exits.");
        try
        {
            // Holding the lock, every staging folder whose run is not alive and every unpublished snapshot is a leftover.
            Recover();
            return new LakeTransaction(this, held, TimeSpan.Zero);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a writer that only adds sources and files, alongside other such writers: it stages without holding the
    /// lake, takes the lake's lock for a moment to number each source, and at <see cref="LakeTransaction.Commit"/>
    /// publishes its files on top of the snapshot current then. A source that another run committed meanwhile makes
    /// the commit fail, publishing nothing (run again: what the lake holds is skipped).
    /// </summary>
    /// <param name="lockWait">How long to wait for the lock each time it is needed before giving up with an error.</param>
    /// <returns>The transaction; only <see cref="LakeTransaction.Commit"/> publishes anything.</returns>
    public LakeTransaction BeginAppend(TimeSpan lockWait)
    {
        using var held = AcquireLock(lockWait);
        Recover();
        return new LakeTransaction(this, null, lockWait);
    }

    internal string SnapshotPath(int snapshot) => System.IO.Path.Combine(SnapshotsPath, snapshot.ToString(CultureInfo.InvariantCulture));

    internal static List<string> ListTables(string snapshotPath) =>
        [.. Directory.EnumerateDirectories(snapshotPath).Select(d => System.IO.Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    /// <summary>The lake's exclusive lock (<see cref="LockFile"/>), released by the kernel if the process dies.</summary>
    internal FileStream? TryAcquireLock() => LockFile.TryHold(LockPath, FileMode.OpenOrCreate);

    /// <summary>Waits for the lake's lock, polling, and throws <see cref="HarmonyException"/> once <paramref name="wait"/> has passed.</summary>
    internal FileStream AcquireLock(TimeSpan wait)
    {
        var start = Environment.TickCount64;
        var deadline = start + (long)wait.TotalMilliseconds;
        var pause = 5;
        var told = false;
        while (true)
        {
            if (TryAcquireLock() is { } held)
            {
                return held;
            }

            if (!told && Environment.TickCount64 - start >= 1000 && Waiting is { } waiting)
            {
                told = true;
                waiting($"waiting for the lake '{Path}': another run is writing to it (lock file '{LockPath}'); giving up after {wait.TotalSeconds:0.#} s (--lock-wait)");
            }

            if (Environment.TickCount64 >= deadline)
            {
                throw new HarmonyException(
                    $"The lake '{Path}' stayed locked by another writer for {wait.TotalSeconds:0.#} s (lock file '{LockPath}'); nothing was committed. Run again later, or wait longer (--lock-wait).");
            }

            Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 200);
        }
    }

    /// <summary>The path of the lock file an alive run holds on its staging folder.</summary>
    internal static string LiveMarkPath(string stagingFolder) => stagingFolder + ".live";

    /// <summary>
    /// The last source ordinal handed out to any run, committed or not: the larger of the lake's record of it and the
    /// largest published one (a lake written before the record existed has only the latter). Caller holds the lock.
    /// </summary>
    internal int LastReservedOrdinal(IReadOnlyList<LakeSource> published)
    {
        var last = published.Count == 0 ? 0 : published.Max(s => s.Ordinal);
        if (File.Exists(LastOrdinalPath))
        {
            // Never guessed past: a run still staging may hold any number up to the recorded one.
            var text = File.ReadAllText(LastOrdinalPath);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var reserved))
            {
                throw new HarmonyException($"The lake '{Path}' is damaged: '{LastOrdinalPath}' should hold the last source number handed out, not '{text}'.");
            }

            last = Math.Max(last, reserved);
        }

        return last;
    }

    /// <summary>Records <paramref name="ordinal"/> as the last one handed out. Caller holds the lock.</summary>
    internal void RecordReservedOrdinal(int ordinal)
    {
        // Written aside and renamed over, so that a crash leaves the old number or the new one, never a torn file.
        var tmp = LastOrdinalPath + ".tmp";
        File.WriteAllText(tmp, ordinal.ToString(CultureInfo.InvariantCulture));
        FileSync.Flush(tmp);
        FileSync.RenameOver(tmp, LastOrdinalPath);
    }

    /// <summary>Removes what dead runs left behind and completes a publication cut short after the swap. Caller holds the lock.</summary>
    internal void Recover()
    {
        foreach (var dir in Directory.EnumerateDirectories(StagingPath))
        {
            // An appending run stages while others hold the lock: its folder is left alone as long as it is alive.
            var mark = LiveMarkPath(dir);
            if (LockFile.IsHeld(mark))
            {
                continue;
            }

            FileSync.DeleteTree(dir);
            File.Delete(mark);
        }

        foreach (var mark in Directory.EnumerateFiles(StagingPath, "*.live"))
        {
            if (!LockFile.IsHeld(mark))
            {
                File.Delete(mark);
            }
        }

        var tmpLink = System.IO.Path.Combine(MetaPath, "current.tmp");
        if (new FileInfo(tmpLink).LinkTarget is not null || File.Exists(tmpLink))
        {
            File.Delete(tmpLink);
        }

        DeleteSnapshotsExcept(CurrentSnapshot);
        EnsureTableLinks();
    }

    /// <summary>
    /// Deletes every snapshot except <paramref name="current"/> and the one before it (readers may be mid-query on it).
    /// Caller holds the lock; a run that committed earlier may be removing the same old snapshots without it.
    /// </summary>
    internal void DeleteSnapshotsExcept(int current)
    {
        foreach (var dir in Directory.EnumerateDirectories(SnapshotsPath))
        {
            var name = System.IO.Path.GetFileName(dir);
            var keep = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && current > 0 && (n == current || n == current - 1);
            if (!keep)
            {
                FileSync.DeleteTree(dir, othersMayDelete: true);
            }
        }
    }

    /// <summary>
    /// Deletes the snapshots numbered below <paramref name="oldestKept"/>, without the lock: never a newer one, which
    /// another run may be building, and never a half-built leftover (numbered above the current one; an open under
    /// the lock removes those). Other runs may be removing the same snapshots at once.
    /// </summary>
    internal void DeleteSnapshotsBefore(int oldestKept)
    {
        foreach (var dir in Directory.EnumerateDirectories(SnapshotsPath))
        {
            if (int.TryParse(System.IO.Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < oldestKept)
            {
                FileSync.DeleteTree(dir, othersMayDelete: true);
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
