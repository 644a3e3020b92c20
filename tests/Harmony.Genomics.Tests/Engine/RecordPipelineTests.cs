using System.Globalization;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Selection;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// Ingest with decoder workers (<c>--threads 2</c>: two workers, <see cref="RecordPipeline"/>; also one worker, and
/// chunks of a few records so that the workers race) writes the same lake, part by part and row by row, column order
/// included, as ingest on one thread, raises the same warnings in the same order, and fails at the same place with the
/// same message: the conformance corpus (strict and lenient), htslib's BCFs, indexed regions, targets and sample
/// selections, small and synthetic inputs, undeclared fields first met in different chunks, a corrupt BGZF block.
/// </summary>
public sealed class RecordPipelineTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void ConformanceCorpus_OneAndTwoThreads_SameLakeOrSameError()
    {
        var compared = 0;
        var failed = 0;
        var failures = new List<string>();
        foreach (var (vcf, n) in BcfFixtures.ConformanceVcfs().Select((f, n) => (f, n)).Where(p => p.n % 2 == 0))
        {
            var one = Run(vcf, $"s1-{n}", threads: 1, lenient: false);
            var two = Run(vcf, $"s2-{n}", threads: 2, lenient: false, chunkRecords: 2);
            if (one != two)
            {
                failures.Add($"{Path.GetFileName(vcf)}: {FirstDifference.Of(one, two, "one thread", "two")}");
            }

            if (one.StartsWith("error:", StringComparison.Ordinal))
            {
                // A file the strict run rejects: lenient mode's rejected rows (and the rest) must agree too.
                failed++;
                var lenientOne = Run(vcf, $"l1-{n}", threads: 1, lenient: true);
                var lenientTwo = Run(vcf, $"l2-{n}", threads: 2, lenient: true, chunkRecords: 2);
                if (lenientOne != lenientTwo)
                {
                    failures.Add($"{Path.GetFileName(vcf)} (lenient): {FirstDifference.Of(lenientOne, lenientTwo, "one thread", "two")}");
                }
            }

            compared++;
        }

        Assert.True(compared > 100, $"only {compared} files were compared");
        Assert.True(failed > 5, $"only {failed} files were rejected: the error paths are not exercised");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n{string.Join('\n', failures.Take(10))}");
    }

    [Fact]
    public void UndeclaredFieldsAfterTheFirstPart_AddColumnsInTheSamePart()
    {
        // 70,000 site-only records: the first variants part closes at 65,536 rows, and an undeclared INFO field first
        // met at record 65,600 must not add a column to it, though a decoder thread reads that record before the
        // part is written. A FORMAT field met late in a file with samples is checked the same way.
        var sites = Write("sites.vcf", Synthetic(records: 70_000, samples: 0, lateInfoAt: 65_600, lateFormatAt: -1, badAt: []));
        var one = Run(sites, "one", threads: 1, lenient: false);
        Assert.Contains("== variants cohort=default/000001-0001", one, StringComparison.Ordinal);
        Assert.Equal(one, Run(sites, "two", threads: 2, lenient: false));
        Assert.Equal(one, Run(sites, "one-worker", threads: 2, lenient: false, workers: 1));
        var sampled = Write("sampled.vcf", Synthetic(records: 3_000, samples: 3, lateInfoAt: 1_000, lateFormatAt: 2_000, badAt: []));
        var sampledOne = Run(sampled, "one-s", threads: 1, lenient: false);
        Assert.Equal(sampledOne, Run(sampled, "two-s", threads: 2, lenient: false));
        Assert.Equal(sampledOne, Run(sampled, "two-small-s", threads: 2, lenient: false, chunkRecords: 7));
    }

    [Fact]
    public void WideCohort_CallsSpreadOverTwoWriters_SameFilesWhateverTheThreads()
    {
        // 1,000 samples and 400 records: 300,000 calls, three calls batches. Batches 0 and 2 go to the first calls writer
        // (parts 0 and 2: the FORMAT field met at record 250 grows the schema) and batch 1 to the second (part 1).
        var wide = Write("wide.vcf", Synthetic(records: 400, samples: 1_000, lateInfoAt: -1, lateFormatAt: 250, badAt: []));
        var one = Run(wide, "wide-one", threads: 1, lenient: false);
        foreach (var part in new[] { "0000", "0001", "0002" })
        {
            Assert.Contains($"== calls cohort=default/000001-{part}", one, StringComparison.Ordinal);
        }

        Assert.Equal(one, Run(wide, "wide-two", threads: 2, lenient: false));
        Assert.Equal(["300000"], LakeReader.Query($"select count(*) from read_parquet({LakeReader.Literal(Path.Combine(_dir, "wide-two", "calls") + "/**/*.parquet")}, union_by_name = true)"));
    }

    [Fact]
    public void MalformedRecordDeepInTheFile_SameErrorAndSameRejectedRows()
    {
        var file = Write("bad.vcf", Synthetic(records: 5_000, samples: 2, lateInfoAt: 4_500, lateFormatAt: 300, badAt: [700, 2_000, 2_001, 4_999]));
        var strict = Run(file, "strict-1", threads: 1, lenient: false);
        Assert.StartsWith("error:", strict, StringComparison.Ordinal);
        Assert.Contains("line", strict, StringComparison.Ordinal);
        Assert.Equal(strict, Run(file, "strict-2", threads: 2, lenient: false));
        Assert.False(LakeDump.AnyTableVisible(Path.Combine(_dir, "strict-2")), "a failed ingest left tables visible");
        Assert.Equal(strict, Run(file, "strict-w1", threads: 2, lenient: false, workers: 1));
        Assert.Equal(strict, Run(file, "strict-small", threads: 2, lenient: false, chunkRecords: 3));

        var lenient = Run(file, "lenient-1", threads: 1, lenient: true);
        Assert.Contains("== rejected", lenient, StringComparison.Ordinal);
        Assert.Equal(lenient, Run(file, "lenient-2", threads: 2, lenient: true));
        Assert.Equal(lenient, Run(file, "lenient-w1", threads: 2, lenient: true, workers: 1));
        Assert.Equal(lenient, Run(file, "lenient-small", threads: 2, lenient: true, chunkRecords: 3));
    }

    [Fact]
    public void CrlfEndsEmptyLinesAndLinesAcrossBufferSegments_TwoThreads_SameAsOne()
    {
        // Two threads read lines a block at a time (VcfReader.ReadLines): CR before LF is dropped, an empty line is a
        // record, a line that runs past the reader's 1 MiB buffer segment is read whole, with the line numbers and
        // byte offsets (in errors and rejected rows) one thread gives.
        var lines = Synthetic(records: 6_000, samples: 2, lateInfoAt: 5_000, lateFormatAt: -1, badAt: [4_000]).Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i == 3_000 && !line.StartsWith('#'))
            {
                // About 1.2 MB of ID: the line crosses at least one buffer segment.
                var columns = line.Split('\t');
                columns[2] = "rs" + new string('7', 1_200_000);
                line = string.Join('\t', columns);
            }

            text.Append(line);
            if (i < lines.Length - 1)
            {
                text.Append(i % 3 == 0 && !line.StartsWith('#') ? "\r\n" : "\n");
            }

            if (i == 2_000)
            {
                text.Append('\n');
            }
        }

        var file = Write("mixed.vcf", text.ToString());
        var strict = Run(file, "strict-1", threads: 1, lenient: false);
        Assert.StartsWith("error:", strict, StringComparison.Ordinal);
        Assert.Equal(strict, Run(file, "strict-2", threads: 2, lenient: false));
        Assert.Equal(strict, Run(file, "strict-small", threads: 2, lenient: false, chunkRecords: 7));

        var lenient = Run(file, "lenient-1", threads: 1, lenient: true);
        Assert.Contains("== rejected", lenient, StringComparison.Ordinal);
        Assert.Contains("rs7777777", lenient, StringComparison.Ordinal);
        Assert.Equal(lenient, Run(file, "lenient-2", threads: 2, lenient: true));
        Assert.Equal(lenient, Run(file, "lenient-small", threads: 2, lenient: true, chunkRecords: 7));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UndeclaredFieldsFirstMetInDifferentChunks_TwoWorkers_ColumnOrderOfOneThread(bool lenient)
    {
        // Undeclared fields first met at records 10, 300, 301 and 700 (and an undeclared FILTER at 50 and 400), in chunks of
        // 1 to 64 records, so that the worker decoding a later chunk often meets a field before the one decoding an earlier
        // chunk does. MIX is first met as a Flag at 320 and with a value at 321: the second is rejected whoever meets it first.
        var file = Write($"undeclared-{lenient}.vcf", UndeclaredFields(records: 900, samples: 2));
        var one = Run(file, $"und-one-{lenient}", threads: 1, lenient);
        if (lenient)
        {
            // Columns in order of first appearance (a column name is met before any value of its column).
            var first = new[] { "info_u10", "info_i301", "info_mix", "f300", "f700" }.Select(c => one.IndexOf(c, StringComparison.Ordinal)).ToList();
            Assert.All(first, i => Assert.True(i >= 0));
            Assert.True(first[0] < first[1] && first[1] < first[2] && first[3] < first[4], one);
            Assert.Contains("== rejected", one, StringComparison.Ordinal);
        }
        else
        {
            // Record 331 is line 338 (6 header lines).
            Assert.StartsWith("error:", one, StringComparison.Ordinal);
            Assert.Contains("line 338", one, StringComparison.Ordinal);
        }

        Assert.Equal(1, one.Split('\n').Count(l => l.Contains("FILTER 'q10' is not defined", StringComparison.Ordinal)));
        foreach (var chunk in new[] { 1, 2, 3, 5, 16, 64 })
        {
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var two = Run(file, $"und-two-{lenient}-{chunk}-{repeat}", threads: 2, lenient, chunkRecords: chunk);
                Assert.True(one == two, $"chunks of {chunk}, run {repeat}: {FirstDifference.Of(one, two, "one thread", "two")}");
            }
        }
    }

    [Fact]
    public void CorruptBgzfBlockAfterManyRecords_SameRowsThenSameError()
    {
        // Small BGZF blocks, one corrupted deep in the file: the error ends the input after the records before it.
        // With a malformed record before the corrupt block, strict mode reports the record, as one thread stops there.
        var text = Encoding.ASCII.GetBytes(Synthetic(records: 3_000, samples: 2, lateInfoAt: 1_000, lateFormatAt: 1_500, badAt: []));
        var corrupt = Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles.Bgzf(text, blockDataSize: 4096);
        var blocks = Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles.Blocks(corrupt);
        var (offset, length) = blocks[blocks.Count * 2 / 3];
        corrupt[offset + (length / 2)] ^= 0x5a;
        var file = Path.Combine(_dir, "corrupt.vcf.gz");
        File.WriteAllBytes(file, corrupt);
        foreach (var lenient in new[] { false, true })
        {
            var one = Run(file, $"corrupt-one-{lenient}", threads: 1, lenient);
            Assert.StartsWith("error:", one, StringComparison.Ordinal);
            Assert.Equal(one, Run(file, $"corrupt-two-{lenient}", threads: 2, lenient));
            Assert.Equal(one, Run(file, $"corrupt-small-{lenient}", threads: 2, lenient, chunkRecords: 3));
        }

        var bad = Encoding.ASCII.GetBytes(Synthetic(records: 3_000, samples: 2, lateInfoAt: -1, lateFormatAt: -1, badAt: [100]));
        var badThenCorrupt = Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles.Bgzf(bad, blockDataSize: 4096);
        var badBlocks = Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles.Blocks(badThenCorrupt);
        badThenCorrupt[badBlocks[^3].Offset + (badBlocks[^3].Length / 2)] ^= 0x5a;
        var badFile = Path.Combine(_dir, "bad-then-corrupt.vcf.gz");
        File.WriteAllBytes(badFile, badThenCorrupt);
        var strict = Run(badFile, "bad-one", threads: 1, lenient: false);
        Assert.Contains("POS", strict, StringComparison.Ordinal);
        Assert.Equal(strict, Run(badFile, "bad-two", threads: 2, lenient: false, chunkRecords: 3));
    }

    [RequiresToolFact("bcftools")]
    public void HtslibBcfs_OneAndTwoThreads_SameLakeOrSameError()
    {
        var bcfs = BcfFixtures.HtslibBcfs();
        Assert.NotEmpty(bcfs);
        foreach (var (bcf, n) in bcfs.Select((f, n) => (f, n)))
        {
            Assert.Equal(Run(bcf, $"b1-{n}", threads: 1, lenient: false), Run(bcf, $"b2-{n}", threads: 2, lenient: false));
        }
    }

    [Fact]
    public void Selections_OneAndTwoThreads_SameLake()
    {
        var file = Write("select.vcf", Synthetic(records: 4_000, samples: 4, lateInfoAt: 2_500, lateFormatAt: 3_000, badAt: []));
        foreach (var (selection, n) in new[]
        {
            new VariantSelection { Targets = "1:5000-30000" },
            new VariantSelection { Samples = "S3,S1" },
            new VariantSelection { Targets = "^1:2000-20000", Samples = "^S0" },
        }.Select((s, n) => (s, n)))
        {
            var one = Run(file, $"sel1-{n}", threads: 1, lenient: false, selection);
            Assert.DoesNotContain("error:", one, StringComparison.Ordinal);
            Assert.Equal(one, Run(file, $"sel2-{n}", threads: 2, lenient: false, selection));
            Assert.Equal(one, Run(file, $"sel3-{n}", threads: 2, lenient: false, selection, chunkRecords: 5));
        }
    }

    [RequiresToolFact("bcftools")]
    public void IndexedRegions_OneAndTwoThreads_SameLake()
    {
        using var fixture = Harmony.Genomics.Tests.Formats.Selection.SelectionFixture.Create(Harmony.Genomics.Tests.Formats.Selection.SelectionFixture.WriteSynthetic(_dir));
        var selection = new VariantSelection { Regions = "chrA:2000-40000,chrB:100-", Samples = "S4,S2" };
        foreach (var (file, n) in fixture.Files.Select((f, n) => (f, n)))
        {
            var one = Run(file, $"r1-{n}", threads: 1, lenient: false, selection);
            Assert.DoesNotContain("error:", one, StringComparison.Ordinal);
            Assert.Equal(one, Run(file, $"r2-{n}", threads: 2, lenient: false, selection));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 2)]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    [InlineData(257, 1)]
    public void SmallInputs_SameLake(int records, int samples)
    {
        var file = Write($"small-{records}-{samples}.vcf", Synthetic(records, samples, lateInfoAt: -1, lateFormatAt: -1, badAt: []));
        var one = Run(file, $"one-{records}-{samples}", threads: 1, lenient: false);
        Assert.Contains("== variants", one, StringComparison.Ordinal);
        Assert.Equal(one, Run(file, $"two-{records}-{samples}", threads: 2, lenient: false));
        Assert.Equal(one, Run(file, $"w1-{records}-{samples}", threads: 2, lenient: false, workers: 1));
        Assert.Equal(one, Run(file, $"tiny-{records}-{samples}", threads: 2, lenient: false, chunkRecords: 1));
    }

    [Fact]
    public void Cancelled_DuringTheRun_NothingBecomesVisible()
    {
        var file = Write("long.vcf", Synthetic(records: 20_000, samples: 2, lateInfoAt: -1, lateFormatAt: -1, badAt: []));
        using var cancel = new CancellationTokenSource();
        var lake = Path.Combine(_dir, "cancelled");
        var options = new IngestOptions
        {
            LakePath = lake,
            KeepSampleIds = true,
            Threads = 2,
            Progress = new SynchronousProgress(p =>
            {
                if (p.Records >= 4096)
                {
                    cancel.Cancel();
                }
            }),
        };
        Assert.ThrowsAny<OperationCanceledException>(() => IngestJob.Run([file], options, cancel.Token));
        Assert.False(LakeDump.AnyTableVisible(lake));
    }

    [Fact]
    public void Cancelled_BeforeTheRun_CreatesNoLake()
    {
        var file = Write("short.vcf", Synthetic(records: 10, samples: 2, lateInfoAt: -1, lateFormatAt: -1, badAt: []));
        var lake = Path.Combine(_dir, "never");
        Assert.ThrowsAny<OperationCanceledException>(() => IngestJob.Run([file], new IngestOptions { LakePath = lake, KeepSampleIds = true }, new CancellationToken(canceled: true)));
        Assert.False(Directory.Exists(lake));
        Assert.Throws<ArgumentOutOfRangeException>(() => IngestJob.Run([file], new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 0 }));
        Assert.False(Directory.Exists(lake));
    }

    // The warnings, then the lake as text, or the error (see IngestDump).
    private string Run(string vcf, string name, int threads, bool lenient, VariantSelection? selection = null, int? workers = null, int chunkRecords = 256) =>
        IngestDump.Of(vcf, Path.Combine(_dir, name), threads, lenient, selection, workers, chunkRecords);

    // A VCF with a declared INFO/FORMAT header, multi-allelic sites, an INFO field first met at lateInfoAt and a
    // FORMAT field first met at lateFormatAt (-1: never), and malformed POS values at the records in badAt.
    private static string Synthetic(int records, int samples, int lateInfoAt, int lateFormatAt, int[] badAt)
    {
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.3\n##contig=<ID=1,length=250000000>\n");
        text.Append("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n");
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        if (samples > 0)
        {
            text.Append("\tFORMAT");
            for (var s = 0; s < samples; s++)
            {
                text.Append("\tS").Append(s);
            }
        }

        text.Append('\n');
        var bad = badAt.ToHashSet();
        for (var i = 0; i < records; i++)
        {
            var multi = i % 7 == 3;
            var pos = bad.Contains(i) ? "12x" : (1000 + (i * 10)).ToString(CultureInfo.InvariantCulture);
            text.Append("1\t").Append(pos).Append("\t.\tA\t").Append(multi ? "C,G" : "T").Append('\t').Append(i % 5 == 0 ? "." : "30").Append("\tPASS\t");
            text.Append("DP=").Append(i % 50).Append(";AF=").Append(multi ? "0.25,0.5" : "0.5");
            if (lateInfoAt >= 0 && i >= lateInfoAt && i % 3 == 0)
            {
                text.Append(";LATE=x").Append(i);
            }

            if (samples > 0)
            {
                var late = lateFormatAt >= 0 && i >= lateFormatAt && i % 2 == 0;
                text.Append(late ? "\tGT:AD:LF" : "\tGT:AD");
                for (var s = 0; s < samples; s++)
                {
                    var gt = ((i + s) % 4) switch { 0 => "0/0", 1 => "0/1", 2 => "1|1", _ => multi ? "1/2" : "./." };
                    text.Append('\t').Append(gt).Append(':').Append(i % 9).Append(',').Append(s).Append(multi ? ",2" : string.Empty);
                    if (late)
                    {
                        text.Append(":v").Append(s);
                    }
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // Undeclared fields first met in different chunks: INFO/U10 (a Flag, from record 10), FORMAT/F300 (from 300),
    // INFO/I301 (a String, from 301), INFO/MIX (a Flag at 320, with a value at 331: rejected), FORMAT/F700 (from 700),
    // and FILTER q10, not declared, at 50 and 400.
    private static string UndeclaredFields(int records, int samples)
    {
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.3\n##contig=<ID=1,length=250000000>\n");
        text.Append("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++)
        {
            text.Append("\tS").Append(s);
        }

        text.Append('\n');
        for (var i = 0; i < records; i++)
        {
            text.Append("1\t").Append(1000 + (i * 10)).Append("\t.\tA\tT\t30\t").Append(i is 50 or 400 ? "q10" : "PASS").Append("\tDP=").Append(i % 40);
            if (i >= 10 && i % 7 == 3)
            {
                text.Append(";U10");
            }

            if (i >= 301 && i % 5 == 1)
            {
                text.Append(";I301=v").Append(i);
            }

            text.Append(i switch { 320 => ";MIX", 331 => ";MIX=1", _ => string.Empty });
            var format = new List<string> { "GT", "DP" };
            if (i >= 300 && i % 4 == 0)
            {
                format.Add("F300");
            }

            if (i >= 700 && i % 3 == 1)
            {
                format.Add("F700");
            }

            text.Append('\t').AppendJoin(':', format);
            for (var s = 0; s < samples; s++)
            {
                text.Append('\t').Append((i + s) % 3 == 0 ? "0/1" : "1/1").Append(':').Append(i % 30);
                foreach (var extra in format.Skip(2))
                {
                    text.Append(':').Append(extra).Append('-').Append(s);
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // Warnings about lines in the order raised; the others (e.g. a BGZF inflater's, raised on its own thread) sorted.
    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
