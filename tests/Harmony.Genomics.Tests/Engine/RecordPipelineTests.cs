using System.Globalization;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Selection;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// Ingest with a decoder thread (<c>--threads 2</c>, <see cref="RecordPipeline"/>) writes the same lake, part by part
/// and row by row, as ingest on one thread, and fails at the same place with the same message: the conformance
/// corpus (strict and lenient), htslib's BCFs, indexed regions, targets and sample selections, small and synthetic inputs.
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
            var two = Run(vcf, $"s2-{n}", threads: 2, lenient: false);
            if (one != two)
            {
                failures.Add($"{Path.GetFileName(vcf)}: {First(one, two)}");
            }

            if (one.StartsWith("error:", StringComparison.Ordinal))
            {
                // A file the strict run rejects: lenient mode's rejected rows (and the rest) must agree too.
                failed++;
                var lenientOne = Run(vcf, $"l1-{n}", threads: 1, lenient: true);
                var lenientTwo = Run(vcf, $"l2-{n}", threads: 2, lenient: true);
                if (lenientOne != lenientTwo)
                {
                    failures.Add($"{Path.GetFileName(vcf)} (lenient): {First(lenientOne, lenientTwo)}");
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
        // met at record 65,600 must not add a column to it, though the decoder thread reads that record before the
        // part is written. A FORMAT field met late in a file with samples is checked the same way.
        var sites = Write("sites.vcf", Synthetic(records: 70_000, samples: 0, lateInfoAt: 65_600, lateFormatAt: -1, badAt: []));
        var one = Run(sites, "one", threads: 1, lenient: false);
        Assert.Contains("== variants cohort=default/000001-0001", one, StringComparison.Ordinal);
        Assert.Equal(one, Run(sites, "two", threads: 2, lenient: false));
        var sampled = Write("sampled.vcf", Synthetic(records: 3_000, samples: 3, lateInfoAt: 1_000, lateFormatAt: 2_000, badAt: []));
        Assert.Equal(Run(sampled, "one-s", threads: 1, lenient: false), Run(sampled, "two-s", threads: 2, lenient: false));
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

        var lenient = Run(file, "lenient-1", threads: 1, lenient: true);
        Assert.Contains("== rejected", lenient, StringComparison.Ordinal);
        Assert.Equal(lenient, Run(file, "lenient-2", threads: 2, lenient: true));
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

    // The lake as text: per table, per file in part order, its columns and its rows in file order; or the error.
    private string Run(string vcf, string name, int threads, bool lenient, VariantSelection? selection = null)
    {
        var lake = Path.Combine(_dir, name);
        try
        {
            IngestJob.Run([vcf], new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = threads, Lenient = lenient, Selection = selection });
        }
        catch (HarmonyException e)
        {
            return $"error: {e.GetType().Name}: {e.Message}";
        }

        var text = new StringBuilder();
        foreach (var table in LakeDump.Tables)
        {
            var dir = Path.Combine(lake, table);
            if (!Directory.Exists(dir))
            {
                text.Append("== ").Append(table).Append(": (no table)\n");
                continue;
            }

            // part-<run>-<ordinal>-<part>.parquet: the run id differs between lakes, the rest must not.
            var files = Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories)
                .Select(f => (Key: Path.GetRelativePath(dir, Path.GetDirectoryName(f)!) + "/" + string.Join('-', Path.GetFileNameWithoutExtension(f).Split('-')[^2..]), File: f))
                .OrderBy(f => f.Key, StringComparer.Ordinal);
            foreach (var (key, file) in files)
            {
                var source = $"read_parquet({LakeReader.Literal(file)})";
                text.Append("== ").Append(table).Append(' ').Append(key).Append('\n');
                text.AppendJoin('\n', LakeReader.Query($"select column_name, column_type, \"null\" from (describe select * from {source})")).Append('\n');
                text.AppendJoin('\n', LakeReader.Query($"select columns(*)::varchar from {source}")).Append('\n');
            }
        }

        return text.ToString();
    }

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

    private static string First(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<none>";
            var y = i < a.Length ? a[i] : "<none>";
            if (x != y)
            {
                return $"line {i}: one thread '{x}' vs two '{y}'";
            }
        }

        return "same";
    }

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
