using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harmony.Genomics.Cli;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Engine.Qc;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine.Qc;

/// <summary>
/// <c>harmony ingest --stats</c> against <c>harmony qc</c> on the same lake: every column of <c>variant_stats</c>
/// and <c>sample_qc</c> must be equal, however the records are cut into chunks.
/// </summary>
public sealed partial class IngestStatsTests : IDisposable
{
    private const string Key = "an ingest-stats test key of enough bytes";

    // Haploid, triploid, missing, multi-allelic, a record without GT and hom-ref calls of every ploidy.
    private const string MixedPloidy = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1>
        ##contig=<ID=chrX>
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S1	S2	S3
        chr1	100	.	A	G	.	PASS	.	GT	0/1	1/1	0/0
        chr1	200	.	C	T,A	.	PASS	.	GT	1/2	0/0	./.
        chr1	300	.	G	T	.	PASS	.	GT	0|1	./1	0/1
        chr1	400	.	AT	A	.	PASS	.	GT	0/1	0/0	1/1
        chr1	500	.	C	G	.	PASS	.	DP	10	20	30
        chr1	600	.	C	A	.	PASS	.	GT	0/0	0/0/0	0/1
        chrX	100	.	A	C	.	PASS	.	GT	0	1	0/1
        chrX	200	.	T	C	.	PASS	.	GT	0/0/1	0	1/1/1
        chrX	300	.	G	A	.	PASS	.	GT	.	0	1
        chrX	400	.	G	T	.	PASS	.	GT	0/1	0/0	0/0

