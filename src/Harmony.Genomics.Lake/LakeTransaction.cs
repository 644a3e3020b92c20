using System.Globalization;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>
/// One run's writes to a <see cref="LakeDirectory"/>: new files are staged under <c>_harmony/staging/&lt;runId&gt;</c> and
/// published together by <see cref="Commit"/>. <see cref="Dispose"/> without <see cref="Commit"/> aborts and leaves
/// nothing visible; so does a process killed at any instant. <see cref="AddSource(string, string)"/>, <see cref="SetRowCount"/>,
/// <see cref="NewFilePath"/> and <see cref="ContainsSource(string)"/> may be called from parallel writers. A transaction from
/// <see cref="LakeDirectory.BeginTransaction()"/> holds the lake throughout; one from <see cref="LakeDirectory.BeginAppend"/>
/// takes the lake's lock only to number a source and to commit, so several run at once.
/// </summary>
public sealed class LakeTransaction : IDisposable
{
    private readonly LakeDirectory _lake;
    private readonly int _baseSnapshot;
    private readonly List<LakeSource> _existingSources;
    private readonly HashSet<string> _knownHashes;
    private readonly List<PendingSource> _added = [];
    private readonly List<string> _stagedFiles = [];
    private readonly HashSet<string> _stagedSet = new(StringComparer.Ordinal);
    private readonly string _stagingPath;
    private readonly Lock _gate = new();
    private readonly bool _appends;
    private readonly TimeSpan _lockWait;
    private FileStream? _lock;
    private FileStream? _liveMark;
    private string? _buildingSnapshot;
    private int _nextOrdinal;
    private int _lastReserved;
    private int _expectedSources = 1;
    private State _state;

    // Called holding the lake's lock: heldLock for a transaction that keeps it, null for one that appends (the caller
    // releases it once the staging folder and its live mark exist, so no recovery can take them for a dead run's).
    internal LakeTransaction(LakeDirectory lake, FileStream? heldLock, TimeSpan lockWait)
    {
        _lake = lake;
        _lock = heldLock;
        _appends = heldLock is null;
        _lockWait = lockWait;
        _baseSnapshot = lake.CurrentSnapshot;
        _existingSources = [.. lake.Sources];
        _knownHashes = new HashSet<string>(_existingSources.Select(s => s.ContentSha256), StringComparer.Ordinal);
        // A run that holds the lake numbers its sources itself; an appending one asks the lake (ReserveOrdinal) once
        // the numbers it holds (none yet: 1 is past _lastReserved) run out.
        _nextOrdinal = _appends ? 1 : lake.LastReservedOrdinal(_existingSources) + 1;
        RunId = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        _stagingPath = Path.Combine(lake.StagingPath, RunId);
        FieldColumns = new FieldColumnRegistry(lake, () => _appends ? _lake.AcquireLock(_lockWait) : null);
        _liveMark = LockFile.TryHold(LakeDirectory.LiveMarkPath(_stagingPath), FileMode.CreateNew)
            ?? throw new InvalidOperationException($"The live mark of run {RunId} is held already.");
        Directory.CreateDirectory(_stagingPath);
    }

    private enum State
    {
        Active,
        Committed,
        Aborted,
    }

    /// <summary>
    /// The lake's columns for VCF fields, which the run's <see cref="Tables.VcfSourceWriter"/>s write through so that a
    /// field has one column type in every file of the lake.
    /// </summary>
    public FieldColumnRegistry FieldColumns { get; }

    /// <summary>The run's id: UTC start time and a random suffix, recorded with each source it adds.</summary>
    public string RunId { get; }

    /// <summary>
    /// The number of the snapshot this run publishes: one more than the published one, so it grows by one with every
    /// committed run. Tables that keep every run's rows (<c>classifications</c>, <c>clinical</c>) store it to find the
    /// latest run, which the run id (to the second) cannot order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction appends (<see cref="LakeDirectory.BeginAppend"/>):
    /// other runs may publish before it, so its number is known only once it commits.</exception>
    public long Snapshot => _appends
        ? throw new InvalidOperationException("An appending lake transaction learns its snapshot number only when it commits.")
        : _baseSnapshot + 1L;

    /// <summary>Simulates a killed process for tests: the kernel drops a dead process's locks, and nothing is cleaned up.</summary>
    internal void SimulateKill()
    {
        _lock?.Dispose();
        _liveMark?.Dispose();
    }

    /// <summary>Test hook called at named points of <see cref="Commit"/>; throwing from it simulates a crash there.</summary>
    internal Action<string>? FailPoint { get; set; }

