using System.Diagnostics;
using System.Text;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>Appends, skipping of content already ingested, unique variant ids, and a writer killed with SIGKILL.</summary>
public sealed class CommitTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private string Lake => Path.Combine(_dir, "lake");

    [Fact]
    public void Append_BothSourcesPresent_VariantIdsUnique()
    {
        var a = Write("a.vcf", RandomVcf.Generate(21, records: 40, samples: 2, longLine: false));
        var b = Write("b.vcf", RandomVcf.Generate(22, records: 30, samples: 3, longLine: false));
        var c = Write("c.vcf", RandomVcf.Generate(23, records: 20, samples: 0, longLine: false));
        var d = Write("d.vcf", RandomVcf.Generate(24, records: 10, samples: 1, longLine: false));

        Ingest(a);
        Ingest(b);
        Ingest(c, d);

        var v = LakeDump.Table(Lake, "variants");
        Assert.Equal(["a.vcf\t40", "b.vcf\t30", "c.vcf\t20", "d.vcf\t10"], LakeReader.Query($"select source_file, count(*) from {v} group by all order by 1"));
        Assert.Equal(["100\t100"], LakeReader.Query($"select count(*), count(distinct variant_id) from {v}"));
        Assert.Equal(["0"], LakeReader.Query(
            $"select count(*) from {LakeDump.Table(Lake, "calls")} c anti join {v} using (variant_id)"));
        Assert.Equal(["a.vcf\t2", "b.vcf\t3", "d.vcf\t1"], LakeReader.Query($"select source_file, count(*) from {LakeDump.Table(Lake, "samples")} group by all order by 1"));
    }

    [Fact]
    public void ReIngest_SameContentUnderAnotherName_IsSkipped_NothingDuplicates()
    {
        var text = RandomVcf.Generate(31, records: 50, samples: 2, longLine: false);
        var a = Write("a.vcf", text);
        var copy = Write("renamed-copy.vcf", text);
        Ingest(a);
        var before = LakeDump.Fingerprint(Lake);

        var again = HarmonyCli.Run("ingest", a, "--lake", Lake, "--keep-sample-ids");
        var renamed = HarmonyCli.Run("ingest", copy, "--lake", Lake, "--keep-sample-ids");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, renamed.ExitCode);
        Assert.Contains("already in the lake, skipped", again.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("already in the lake, skipped", renamed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, LakeDump.Fingerprint(Lake));
        Assert.Equal(["50\t50"], LakeReader.Query($"select count(*), count(distinct variant_id) from {LakeDump.Table(Lake, "variants")}"));
    }

    [Fact]
    public void SameContentTwiceInOneRun_IsIngestedOnce()
    {
        var text = RandomVcf.Generate(32, records: 25, samples: 1, longLine: false);
        var a = Write("a.vcf", text);
        var b = Write("b.vcf", text);

        var result = HarmonyCli.Run("ingest", a, b, "--lake", Lake, "--keep-sample-ids");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["25\t25"], LakeReader.Query($"select count(*), count(distinct variant_id) from {LakeDump.Table(Lake, "variants")}"));
    }

    [Fact]
    public async Task KillDashNine_DuringIngest_LeavesCommittedLakeExactlyAsBefore_AndNextIngestSucceeds()
    {
        var small = Write("small.vcf", RandomVcf.Generate(41, records: 30, samples: 2, longLine: false));
        Ingest(small);
        var before = LakeDump.Fingerprint(Lake);
        var big = Path.Combine(_dir, "big.vcf");
        WriteBigVcf(big, records: 300_000, samples: 20);

        using (var process = HarmonyCli.Start(["ingest", big, "--lake", Lake, "--keep-sample-ids", "--threads", "2"]))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Close();
            var staging = Path.Combine(Lake, "_harmony", "staging");
            var deadline = Stopwatch.StartNew();
            // Polled on this thread, not by pool continuations: with the suite's other tests busy, a continuation of
            // Task.Delay(5) came after the whole ingest (files staged for 0.95 of its 1.2 s) and the kill was missed.
            while (!process.HasExited && !HasFiles(staging) && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }

            if (process.HasExited)
            {
                Assert.Fail($"the ingest finished before it could be killed (exit {process.ExitCode}): {await stderr}");
            }

            Assert.True(HasFiles(staging), "the ingest never staged a file");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            await stdout;
            await stderr;
        }

        Assert.Equal(before, LakeDump.Fingerprint(Lake));

        var next = Write("next.vcf", RandomVcf.Generate(42, records: 10, samples: 2, longLine: false));
        Ingest(next);
        Assert.Equal(["next.vcf\t10", "small.vcf\t30"], LakeReader.Query($"select source_file, count(*) from {LakeDump.Table(Lake, "variants")} group by all order by 1"));
        Assert.Equal(["40\t40"], LakeReader.Query($"select count(*), count(distinct variant_id) from {LakeDump.Table(Lake, "variants")}"));
    }

    // A Slurm array: one plain ingest per task, all into the same lake at once. Each stages on its own and they take
    // turns only to publish, so none is refused for the lock and every source lands with its own ids.
    [Fact]
    public async Task ConcurrentIngestsIntoOneLake_AllCommit_EachSourceOnceWithUniqueIds()
    {
        Ingest(Write("first.vcf", RandomVcf.Generate(60, records: 15, samples: 2, longLine: false)));
        var files = Enumerable.Range(0, 4).Select(i => Write($"task{i}.vcf", RandomVcf.Generate(61 + i, records: 20 + i, samples: 2, longLine: false))).ToList();

        var runs = files.Select(f => Task.Run(() => HarmonyCli.RunChild(["ingest", f, "--lake", Lake, "--keep-sample-ids", "--threads", "1"]))).ToList();
        foreach (var result in await Task.WhenAll(runs))
        {
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        var v = LakeDump.Table(Lake, "variants");
        Assert.Equal(["first.vcf\t15", "task0.vcf\t20", "task1.vcf\t21", "task2.vcf\t22", "task3.vcf\t23"], LakeReader.Query($"select source_file, count(*) from {v} group by all order by 1"));
        Assert.Equal(["101\t101\t5"], LakeReader.Query($"select count(*), count(distinct variant_id), count(distinct variant_id >> 40) from {v}"));
        Assert.Equal(["0"], LakeReader.Query($"select count(*) from {LakeDump.Table(Lake, "calls")} c anti join {v} using (variant_id)"));
        Assert.Equal(["10"], LakeReader.Query($"select count(*) from {LakeDump.Table(Lake, "samples")}"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Lake, "_harmony", "staging")));
    }

    // An ingest that holds the lake for its whole run (--stats) waits for the writer before it rather than failing.
    [Fact]
    public void IngestHoldingTheLake_WaitsForTheWriterBeforeIt()
    {
        var a = Write("a.vcf", RandomVcf.Generate(71, records: 12, samples: 2, longLine: false));
        var holder = Harmony.Genomics.Lake.LakeDirectory.Open(Lake).BeginTransaction();
        var result = DelayedRelease.RunUntilItWaits(holder, "waiting for the lake", "ingest", a, "--lake", Lake, "--keep-sample-ids", "--stats", "--device", "cpu", "--lock-wait", "60");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("warning: waiting for the lake", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["12"], LakeReader.Query($"select count(*) from {LakeDump.Table(Lake, "variants")}"));
    }

    // qc and fingerprint (and classify) wait for their turn as ingests do, saying so after a second; --lock-wait 0
    // keeps the old fail-at-once.
    [Theory]
    [InlineData("qc")]
    [InlineData("fingerprint")]
    public void QcAndFingerprint_WaitForTheWriterBeforeThem_OrFailAtOnceWithoutAWait(string command)
    {
        Ingest(Write("a.vcf", RandomVcf.Generate(72, records: 12, samples: 3, longLine: false)));
        var holder = Harmony.Genomics.Lake.LakeDirectory.Open(Lake).BeginTransaction();

        var refused = HarmonyCli.Run(command, Lake, "--device", "cpu", "--lock-wait", "0");
        Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}: {refused.StandardError}");
        Assert.Contains("locked by another writer", refused.StandardError, StringComparison.Ordinal);

        var result = DelayedRelease.RunUntilItWaits(holder, "waiting for the lake", command, Lake, "--device", "cpu", "--lock-wait", "60");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("warning: waiting for the lake", result.StandardError, StringComparison.Ordinal);
        if (command == "qc")
        {
            Assert.Equal(["12"], LakeReader.Query($"select count(*) from {LakeDump.Table(Lake, "variant_stats")}"));
        }
    }

    [Fact]
    public void LockWait_OutOfRange_IsAUsageError()
    {
        var a = Write("a.vcf", RandomVcf.Generate(70, records: 5, samples: 1, longLine: false));
        var result = HarmonyCli.Run("ingest", a, "--lake", Lake, "--keep-sample-ids", "--lock-wait", "-1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--lock-wait", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Lake, "variants")));
    }

    // A source's last Parquet encoding runs while the next source is read (IngestJob.SourceTail): each source is still
    // reported in input order with its own counts, and every source lands.
    [Fact]
    public void ManySourcesInOneRun_AreReportedInInputOrderWithTheirOwnCounts()
    {
        var records = new[] { 10, 3000, 17, 24, 1, 500 };
        var files = records.Select((n, i) => Write($"s{i}.vcf", RandomVcf.Generate(50 + i, records: n, samples: (i % 3) + 1, longLine: false))).ToList();

        // A copy of s1 right after it is skipped, and reported after s1 all the same.
        File.Copy(files[1], Path.Combine(_dir, "copy.vcf"));
        files.Insert(2, Path.Combine(_dir, "copy.vcf"));

        var result = HarmonyCli.Run(["ingest", .. files, "--lake", Lake, "--keep-sample-ids"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var reported = result.StandardOutput.Split('\n').Where(l => !l.StartsWith("committed", StringComparison.Ordinal) && l.Contains(".vcf: ", StringComparison.Ordinal))
            .Select(l => Path.GetFileName(l.Split(',')[0]));
        Assert.Equal(["s0.vcf: 10 variants", "s1.vcf: 3000 variants", "copy.vcf: already in the lake", "s2.vcf: 17 variants", "s3.vcf: 24 variants", "s4.vcf: 1 variants", "s5.vcf: 500 variants"], reported);
        Assert.Equal(records.Select((n, i) => $"s{i}.vcf\t{n}"), LakeReader.Query($"select source_file, count(*) from {LakeDump.Table(Lake, "variants")} group by all order by 1"));
        Assert.Equal(records.Select((_, i) => $"s{i}.vcf\t{(i % 3) + 1}"), LakeReader.Query($"select source_file, count(*) from {LakeDump.Table(Lake, "samples")} group by all order by 1"));
    }

    // A source is numbered and read before its content hash is known (IngestJob.IngestOne); a copy of a source the lake
    // holds is found out at its first batch, on the decoder workers' path and on one thread alike: nothing of it is
    // written, and the source after it takes the number it had been given.
    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void Copy_FoundOutAfterItsFirstRecords_WritesNothing_AndGivesItsNumberBack(int threads)
    {
        var big = Path.Combine(_dir, "big.vcf");
        WriteBigVcf(big, records: 3 * 8192, samples: 2);
        var copy = Path.Combine(_dir, "copy.vcf");
        File.Copy(big, copy);
        var next = Write("next.vcf", RandomVcf.Generate(61, records: 20, samples: 1, longLine: false));
        var options = new Harmony.Genomics.Engine.IngestOptions { LakePath = Lake, KeepSampleIds = true, Threads = threads, SmallInputBytes = 0 };
        Harmony.Genomics.Engine.IngestJob.Run([big], options);
        var before = LakeDump.Fingerprint(Lake);

        var result = Harmony.Genomics.Engine.IngestJob.Run([copy, next], options);

        Assert.True(result.Sources[0].Skipped);
        Assert.False(result.Sources[1].Skipped);
        var v = LakeDump.Table(Lake, "variants");
        Assert.Equal(["big.vcf\t1\t24576", "next.vcf\t2\t20"], LakeReader.Query(
            $"select source_file, min(variant_id >> {Harmony.Genomics.Lake.Tables.LakeColumns.RecordIndexBits}), count(*) from {v} group by all order by 1"));
        Assert.Empty(Directory.EnumerateFiles(Lake, "*copy*", SearchOption.AllDirectories));
        Assert.NotEqual(before, LakeDump.Fingerprint(Lake));
    }

    private static bool HasFiles(string dir) =>
        Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Any();

    private static void WriteBigVcf(string path, int records, int samples)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("##fileformat=VCFv4.3\n##contig=<ID=chr1>\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        writer.Write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        writer.Write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++)
        {
            writer.Write($"\tS{s}");
        }

        writer.Write('\n');
        var gts = new[] { "0/0", "0/1", "1/1", "0|1", "./." };
        var line = new StringBuilder();
        for (var r = 0; r < records; r++)
        {
            line.Clear();
            line.Append("chr1\t").Append(r + 1).Append("\t.\tA\tG\t50\tPASS\tDP=").Append(r % 97).Append("\tGT:DP");
            for (var s = 0; s < samples; s++)
            {
                line.Append('\t').Append(gts[(r + s) % gts.Length]).Append(':').Append((r + s) % 60);
            }

            writer.Write(line.Append('\n'));
        }
    }

    private void Ingest(params string[] inputs)
    {
        var result = HarmonyCli.Run(["ingest", .. inputs, "--lake", Lake, "--keep-sample-ids"]);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