        """;

    // Shares S2 with the first file: sample_qc sums it over both, as harmony qc joins samples by name.
    private const string SharedSample = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1>
        ##contig=<ID=chr2>
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S2	S4
        chr1	100	.	A	G	.	PASS	.	GT	0/1	0/0
        chr2	50	.	G	C	.	PASS	.	GT	1/1	./.
        chr2	60	.	T	G	.	PASS	.	GT	0/0	0/1

        """;

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }

    private IngestOptions Options(string lake, bool allCalls, long chunkBytes) => new()
    {
        LakePath = lake,
        Cohort = "c1",
        Threads = 2,
        AllCalls = allCalls,
        Stats = true,
        StatsDevice = DeviceChoice.Cpu,
        StatsChunkBytes = chunkBytes,
        GetEnvironmentVariable = name => name == "HARMONY_PSEUDONYM_KEY" ? Key : null,
    };

    private static string RunOf(string summary) => RunPattern().Match(summary) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(summary);

    [GeneratedRegex(@"run ([0-9]{8}T[0-9]{6}Z-[0-9a-f]{8})")]
    private static partial Regex RunPattern();

    [GeneratedRegex(@"\((\d+) chunks of at most (\d+) genotype bytes")]
    private static partial Regex ChunkPattern();

    private static List<string> Rows(string lake, string sql)
    {
        using var connection = LakeQuery.Connect(lake);
        return [.. LakeQuery.Rows(connection, sql).Select(row => string.Join("|", row.Select(Text)))];
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Both tables of run <paramref name="ingestRun"/> equal those of <paramref name="qcRun"/>, row by row, every column.</summary>
    internal static void AssertSameTables(string lake, string ingestRun, string qcRun, int expectedVariants, int expectedSamples)
    {
        // Lists as text: AF lists hold nulls when AN is 0, which the ADO.NET reader cannot return as a list.
        foreach (var (table, columns, key, expected) in new[]
        {
            ("variant_stats", "* exclude (qc_run) replace (ac::varchar as ac, af::varchar as af)", "variant_id", expectedVariants),
            ("sample_qc", "* exclude (qc_run)", "sample", expectedSamples),
        })
        {
            var fromIngest = Rows(lake, $"select {columns} from {table} where qc_run = '{ingestRun}' order by {key}");
            var fromQc = Rows(lake, $"select {columns} from {table} where qc_run = '{qcRun}' order by {key}");
            Assert.Equal(expected, fromQc.Count);
            Assert.Equal(fromQc, fromIngest);
        }

        // Same schema too (names, order and types).
        Assert.Equal(
            Rows(lake, $"select column_name, column_type from (describe select * from variant_stats)"),
            Rows(lake, $"select column_name, column_type from (describe select * from variant_stats where qc_run = '{qcRun}')"));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 20)]
    [InlineData(true, 7)]
    [InlineData(true, 1 << 20)]
    public void StatsEqualQcOverMixedPloidyMissingAndSharedSamples(bool allCalls, long chunkBytes)
    {
        var lake = Path.Combine(_dir, "lake");
        var random = Write("random.vcf", RandomVcf.Generate(5, records: 120, samples: 4, longLine: false));
        var result = IngestJob.Run([Write("mixed.vcf", MixedPloidy), Write("shared.vcf", SharedSample), random], Options(lake, allCalls, chunkBytes));
        Assert.NotNull(result.Stats);
        var variants = result.Sources.Sum(s => (int)s.Variants);
        Assert.Equal(13 + 120, variants);
        var qc = QcJob.RunStats(lake, "c1", DeviceChoice.Cpu, threads: 2);

        // The budget bounds every chunk (one variant per chunk when it is smaller than a variant's codes).
        var chunks = ChunkPattern().Match(result.Stats!);
        var (count, largest) = (int.Parse(chunks.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(chunks.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.InRange(largest, 1, Math.Max(chunkBytes, 3 * 4));
        Assert.InRange(count, chunkBytes == 1 ? variants : 3, chunkBytes == 1 ? variants : variants);

        // S1..S4 of the literal files and the random file's samples, joined by pseudonym.
        var samples = Rows(lake, "select count(distinct sample) from samples")[0];
        AssertSameTables(lake, RunOf(result.Stats!), RunOf(qc), variants, int.Parse(samples, CultureInfo.InvariantCulture));

        // The pseudonyms are stored, never the raw names.
        Assert.Empty(Rows(lake, "select sample from sample_qc where sample in ('S1', 'S2', 'S3', 'S4')"));

        // Spot checks worked out by hand from the literal files. chr1:100 of the first file: 0/1, 1/1, 0/0.
        var run = RunOf(result.Stats!);
        Assert.Equal(["6|[3]|[0.5]|1|1|0|1|True"], Rows(lake, $"select an, ac::varchar, af::varchar, n_het, n_hom_alt, n_missing, call_rate, hwe_p between 0 and 1 from variant_stats join variants using (variant_id) where qc_run = '{run}' and chrom = 'chr1' and pos = 100 and an = 6"));

        // chrX:100 (0, 1, 0/1): the haploid hom-ref call has no call row without --all-calls, so both read it as 0/0.
        Assert.Equal([allCalls ? "4|[2]|False" : "5|[2]|False"], Rows(lake, $"select an, ac::varchar, hwe_p is not null from variant_stats join variants using (variant_id) where qc_run = '{run}' and chrom = 'chrX' and pos = 100"));
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void CliStatsOnTheDemoCohortEqualQcWithPseudonyms()
    {
        var lake = Path.Combine(_dir, "lake");
        var keyFile = Write("key", Key);
        var vcf = TestPaths.TestData("demo/cohort-germline.vcf.gz");
        var ingest = Cli("ingest", vcf, "--lake", lake, "--key-file", keyFile, "--stats", "--device", "cpu");
        Assert.True(ingest.Code == 0, ingest.Err);
        Assert.Contains("variant_stats: 3000 variants, sample_qc: 24 samples", ingest.Out, StringComparison.Ordinal);
        var qc = Cli("qc", lake, "--device", "cpu");
        Assert.True(qc.Code == 0, qc.Err);
        AssertSameTables(lake, RunOf(ingest.Out), RunOf(qc.Out), 3000, 24);
        Assert.Empty(Rows(lake, "select sample from sample_qc where sample not like 'hs_%'"));

        // The stats rows carry the ingest's run id: the sources it added say which rows cover which files.
        Assert.Equal(["3000"], Rows(lake, $"select count(*) from variant_stats s join variants v using (variant_id) where s.qc_run = '{RunOf(ingest.Out)}'"));
    }

    [Fact]
    public void DeviceWithoutStatsIsRefused()
    {
        var result = Cli("ingest", TestPaths.TestData("demo/somatic-tumour.vcf"), "--lake", Path.Combine(_dir, "lake"), "--keep-sample-ids", "--device", "cpu");
        Assert.Equal(1, result.Code);
        Assert.Contains("--device only applies with --stats", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedRunLeavesNeitherCallsNorStats()
    {
        var lake = Path.Combine(_dir, "lake");
        var bad = Write("bad.vcf", SharedSample + "chr2\tx\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0/0\n");
        var options = Options(lake, allCalls: false, chunkBytes: 1);
        Assert.Throws<InputFormatException>(() => IngestJob.Run([Write("mixed.vcf", MixedPloidy), bad], options));
        Assert.False(Directory.Exists(Path.Combine(lake, "variant_stats")));
        Assert.False(Directory.Exists(Path.Combine(lake, "sample_qc")));
        Assert.False(Directory.Exists(Path.Combine(lake, "variants")));

        // The same files without the bad one commit calls and stats together.
        var ok = IngestJob.Run([Write("mixed.vcf", MixedPloidy)], options);
        Assert.Equal(["10|3"], Rows(lake, "select (select count(*) from variant_stats), (select count(*) from sample_qc)"));
        Assert.Contains("10 variants", ok.Stats, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleSheetIngestComposesWithStats()
    {
        var lake = Path.Combine(_dir, "lake");
        var ingest = Cli("ingest", "--samplesheet", TestPaths.TestData("leukemia/samplesheet.csv"), "--lake", lake, "--keep-sample-ids", "--stats", "--device", "cpu");
        Assert.True(ingest.Code == 0, ingest.Err);
        Assert.Contains("abnormalities:", ingest.Out, StringComparison.Ordinal);
        var qc = Cli("qc", lake, "--device", "cpu");
        Assert.True(qc.Code == 0, qc.Err);
        var variants = int.Parse(Rows(lake, "select count(*) from variants")[0], CultureInfo.InvariantCulture);
        var samples = int.Parse(Rows(lake, "select count(distinct sample) from samples")[0], CultureInfo.InvariantCulture);
        Assert.True(variants > 0 && samples > 0);
        AssertSameTables(lake, RunOf(ingest.Out), RunOf(qc.Out), variants, samples);

        // The sheet's own tables are still written in the same commit.
        Assert.NotEmpty(Rows(lake, "select * from abnormalities"));
    }
}