    /// <summary>Whether a source with this content hash is in the lake or was added by this transaction.</summary>
    /// <param name="contentSha256">The lowercase hex SHA-256 of the source's bytes.</param>
    /// <returns><c>true</c> when the source must not be ingested again.</returns>
    public bool ContainsSource(string contentSha256)
    {
        lock (_gate)
        {
            ArgumentNullException.ThrowIfNull(contentSha256);
            return _knownHashes.Contains(NormalizeHash(contentSha256));
        }
    }

    /// <summary>
    /// Whether a source with this content hash is in the lake for <paramref name="cohort"/>: the same file ingested into two
    /// cohorts is two sources (two patients who share a raw id and an empty fusion table, say). An entry recorded before
    /// sources were scoped by cohort holds its bare content hash and counts for every cohort, as it did.
    /// </summary>
    /// <param name="contentSha256">The lowercase hex SHA-256 of the source's bytes (or of whatever identifies it).</param>
    /// <param name="cohort">The cohort the source is ingested into.</param>
    /// <returns><c>true</c> when the source must not be ingested again.</returns>
    public bool ContainsSource(string contentSha256, string cohort) =>
        ContainsSource(CohortIdentity(contentSha256, cohort)) || ContainsSource(contentSha256);

    /// <summary>Records a source this run ingests into <paramref name="cohort"/> (see <see cref="ContainsSource(string, string)"/>) and returns its ordinal.</summary>
    /// <param name="contentSha256">The lowercase hex SHA-256 of the source's bytes.</param>
    /// <param name="sourceName">The source's name (a file name; never store a full path, it may name a person).</param>
    /// <param name="cohort">The cohort.</param>
    /// <returns>The ordinal.</returns>
    public int AddSource(string contentSha256, string sourceName, string cohort) => AddSource(CohortIdentity(contentSha256, cohort), sourceName);

    // The identity recorded for a source of a cohort: the hash of its content hash and the cohort's name.
    private static string CohortIdentity(string contentSha256, string cohort)
    {
        ArgumentNullException.ThrowIfNull(contentSha256);
        ArgumentNullException.ThrowIfNull(cohort);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{NormalizeHash(contentSha256)}\ncohort:{cohort}")));
    }

    /// <summary>Records a source this run ingests and returns its ordinal, unique and increasing (from 1) across the lake.</summary>
    /// <param name="contentSha256">The lowercase hex SHA-256 of the source's bytes.</param>
    /// <param name="sourceName">The source's name (a file name; never store a full path, it may name a person).</param>
    /// <returns>The ordinal.</returns>
    public int AddSource(string contentSha256, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(contentSha256);
        ArgumentNullException.ThrowIfNull(sourceName);
        lock (_gate)
        {
            ThrowIfNotActive();
            ArgumentNullException.ThrowIfNull(sourceName);
            var hash = NormalizeHash(contentSha256);
            if (!_knownHashes.Add(hash))
            {
                throw new HarmonyException($"The source '{sourceName}' (sha256 {hash}) is already in the lake '{_lake.Path}'; it is not ingested twice.");
            }

            var source = new PendingSource(hash, sourceName, TakeOrdinal());
            _added.Add(source);
            return source.Ordinal;
        }
    }

    /// <summary>
    /// Numbers a source whose content hash is not known yet, so that its rows can be made while the hash is computed;
    /// <see cref="AddReservedSource"/> then records it under that number, or gives the number back when the lake already
    /// holds the content. A number neither added nor given back is a gap, as numbers an appending run takes and does not
    /// use are (see <see cref="ExpectSources"/>).
    /// </summary>
    /// <returns>The ordinal, unique and increasing across the lake as <see cref="AddSource(string, string)"/>'s are.</returns>
    public int ReserveSource()
    {
        lock (_gate)
        {
            ThrowIfNotActive();
            return TakeOrdinal();
        }
    }

    // The next source's ordinal, called holding the gate: a run that holds the lake numbers its sources itself, an
    // appending one from the numbers it reserved (ReserveOrdinal).
    private int TakeOrdinal() => _appends ? ReserveOrdinal() : _nextOrdinal++;

