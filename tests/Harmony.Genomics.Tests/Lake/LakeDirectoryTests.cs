using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

public sealed class LakeDirectoryTests : IDisposable
{
    private readonly TempLake _temp = new();

    public void Dispose() => _temp.Dispose();

    private static KeyValuePair<string, string>[] Cohort(string name) => [new("cohort", name)];

    /// <summary>Stages one source writing a variants file and a samples file, then commits.</summary>
    private static void CommitRun(LakeDirectory lake, string content, string cohort, int rows)
    {
        using var tx = lake.BeginTransaction();
        var ordinal = tx.AddSource(TempLake.Sha(content), content + ".vcf");
        TempLake.WriteParquet(
            tx.NewFilePath("variants", Cohort(cohort), $"part-{ordinal}.parquet"),
            $"select {ordinal} as source, range as pos from range({rows})");
        TempLake.WriteParquet(
            tx.NewFilePath("samples", Cohort(cohort), $"part-{ordinal}.parquet"),
            $"select {ordinal} as source, 'hs_{ordinal}' as sample");
        tx.SetRowCount(ordinal, "variants", rows);
        tx.SetRowCount(ordinal, "samples", 1);
        tx.Commit();
    }

    /// <summary>
    /// A folder that holds other folders and no lake (a home folder given by mistake, a table-named folder that the
    /// commit would refuse after staging) is refused before anything is written into it.
    /// </summary>
    [Fact]
    public void Open_RefusesAFolderOfOtherFoldersThatIsNoLake_AndLeavesItAsItWas()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "variants"));
        File.WriteAllText(Path.Combine(_temp.Path0, "notes.txt"), "mine");

        var error = Assert.Throws<HarmonyException>(() => LakeDirectory.Open(_temp.Path0));

        Assert.Contains("holds other folders ('variants') and is not a Harmony lake", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt", "variants"], Directory.EnumerateFileSystemEntries(_temp.Path0).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Files, lost+found and hidden entries are no reason to refuse (jobs submitted from the lake folder, a volume).
        var empty = Path.Combine(_temp.Root, "empty");
        Directory.CreateDirectory(Path.Combine(empty, "lost+found"));
        Directory.CreateDirectory(Path.Combine(empty, ".snapshot"));
        File.WriteAllText(Path.Combine(empty, "slurm-1_1.out"), "log");
        LakeDirectory.Open(empty);
        Assert.True(Directory.Exists(Path.Combine(empty, "_harmony")));
    }

    private static long Count(string lakePath, string table, string where = "true") =>
        Convert.ToInt64(TempLake.Query(
            $"select count(*) from read_parquet('{lakePath}/{table}/**/*.parquet', hive_partitioning = true, union_by_name = true) where {where}")[0][0],
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Commit_TwoRuns_DuckDbReadsBothThroughTableLinks()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);
        CommitRun(LakeDirectory.Open(_temp.Path0), "second", "T-ALL", 5);

        Assert.Equal(8, Count(_temp.Path0, "variants"));
        Assert.Equal(5, Count(_temp.Path0, "variants", "cohort = 'T-ALL'"));
        Assert.Equal(2, Count(_temp.Path0, "samples"));
        Assert.Equal(["samples", "variants"], lake.Tables);
        var sources = lake.Sources;
        Assert.Equal([1, 2], sources.Select(s => s.Ordinal));
        Assert.Equal(5, sources[1].RowCounts["variants"]);
        Assert.Equal("second.vcf", sources[1].SourceName);
        Assert.Equal("_harmony/current/variants", new FileInfo(Path.Combine(_temp.Path0, "variants")).LinkTarget);
    }

    [Fact]
    public void Commit_ThreeRuns_KeepsOnlyCurrentAndPreviousSnapshots_SharingFilesByHardLink()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "a", "x", 1);
        CommitRun(lake, "b", "x", 1);
        CommitRun(lake, "c", "x", 1);

        var snapshots = Directory.EnumerateDirectories(Path.Combine(_temp.Path0, "_harmony", "snapshots")).Select(Path.GetFileName).Order();
        Assert.Equal(["2", "3"], snapshots);
        Assert.Equal("snapshots/3", new FileInfo(Path.Combine(_temp.Path0, "_harmony", "current")).LinkTarget);
        Assert.Equal(3, Count(_temp.Path0, "variants"));

        // The first run's file in snapshot 3 is the same inode as in snapshot 2: published by link, not by copy.
        var inSnapshot2 = Path.Combine(_temp.Path0, "_harmony", "snapshots", "2", "variants", "cohort=x", "part-1.parquet");
        var inSnapshot3 = Path.Combine(_temp.Path0, "_harmony", "snapshots", "3", "variants", "cohort=x", "part-1.parquet");
        Assert.Equal(File.ReadAllBytes(inSnapshot2), File.ReadAllBytes(inSnapshot3));
        File.AppendAllText(inSnapshot2, "!");
        Assert.Equal(new FileInfo(inSnapshot2).Length, new FileInfo(inSnapshot3).Length);
    }

    [Fact]
    public void Commit_RemovesOldSnapshotsAfterReleasingTheLake_NeverOneNewerThanItsOwn()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "a", "x", 1);
        CommitRun(lake, "b", "x", 1);
        var snapshots = Path.Combine(_temp.Path0, "_harmony", "snapshots");

        using var tx = lake.BeginTransaction();
        var ordinal = tx.AddSource(TempLake.Sha("c"), "c.vcf");
        TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("x"), $"part-{ordinal}.parquet"), "select 1 as pos");
        bool? heldWhileTidying = null;
        tx.FailPoint = point =>
        {
            if (point == "lock-released")
            {
                heldWhileTidying = LockFile.IsHeld(Path.Combine(_temp.Path0, "_harmony", "lock"));
                // Another run, which took the lake as soon as it was free, building snapshot 4.
                Directory.CreateDirectory(Path.Combine(snapshots, "4", "variants"));
                File.WriteAllText(Path.Combine(snapshots, "4", "variants", "part-9.parquet"), "being linked");
            }
        };
        tx.Commit();

        Assert.False(heldWhileTidying);
        Assert.Equal(["2", "3", "4"], Directory.EnumerateDirectories(snapshots).Select(Path.GetFileName).Order());
        Assert.Equal("being linked", File.ReadAllText(Path.Combine(snapshots, "4", "variants", "part-9.parquet")));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesLakeByteIdentical()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);
        var before = _temp.Fingerprint();

        using (var tx = lake.BeginTransaction())
        {
            var ordinal = tx.AddSource(TempLake.Sha("second"), "second.vcf");
            TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("T-ALL"), "part-2.parquet"), "select 1 as pos");
            TempLake.WriteParquet(tx.NewFilePath("fusions", Cohort("T-ALL"), "part-2.parquet"), "select 1 as id");
            tx.SetRowCount(ordinal, "variants", 1);
        }

        Assert.Equal(before, _temp.Fingerprint());
        Assert.Equal(3, Count(_temp.Path0, "variants"));
    }

    [Fact]
    public void CommitFailure_BeforeSwap_DisposeRestoresLake()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);
        var before = _temp.Fingerprint();

        using (var tx = lake.BeginTransaction())
        {
            tx.AddSource(TempLake.Sha("second"), "second.vcf");
            TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("T-ALL"), "part-2.parquet"), "select 1 as pos");
            tx.FailPoint = point => throw new IOException("disk full at " + point);
            Assert.Throws<IOException>(tx.Commit);
        }

        Assert.Equal(before, _temp.Fingerprint());
    }

    [Theory]
    [InlineData("files-placed")]
    [InlineData("before-swap")]
    public void Crash_MidCommitBeforeRename_ReopenCleansAndLakeIsUnchanged(string crashPoint)
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);
        var before = _temp.Fingerprint();

        // A "killed" writer: no Dispose, no cleanup; only the kernel drops its lock, as it does for a dead process.
        var tx = lake.BeginTransaction();
        tx.AddSource(TempLake.Sha("second"), "second.vcf");
        TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("T-ALL"), "part-2.parquet"), "select 1 as pos");
        TempLake.WriteParquet(tx.NewFilePath("fusions", Cohort("T-ALL"), "part-2.parquet"), "select 1 as id");
        tx.FailPoint = point => { if (point == crashPoint) { throw new OperationCanceledException("killed"); } };
        Assert.Throws<OperationCanceledException>(tx.Commit);
        tx.SimulateKill();

        // Readers never saw the half-built snapshot: the published tree is as before.
        Assert.Equal(3, Count(_temp.Path0, "variants"));
        Assert.False(Directory.Exists(Path.Combine(_temp.Path0, "fusions")));

        var reopened = LakeDirectory.Open(_temp.Path0);
        Assert.Equal(before, _temp.Fingerprint());
        Assert.Single(reopened.Sources);
        using var next = reopened.BeginTransaction();
        Assert.Equal(2, next.AddSource(TempLake.Sha("second"), "second.vcf"));
    }

    [Fact]
    public void Crash_AfterStaging_ReopenRemovesStagingAndLakeIsUnchanged()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);
        var before = _temp.Fingerprint();

        var tx = lake.BeginTransaction();
        tx.AddSource(TempLake.Sha("second"), "second.vcf");
        TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("T-ALL"), "part-2.parquet"), "select 1 as pos");
        Assert.NotEqual(before, _temp.Fingerprint());
        tx.SimulateKill();

        LakeDirectory.Open(_temp.Path0);
        Assert.Equal(before, _temp.Fingerprint());
    }

    [Fact]
    public void Crash_AfterSwap_ReopenCreatesMissingTableLinks()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var tx = lake.BeginTransaction();
        tx.AddSource(TempLake.Sha("first"), "first.vcf");
        TempLake.WriteParquet(tx.NewFilePath("variants", Cohort("B-ALL"), "part-1.parquet"), "select 1 as pos");
        tx.FailPoint = point => { if (point == "after-swap") { throw new OperationCanceledException("killed"); } };
        Assert.Throws<OperationCanceledException>(tx.Commit);
        tx.SimulateKill();
        Assert.False(Directory.Exists(Path.Combine(_temp.Path0, "variants")));

        LakeDirectory.Open(_temp.Path0);
        Assert.Equal(1, Count(_temp.Path0, "variants"));
    }

    [Fact]
    public void AddSource_SameContentInLaterTransaction_IsDetectedAndRefused()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "B-ALL", 3);

        using var tx = LakeDirectory.Open(_temp.Path0).BeginTransaction();
        Assert.True(tx.ContainsSource(TempLake.Sha("first")));
        Assert.True(tx.ContainsSource(TempLake.Sha("first").ToUpperInvariant()));
        Assert.False(tx.ContainsSource(TempLake.Sha("second")));
        var e = Assert.Throws<HarmonyException>(() => tx.AddSource(TempLake.Sha("first"), "renamed.vcf"));
        Assert.Contains("already in the lake", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, tx.AddSource(TempLake.Sha("second"), "second.vcf"));
        Assert.True(tx.ContainsSource(TempLake.Sha("second")));
        Assert.Throws<HarmonyException>(() => tx.AddSource(TempLake.Sha("second"), "again.vcf"));
    }

    [Fact]
    public void BeginTransaction_WhileAnotherWriterHoldsLake_FailsNamingTheLake()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        using var first = lake.BeginTransaction();
        var e = Assert.Throws<HarmonyException>(() => LakeDirectory.Open(_temp.Path0).BeginTransaction());
        Assert.Contains(_temp.Path0, e.Message, StringComparison.Ordinal);
        Assert.Contains("locked", e.Message, StringComparison.Ordinal);

        // Opening while locked must not clean the live writer's staging folder.
        var staged = first.NewFilePath("variants", [], "part-1.parquet");
        LakeDirectory.Open(_temp.Path0);
        Assert.True(Directory.Exists(Path.GetDirectoryName(staged)));
    }

    /// <summary>Stages one source in an appending transaction: a variants file of <paramref name="rows"/> rows.</summary>
    private static int StageSource(LakeTransaction tx, string content, int rows)
    {
        var ordinal = tx.AddSource(TempLake.Sha(content), content + ".vcf");
        TempLake.WriteParquet(
            tx.NewFilePath("variants", Cohort("x"), $"part-{tx.RunId}-{ordinal}.parquet"),
            $"select {ordinal} as source, range as pos from range({rows})");
        tx.SetRowCount(ordinal, "variants", rows);
        return ordinal;
    }

    [Fact]
    public void BeginAppend_RunsStagingAtOnce_NumberTheirSourcesApartAndAllCommit()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        using var a = lake.BeginAppend(TimeSpan.FromSeconds(5));
        using var b = LakeDirectory.Open(_temp.Path0).BeginAppend(TimeSpan.FromSeconds(5));

        Assert.Equal(2, StageSource(a, "a1", 3));
        Assert.Equal(3, StageSource(b, "b1", 5));
        Assert.Equal(4, StageSource(a, "a2", 7));

        // b publishes first; a then publishes on top of b's snapshot, keeping b's files and source.
        b.Commit();
        a.Commit();

        var sources = LakeDirectory.Open(_temp.Path0).Sources;
        Assert.Equal([1, 2, 3, 4], sources.Select(s => s.Ordinal));
        Assert.Equal(["first.vcf", "a1.vcf", "b1.vcf", "a2.vcf"], sources.Select(s => s.SourceName));
        Assert.Equal(b.RunId, sources[2].RunId);
        Assert.Equal(a.RunId, sources[3].RunId);
        Assert.Equal(1 + 3 + 5 + 7, Count(_temp.Path0, "variants"));
        Assert.Equal(3, Count(_temp.Path0, "variants", "source = 2"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path0, "_harmony", "staging")));

        // A run that holds the lake numbers its sources past every appending run's.
        using var c = lake.BeginTransaction();
        Assert.Equal(5, c.AddSource(TempLake.Sha("c"), "c.vcf"));
    }

    [Fact]
    public void BeginAppend_OrdinalsTakenByARunStillStaging_AreNotGivenAgain()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        using var appending = lake.BeginAppend(TimeSpan.FromSeconds(5));
        Assert.Equal(1, StageSource(appending, "a", 2));

        using (var holding = lake.BeginTransaction())
        {
            Assert.Equal(2, holding.AddSource(TempLake.Sha("h"), "h.vcf"));
            TempLake.WriteParquet(holding.NewFilePath("variants", Cohort("x"), "part-h.parquet"), "select 2 as source, 1 as pos");
            holding.Commit();
        }

        appending.Commit();
        Assert.Equal([1, 2], LakeDirectory.Open(_temp.Path0).Sources.Select(s => s.Ordinal));
        Assert.Equal(3, Count(_temp.Path0, "variants"));

        // A run that aborted leaves a gap, never a reuse.
        using (var aborted = lake.BeginAppend(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(3, StageSource(aborted, "aborted", 1));
        }

        using var next = lake.BeginAppend(TimeSpan.FromSeconds(5));
        Assert.Equal(4, StageSource(next, "next", 1));
    }

    [Fact]
    public void BeginAppend_ExpectingSeveralSources_NumbersThemInOneHoldOfTheLock()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var record = Path.Combine(_temp.Path0, "_harmony", "last-ordinal");
        using var a = lake.BeginAppend(TimeSpan.FromSeconds(5));
        a.ExpectSources(3);
        using var b = lake.BeginAppend(TimeSpan.FromSeconds(5));

        Assert.Equal(1, StageSource(a, "a1", 1));
        Assert.Equal("3", File.ReadAllText(record));
        Assert.Equal(4, StageSource(b, "b1", 1));
        Assert.Equal(2, StageSource(a, "a2", 1));
        Assert.Equal(3, StageSource(a, "a3", 1));

        // Past what it expected, a run takes numbers one at a time again, after every other run's.
        Assert.Equal(5, StageSource(a, "a4", 1));
        Assert.Equal("5", File.ReadAllText(record));
        a.Commit();
        b.Commit();
        Assert.Equal([1, 2, 3, 4, 5], LakeDirectory.Open(_temp.Path0).Sources.Select(s => s.Ordinal));
    }

    [Fact]
    public void BeginAppend_SameContentCommittedByAnotherRunMeanwhile_CommitsNothingAndNamesTheOtherRun()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var a = lake.BeginAppend(TimeSpan.FromSeconds(5));
        StageSource(a, "shared", 2);
        StageSource(a, "only-a", 2);
        using (var b = lake.BeginAppend(TimeSpan.FromSeconds(5)))
        {
            StageSource(b, "shared", 2);
            b.Commit();
            var before = _temp.Fingerprint();

            var e = Assert.Throws<HarmonyException>(a.Commit);
            Assert.Contains("shared.vcf", e.Message, StringComparison.Ordinal);
            Assert.Contains(b.RunId, e.Message, StringComparison.Ordinal);
            Assert.Contains("nothing of this run is committed", e.Message, StringComparison.Ordinal);
            a.Dispose();
            var published = string.Join('\n', before.Split('\n').Where(l => !l.Contains("_harmony/staging/", StringComparison.Ordinal)));
            Assert.Equal(published, _temp.Fingerprint());
        }

        Assert.Equal(["shared.vcf"], LakeDirectory.Open(_temp.Path0).Sources.Select(s => s.SourceName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path0, "_harmony", "staging")));
    }

    [Fact]
    public void Recovery_LeavesAnAppendingRunsStagingAlone_UntilThatRunDies()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        var before = _temp.Fingerprint();
        var appending = lake.BeginAppend(TimeSpan.FromSeconds(5));
        StageSource(appending, "a", 2);
        var staging = Path.Combine(_temp.Path0, "_harmony", "staging", appending.RunId);

        // Another process opening the lake, and a run holding it, both clean up leftovers: not a live run's folder.
        LakeDirectory.Open(_temp.Path0);
        using (var holding = LakeDirectory.Open(_temp.Path0).BeginTransaction())
        {
            Assert.True(Directory.Exists(staging));
        }

        Assert.True(Directory.EnumerateFiles(staging, "*.parquet", SearchOption.AllDirectories).Any());

        appending.SimulateKill();
        LakeDirectory.Open(_temp.Path0);
        Assert.False(Directory.Exists(staging));
        Assert.Equal(WithoutOrdinalRecord(before), WithoutOrdinalRecord(_temp.Fingerprint()));
    }

    // The record of the last source number handed out changes when a run that dies had numbered a source.
    private static string WithoutOrdinalRecord(string fingerprint) =>
        string.Join('\n', fingerprint.Split('\n').Where(l => !l.Contains("_harmony/last-ordinal", StringComparison.Ordinal)));

    [Fact]
    public void BeginAppend_CommitWaitsForTheLakeWhileAnotherRunHoldsIt_AndGivesUpAfterTheWait()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        using var patient = lake.BeginAppend(TimeSpan.FromSeconds(30));
        StageSource(patient, "patient", 2);
        using var impatient = lake.BeginAppend(TimeSpan.FromMilliseconds(200));
        StageSource(impatient, "impatient", 2);

        var holding = lake.BeginTransaction();
        var e = Assert.Throws<HarmonyException>(impatient.Commit);
        Assert.Contains("stayed locked", e.Message, StringComparison.Ordinal);
        Assert.Contains(_temp.Path0, e.Message, StringComparison.Ordinal);

        var release = DelayedRelease.After(TimeSpan.FromMilliseconds(300), holding);
        patient.Commit();
        release.Join();
        Assert.Equal(["patient.vcf"], LakeDirectory.Open(_temp.Path0).Sources.Select(s => s.SourceName));
    }

    [Fact]
    public void BeginTransaction_WithAWait_StartsOnceTheWriterBeforeItIsDone()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var first = lake.BeginTransaction();
        Assert.Throws<HarmonyException>(() => lake.BeginTransaction(TimeSpan.FromMilliseconds(100)));

        var release = DelayedRelease.After(TimeSpan.FromMilliseconds(300), first);
        using var second = lake.BeginTransaction(TimeSpan.FromSeconds(30));
        release.Join();
        Assert.Equal(1, second.AddSource(TempLake.Sha("second"), "second.vcf"));
    }

    [Fact]
    public void BeginAppend_DamagedOrdinalRecord_IsReportedNotGuessedPast()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        File.WriteAllText(Path.Combine(_temp.Path0, "_harmony", "last-ordinal"), "7x");
        using var tx = lake.BeginAppend(TimeSpan.FromSeconds(5));
        var e = Assert.Throws<HarmonyException>(() => tx.AddSource(TempLake.Sha("b"), "b.vcf"));
        Assert.Contains("last-ordinal", e.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALockTheFileSystemRefuses_IsReportedNamingTheLake()
    {
        // Where flock works, taking the held lock again on its descriptor succeeds.
        var lake = LakeDirectory.Open(_temp.Path0);
        using (var held = lake.TryAcquireLock())
        {
            LockFile.RefuseUnenforced(held!.SafeFileHandle, Path.Combine(_temp.Path0, "_harmony", "lock"));
        }

        // A descriptor flock refuses (here an invalid one, as the call fails on a file system without locks).
        using var invalid = new Microsoft.Win32.SafeHandles.SafeFileHandle(-1, ownsHandle: false);
        var e = Assert.Throws<HarmonyException>(() => LockFile.RefuseUnenforced(invalid, Path.Combine(_temp.Path0, "_harmony", "lock")));
        Assert.Contains(_temp.Path0, e.Message, StringComparison.Ordinal);
        Assert.Contains("flock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_OfAnAppendingRun_IsKnownOnlyOnceItCommits()
    {
        using var tx = LakeDirectory.Open(_temp.Path0).BeginAppend(TimeSpan.FromSeconds(5));
        Assert.Throws<InvalidOperationException>(() => tx.Snapshot);
    }

    [Fact]
    public void BeginTransaction_AfterCommit_LockIsReleased()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        using var next = lake.BeginTransaction();
        Assert.NotNull(next.RunId);
    }

    [Fact]
    public void Commit_ReservedFileNeverWritten_FailsAndPublishesNothing()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var before = _temp.Fingerprint();
        using (var tx = lake.BeginTransaction())
        {
            tx.AddSource(TempLake.Sha("first"), "first.vcf");
            tx.NewFilePath("variants", [], "part-1.parquet");
            Assert.Throws<HarmonyException>(tx.Commit);
        }

        Assert.Equal(before, _temp.Fingerprint());
        Assert.Empty(lake.Sources);
    }

    [Fact]
    public void NewFilePath_DuplicateOrUnsafeNames_AreRefused()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        using var tx = lake.BeginTransaction();
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("variants", Cohort("x"), "part-1.parquet"));
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("_harmony", [], "a.parquet"));
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("variants", [], "../a.parquet"));
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("variants", [], ".hidden.parquet"));
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("variants", [new("bad/key", "v")], "a.parquet"));
        tx.NewFilePath("variants", Cohort("y"), "part-1.parquet");
        Assert.Throws<HarmonyException>(() => tx.NewFilePath("variants", Cohort("y"), "part-1.parquet"));
    }

    [Fact]
    public void NewFilePath_PartitionValueWithSlashAndEquals_IsEscapedInsideOneDirectory()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        using var tx = lake.BeginTransaction();
        var path = tx.NewFilePath("variants", [new("cohort", "a/b=c d%é"), new("chrom", "")], "f.parquet");
        var relative = Path.GetRelativePath(Path.Combine(_temp.Path0, "_harmony", "staging", tx.RunId), path);
        Assert.Equal("variants/cohort=a%2Fb%3Dc%20d%25é/chrom=__HIVE_DEFAULT_PARTITION__/f.parquet", relative);
    }

    [Fact]
    public void Commit_Nothing_LeavesLakeUnchanged()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        CommitRun(lake, "first", "x", 1);
        var before = _temp.Fingerprint();
        using (var tx = lake.BeginTransaction())
        {
            tx.Commit();
            Assert.Throws<InvalidOperationException>(tx.Commit);
        }

        Assert.Equal(before, _temp.Fingerprint());
    }

    [Fact]
    public void Commit_ForeignDirectoryWhereTableGoes_RefusedBeforePublishing()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "variants"));
        var before = _temp.Fingerprint();
        using (var tx = lake.BeginTransaction())
        {
            tx.AddSource(TempLake.Sha("first"), "first.vcf");
            TempLake.WriteParquet(tx.NewFilePath("variants", [], "part-1.parquet"), "select 1 as pos");
            var e = Assert.Throws<HarmonyException>(tx.Commit);
            Assert.Contains("not managed by harmony", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, _temp.Fingerprint());
    }

    [Fact]
    public void NewFilePath_FromParallelWriters_AllFilesPublished()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        using (var tx = lake.BeginTransaction())
        {
            Parallel.For(0, 64, i =>
            {
                var ordinal = tx.AddSource(TempLake.Sha("source" + i), $"s{i}.vcf");
                File.WriteAllText(tx.NewFilePath("blobs", Cohort("c" + (i % 4)), $"part-{ordinal}.parquet"), "x");
                tx.SetRowCount(ordinal, "blobs", 1);
            });
            tx.Commit();
        }

        Assert.Equal(Enumerable.Range(1, 64), lake.Sources.Select(s => s.Ordinal));
        Assert.Equal(64, Directory.EnumerateFiles(Path.Combine(_temp.Path0, "blobs"), "*.parquet", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void CheckPartitions_EmptyOrNullValue_IsRefusedUpFront()
    {
        Assert.Contains("cohort name is empty", Assert.Throws<HarmonyException>(() => LakeTransaction.CheckPartitions([new("cohort", "")])).Message, StringComparison.Ordinal);
        Assert.Throws<HarmonyException>(() => LakeTransaction.CheckPartitions([new("cohort", null!)]));
        Assert.Contains("reads back as NULL", Assert.Throws<HarmonyException>(() => LakeTransaction.CheckPartitions([new("cohort", "Null")])).Message, StringComparison.Ordinal);
        Assert.Throws<HarmonyException>(() => LakeTransaction.CheckPartitions([new("cohort", "__HIVE_DEFAULT_PARTITION__")]));
        LakeTransaction.CheckPartitions([new("cohort", "B-ALL")]);
    }
}