    /// <summary>
    /// Records a source of <paramref name="cohort"/> under the ordinal <see cref="ReserveSource"/> gave it, as
    /// <see cref="AddSource(string, string, string)"/> records one; false, with nothing recorded and the ordinal given
    /// back, when the lake or this run already holds the content (the caller then writes nothing of the source).
    /// </summary>
    /// <param name="ordinal">The ordinal from <see cref="ReserveSource"/>.</param>
    /// <param name="contentSha256">The lowercase hex SHA-256 of the source's bytes.</param>
    /// <param name="sourceName">The source's name (a file name; never a full path).</param>
    /// <param name="cohort">The cohort the source is ingested into.</param>
    /// <returns>Whether the source was recorded.</returns>
    public bool AddReservedSource(int ordinal, string contentSha256, string sourceName, string cohort)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var hash = CohortIdentity(contentSha256, cohort);
        lock (_gate)
        {
            ThrowIfNotReserved(ordinal);
            if (!_knownHashes.Add(hash))
            {
                GiveBack(ordinal);
                return false;
            }

            _added.Add(new PendingSource(hash, sourceName, ordinal));
            return true;
        }
    }

    /// <summary>
    /// Gives back the ordinal <see cref="ReserveSource"/> gave a source that will not be added, as
    /// <see cref="AddReservedSource"/> does for content the lake already holds: for a caller that knows so already
    /// (<see cref="ContainsSource(string, string)"/>), without asking again.
    /// </summary>
    /// <param name="ordinal">The ordinal from <see cref="ReserveSource"/>, neither added nor given back.</param>
    public void GiveBackSource(int ordinal)
    {
        lock (_gate)
        {
            ThrowIfNotReserved(ordinal);
            GiveBack(ordinal);
        }
    }

    // Called holding the gate.
    private void ThrowIfNotReserved(int ordinal)
    {
        ThrowIfNotActive();
        if (_added.Exists(s => s.Ordinal == ordinal) || ordinal >= _nextOrdinal)
        {
            throw new InvalidOperationException($"Source ordinal {ordinal} was not reserved, or is already added, in this transaction.");
        }
    }

    // Given back when no later number was taken since, so that the next source takes it: the lake's numbers stay as they
    // were when the hash came first. Called holding the gate.
    private void GiveBack(int ordinal)
    {
        if (ordinal == _nextOrdinal - 1)
        {
            _nextOrdinal--;
        }
    }

    /// <summary>
    /// Says how many sources this run expects to add, so that an appending run takes numbers for up to 64 of them in
    /// one hold of the lake's lock rather than one at a time. Numbers it takes and does not use are gaps.
    /// </summary>
    /// <param name="count">The sources expected (the inputs of the run, say).</param>
    public void ExpectSources(int count)
    {
        lock (_gate)
        {
            _expectedSources = Math.Max(1, count);
        }
    }

    // An appending run numbers its sources under the lake's lock, past every number any run has taken: the ordinal is
    // written into the source's rows before the run commits, so runs staging at the same time must not share one.
    private int ReserveOrdinal()
    {
        if (_nextOrdinal > _lastReserved)
        {
            using var held = _lake.AcquireLock(_lockWait);
            _nextOrdinal = _lake.LastReservedOrdinal(_existingSources) + 1;
            _lastReserved = _nextOrdinal + Math.Clamp(_expectedSources - _added.Count, 1, 64) - 1;
            _lake.RecordReservedOrdinal(_lastReserved);
        }

        return _nextOrdinal++;
    }

    /// <summary>Records how many rows a source contributed to a table.</summary>
    /// <param name="ordinal">An ordinal returned by <see cref="AddSource(string, string)"/> in this transaction.</param>
    /// <param name="table">The table name.</param>
    /// <param name="rows">The row count.</param>
    public void SetRowCount(int ordinal, string table, long rows)
    {
        lock (_gate)
        {
            ThrowIfNotActive();
            ArgumentOutOfRangeException.ThrowIfNegative(rows);
            if (!LakeNames.IsValidIdentifier(table))
            {
                throw new HarmonyException($"Invalid table name '{table}': use letters, digits and '_', starting with a letter.");
            }

            var source = _added.Find(s => s.Ordinal == ordinal)
                ?? throw new HarmonyException($"Source ordinal {ordinal} was not added by this transaction.");
            source.RowCounts[table] = rows;
        }
    }

    /// <summary>
    /// Checks Hive partition columns and values before any file is written, so that a bad value (a name too long for a
    /// directory, say) is refused up front with its reason rather than by a writer thread later.
    /// </summary>
    /// <exception cref="HarmonyException">A column name or value the lake cannot use.</exception>
    public static void CheckPartitions(IReadOnlyList<KeyValuePair<string, string>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var (key, value) in partitions)
        {
            // Checked up front, a run's partition values must name something: an empty one would be written as Hive's
            // default partition and read back as NULL.
            if (string.IsNullOrEmpty(value))
            {
                throw new HarmonyException($"The {key} name is empty: give a {key} (rows are partitioned by it, and an empty one reads back as NULL).");
            }

            // DuckDB and Hive read these directory values as NULL.
            if (value.Equals("null", StringComparison.OrdinalIgnoreCase) || value == HivePartition.DefaultPartition)
            {
                throw new HarmonyException($"The {key} name '{value}' reads back as NULL in DuckDB, Spark and Hive: give another {key} name.");
            }

            HivePartition.Segment(key, value);
        }
    }

    /// <summary>
    /// Reserves a new file and returns the staging path where the caller writes it
    /// (<c>_harmony/staging/&lt;runId&gt;/&lt;table&gt;/&lt;key=value&gt;.../&lt;fileName&gt;</c>); its directories are created.
    /// </summary>
    /// <param name="table">The table name (letters, digits and '_', starting with a letter).</param>
    /// <param name="partitions">Hive partition columns and values, outermost first; values are percent-escaped.</param>
    /// <param name="fileName">A plain file name, unique in its partition (include the run id or source ordinal).</param>
    /// <returns>The absolute path to write.</returns>
    public string NewFilePath(string table, IReadOnlyList<KeyValuePair<string, string>> partitions, string fileName)
    {
        lock (_gate)
        {
            ThrowIfNotActive();
            ArgumentNullException.ThrowIfNull(partitions);
            if (!LakeNames.IsValidIdentifier(table))
            {
                throw new HarmonyException($"Invalid table name '{table}': use letters, digits and '_', starting with a letter.");
            }

            if (!LakeNames.IsValidFileName(fileName))
            {
                throw new HarmonyException($"Invalid lake file name '{fileName}': no path separators, and not starting with '.' or '_'.");
            }

            var parts = new List<string>(partitions.Count + 2) { table };
            parts.AddRange(partitions.Select(p => HivePartition.Segment(p.Key, p.Value)));
            parts.Add(fileName);
            var relative = string.Join('/', parts);
            if (!_stagedSet.Add(relative)
                || (_baseSnapshot > 0 && File.Exists(Path.Combine(_lake.SnapshotPath(_baseSnapshot), relative))))
            {
                throw new HarmonyException($"The lake file '{relative}' already exists; give each run's files unique names.");
            }

            _stagedFiles.Add(relative);
            var path = Path.Combine(_stagingPath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }
    }

    /// <summary>
    /// Publishes every staged file and source at once: builds the next snapshot completely, flushes it to disk, then
    /// swaps <c>_harmony/current</c> with one rename(2). The only success path.
    /// </summary>
    public void Commit()
    {
        ThrowIfNotActive();
        if (_added.Count == 0 && _stagedFiles.Count == 0)
        {
            // Nothing new: publishing an identical snapshot would only churn the lake.
            _state = State.Committed;
            DeleteStaging();
            Release();
            return;
        }

        if (_appends)
        {
            // Held from here to the end of the commit (Release), or until the failure that aborts it (Dispose).
            _lock = _lake.AcquireLock(_lockWait);
        }

        // An appending run publishes on top of what other runs published while it staged.
        var baseSnapshot = _appends ? _lake.CurrentSnapshot : _baseSnapshot;
        var existingSources = baseSnapshot == _baseSnapshot ? _existingSources : [.. _lake.Sources];
        if (baseSnapshot != _baseSnapshot)
        {
            RefuseWhatOthersCommitted(baseSnapshot, existingSources);
        }

        foreach (var relative in _stagedFiles)
        {
            if (!File.Exists(Path.Combine(_stagingPath, relative)))
            {
                throw new HarmonyException($"The lake file '{relative}' was reserved but never written; the run is not committed.");
            }
        }

        // Refuse before building anything: after the swap a foreign entry would leave the new table unreachable.
        foreach (var table in _stagedFiles.Select(f => f[..f.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal))
        {
            var entry = Path.Combine(_lake.Path, table);
            if (new FileInfo(entry).LinkTarget is null && (Directory.Exists(entry) || File.Exists(entry)))
            {
                throw new HarmonyException($"The lake '{_lake.Path}' has a '{table}' entry that is not managed by harmony; move it away so the table can be published.");
            }
        }

        var next = baseSnapshot + 1;
        var nextPath = _lake.SnapshotPath(next);
        if (Directory.Exists(nextPath))
        {
            FileSync.DeleteTree(nextPath);
        }

        _buildingSnapshot = nextPath;
        if (baseSnapshot > 0)
        {
            // Hard links: the new snapshot shares the old files' bytes, and the old snapshot stays intact for readers.
            FileSync.LinkTree(_lake.SnapshotPath(baseSnapshot), nextPath, skipTopLevelFile: SourcesManifest.FileName);
        }
        else
        {
            Directory.CreateDirectory(nextPath);
        }

        foreach (var relative in _stagedFiles)
        {
            var staged = Path.Combine(_stagingPath, relative);
            FileSync.Flush(staged);
            var target = Path.Combine(nextPath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(staged, target);
        }

        FailPoint?.Invoke("files-placed");
        SourcesManifest.Write(
            Path.Combine(nextPath, SourcesManifest.FileName),
            existingSources.Concat(_added.Select(s => s.ToSource(RunId))));
        FileSync.FlushDirectoryTree(nextPath);
        FileSync.Flush(_lake.SnapshotsPath);
        FailPoint?.Invoke("before-swap");

        var tmpLink = Path.Combine(_lake.MetaPath, "current.tmp");
        if (new FileInfo(tmpLink).LinkTarget is not null)
        {
            File.Delete(tmpLink);
        }

        File.CreateSymbolicLink(tmpLink, "snapshots/" + next.ToString(CultureInfo.InvariantCulture));
        FileSync.RenameOver(tmpLink, _lake.CurrentLinkPath);
        FileSync.Flush(_lake.MetaPath);
        _state = State.Committed;
        _buildingSnapshot = null;
        FailPoint?.Invoke("after-swap");

        // From here the run is published; what follows is tidying that the next open also redoes.
        try
        {
            _lake.EnsureTableLinks();
            DeleteStaging();
        }
        finally
        {
            _lock?.Dispose();
            _lock = null;
        }

        // Old snapshots go once the lake is released: removing one costs as much as linking the lake, and runs of an
        // array queue for the lock. Only those before the previous one, which readers may still be on; the ones after
        // are other runs' (a newer one may be building now). Runs finishing together may remove the same one at once.
        FailPoint?.Invoke("lock-released");
        try
        {
            _lake.DeleteSnapshotsBefore(next - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run is published; a later commit or open removes what is left.
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Aborts unless committed: deletes the staging folder and any half-built snapshot, and releases the lake.</summary>
    public void Dispose()
    {
        if (_state == State.Active)
        {
            _state = State.Aborted;
            try
            {
                if (_buildingSnapshot is not null && Directory.Exists(_buildingSnapshot))
                {
                    FileSync.DeleteTree(_buildingSnapshot);
                }

                DeleteStaging();
            }
            catch (IOException)
            {
                // Leftovers are harmless (never published) and the next open removes them.
            }
        }

        Release();
    }

    private static string NormalizeHash(string contentSha256)
    {
        if (contentSha256.Length != 64 || !contentSha256.All(char.IsAsciiHexDigit))
        {
            throw new HarmonyException($"'{contentSha256}' is not a SHA-256 in hex (64 hex digits).");
        }

        return contentSha256.ToLowerInvariant();
    }

    // An appending run publishing on a snapshot that other runs committed after it started: none of its sources or files
    // may be there already.
    private void RefuseWhatOthersCommitted(int baseSnapshot, IReadOnlyList<LakeSource> published)
    {
        var byHash = new Dictionary<string, LakeSource>(StringComparer.Ordinal);
        foreach (var source in published)
        {
            byHash.TryAdd(source.ContentSha256, source);
        }

        foreach (var source in _added)
        {
            if (byHash.TryGetValue(source.ContentSha256, out var other))
            {
                throw new HarmonyException(
                    $"The source '{source.SourceName}' (sha256 {source.ContentSha256}) was committed to the lake '{_lake.Path}' by another run ({other.RunId}, as '{other.SourceName}') while this run was reading it; nothing of this run is committed. Run it again: what the lake holds is skipped.");
            }
        }

        foreach (var relative in _stagedFiles)
        {
            if (File.Exists(Path.Combine(_lake.SnapshotPath(baseSnapshot), relative)))
            {
                throw new HarmonyException($"The lake file '{relative}' was committed by another run meanwhile; give each run's files unique names.");
            }
        }
    }

    // The staging folder, then its live mark (once the folder is gone no recovery can mistake it for a dead run's).
    private void DeleteStaging()
    {
        if (Directory.Exists(_stagingPath))
        {
            FileSync.DeleteTree(_stagingPath);
        }

        File.Delete(LakeDirectory.LiveMarkPath(_stagingPath));
    }

    private void Release()
    {
        _lock?.Dispose();
        _lock = null;
        _liveMark?.Dispose();
        _liveMark = null;
    }

    private void ThrowIfNotActive()
    {
        if (_state != State.Active)
        {
            throw new InvalidOperationException($"The lake transaction {RunId} is already {(_state == State.Committed ? "committed" : "aborted")}.");
        }

        if ((_appends ? _liveMark : _lock) is null)
        {
            throw new InvalidOperationException($"The lake transaction {RunId} has lost its lock.");
        }
    }
}
