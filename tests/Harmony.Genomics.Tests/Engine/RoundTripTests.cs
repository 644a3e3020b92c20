using System.IO.Compression;
using System.Text;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// The same random VCF text as plain, gzip (one and several members), BGZF (default and tiny blocks), from a file or
/// standard input, with 1 or 4 threads, gives the same lake content; and the lake agrees with bcftools.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    /// <summary>Random seeds (random sample counts), plus fixed 0 and 5 samples.</summary>
    public static TheoryData<int, int> SeedsAndSamples => new() { { 1, -1 }, { 2, -1 }, { 3, -1 }, { 4, -1 }, { 5, -1 }, { 6, 0 }, { 7, 5 } };

    [Theory]
    [MemberData(nameof(SeedsAndSamples))]
    public void SameText_EveryContainerThreadsAndStdin_IdenticalLakes(int seed, int samples)
    {
        var text = Encoding.UTF8.GetBytes(RandomVcf.Generate(seed, samples: samples < 0 ? null : samples));
        Assert.Contains(BcftoolsOracle.SplitLines(Encoding.UTF8.GetString(text)), l => l.Length > 70_000);
        var containers = Containers(text, seed);
        string? reference = null;
        string? referenceName = null;
        foreach (var (name, bytes) in containers)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, bytes);
            foreach (var threads in new[] { 1, 4 })
            {
                var lake = Path.Combine(_dir, $"lake-{name}-{threads}");
                var result = HarmonyCli.Run("ingest", path, "--lake", lake, "--keep-sample-ids", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(result.ExitCode == 0, $"{name}, {threads} threads: {result.StandardError}");
                AssertSame(ref reference, ref referenceName, LakeDump.Content(lake), $"{name}, {threads} threads");
            }
        }

        foreach (var (name, bytes) in containers.Where(c => c.Name.EndsWith("plain.vcf", StringComparison.Ordinal) || c.Name.Contains("bgzf-tiny", StringComparison.Ordinal)))
        {
            foreach (var threads in new[] { 1, 4 })
            {
                var lake = Path.Combine(_dir, $"lake-stdin-{name}-{threads}");
                IngestJob.Run(["-"], new IngestOptions
                {
                    LakePath = lake,
                    KeepSampleIds = true,
                    Threads = threads,
                    SmallInputBytes = 0,
                    OpenStandardInput = () => new NonSeekableStream(bytes, 4093),
                });
                AssertSame(ref reference, ref referenceName, LakeDump.Content(lake), $"stdin {name}, {threads} threads");
            }
        }

        // Not vacuous: the lake holds every record.
        var records = BcftoolsOracle.SplitLines(Encoding.UTF8.GetString(text)).Count(l => !l.StartsWith('#'));
        Assert.Equal([records.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            LakeReader.Query($"select count(*) from {LakeDump.Table(Path.Combine(_dir, $"lake-{containers[0].Name}-1"), "variants")}"));
    }

    [Fact]
    public void StandardInput_ThroughTheRealCli_SameLakeAsTheFile()
    {
        var text = Encoding.UTF8.GetBytes(RandomVcf.Generate(11, records: 80, samples: 3));
        var bgzf = Bgzf(text, 1000);
        var file = Path.Combine(_dir, "input.vcf.gz");
        File.WriteAllBytes(file, bgzf);
        var fileLake = Path.Combine(_dir, "file-lake");
        var stdinLake = Path.Combine(_dir, "stdin-lake");

        Assert.Equal(0, HarmonyCli.Run("ingest", file, "--lake", fileLake, "--keep-sample-ids").ExitCode);
        var child = HarmonyCli.RunChild(["ingest", "-", "--lake", stdinLake, "--keep-sample-ids", "--threads", "4"], bgzf);

        Assert.True(child.ExitCode == 0, child.StandardError);
        Assert.Equal(LakeDump.Content(fileLake), LakeDump.Content(stdinLake));
    }

    [RequiresToolFact("bcftools")]
    public void RandomVcf_AgreesWithBcftools()
    {
        foreach (var (seed, samples) in new[] { (1, -1), (2, -1), (3, -1), (4, -1), (5, -1), (6, 0), (7, 5) })
        {
            var text = Encoding.UTF8.GetBytes(RandomVcf.Generate(seed, samples: samples < 0 ? null : samples));
            var plain = Path.Combine(_dir, $"seed{seed}.vcf");
            File.WriteAllBytes(plain, text);
            var verdict = ConformanceCheck.Check(plain, ConformanceExceptions.None);
            Assert.True(verdict.Agrees, $"seed {seed} plain: {verdict.Detail}");

            var bgzf = Path.Combine(_dir, $"seed{seed}.vcf.gz");
            File.WriteAllBytes(bgzf, Bgzf(text, 777));
            verdict = ConformanceCheck.Check(bgzf, ConformanceExceptions.None);
            Assert.True(verdict.Agrees, $"seed {seed} bgzf: {verdict.Detail}");
        }
    }

    [Fact]
    public void TypedColumns_ReadBackWithTheirTypes()
    {
        const string vcf =
            "##fileformat=VCFv4.3\n" +
            "##contig=<ID=chr1>\n" +
            "##INFO=<ID=AFV,Number=.,Type=Float,Description=\"Floats\">\n" +
            "##INFO=<ID=FL,Number=0,Type=Flag,Description=\"Flag\">\n" +
            "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
            "##INFO=<ID=Weird-Name,Number=1,Type=String,Description=\"Renamed column\">\n" +
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
            "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths\">\n" +
            "##FORMAT=<ID=GQ,Number=1,Type=Float,Description=\"Quality\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n" +
            "chr1\t100\trs1\tAC\tA,ACC\t12.5\tPASS\tAFV=0.5,.,1.5;FL;DP=42;Weird-Name=x\tGT:AD:GQ\t0/1:3,.,4:9.5\t1|2:.:.\n" +
            "chr1\t200\t.\tG\t.\t.\t.\tDP=.\tGT\t./.\t.\n";
        var input = Path.Combine(_dir, "typed.vcf");
        File.WriteAllText(input, vcf);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var v = LakeDump.Table(lake, "variants");
        Assert.Equal(
            [
                "0\tchr1\t100\t101\trs1\tAC\t[A, ACC]\t12.5\t[PASS]\t[0.5, NULL, 1.5]\tDOUBLE[]\ttrue\tBOOLEAN\t42\tINTEGER\tx",
                "1\tchr1\t200\t200\t.\tG\t[]\t.\t.\t.\tDOUBLE[]\tfalse\tBOOLEAN\t.\tINTEGER\t.",
            ],
            LakeReader.Query($"select record_index, chrom, pos, end_pos, id, ref, alts::varchar, qual, filters::varchar, info_afv::varchar, typeof(info_afv), info_fl::varchar, typeof(info_fl), info_dp, typeof(info_dp), info_weird_name from {v} order by record_index"));
        Assert.Equal(["[NULL, 1.5]"], LakeReader.Query($"select list_filter(info_afv, x -> x is null or x > 1)::varchar from {v} where record_index = 0"));

        var c = LakeDump.Table(lake, "calls");
        Assert.Equal(
            [
                "0\tS1\t0/1\t[0, 1]\tfalse\t2\t[3, NULL, 4]\tINTEGER[]\t9.5\tDOUBLE",
                "0\tS2\t1|2\t[1, 2]\ttrue\t2\t.\tINTEGER[]\t.\tDOUBLE",
                "1\tS1\t./.\t[NULL, NULL]\tfalse\t2\t.\tINTEGER[]\t.\tDOUBLE",
                "1\tS2\t.\t[NULL]\tfalse\t1\t.\tINTEGER[]\t.\tDOUBLE",
            ],
            LakeReader.Query($"select variant_id & 1099511627775, sample, gt, gt_alleles::varchar, gt_phased::varchar, ploidy, ad::varchar, typeof(ad), gq, typeof(gq) from {c} order by variant_id, sample_index"));
    }

    [Fact]
    public void ParquetFiles_CarryHarmonyKeyValueMetadata()
    {
        var input = Path.Combine(_dir, "meta.vcf");
        File.WriteAllText(input, RandomVcf.Generate(7, records: 10, samples: 2, longLine: false));
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--cohort", "c1");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var files = Directory.EnumerateFiles(lake, "*.parquet", SearchOption.AllDirectories).Where(f => !f.Contains("/_harmony/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, files.Count); // variants, calls, samples
        foreach (var file in files)
        {
            var kv = LakeReader.Query($"select decode(key), decode(value) from parquet_kv_metadata({LakeReader.Literal(file)})")
                .Select(r => r.Split('\t', 2)).ToDictionary(r => r[0], r => r[1]);
            Assert.Equal("1", kv["harmony.schema_version"]);
            Assert.Equal(IngestJob.EngineVersion, kv["harmony.engine_version"]);
            Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+", kv["harmony.engine_version"]);
            Assert.Equal("meta.vcf", kv["harmony.source_file"]);
            Assert.Equal("c1", kv["harmony.cohort"]);
            Assert.StartsWith("##fileformat=VCFv4.3\n", kv["harmony.source_header"], StringComparison.Ordinal);
            Assert.Contains("##INFO=<ID=LONG,Number=1,Type=String", kv["harmony.source_header"], StringComparison.Ordinal);
            Assert.Contains("##FORMAT=<ID=GT,", kv["harmony.source_header"], StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(kv["harmony.command_line"]);
            Assert.Equal(["harmony", "ingest", input, "--lake", lake, "--keep-sample-ids", "--cohort", "c1"], json.RootElement.EnumerateArray().Select(e => e.GetString()!));
        }
    }

    private static List<(string Name, byte[] Bytes)> Containers(byte[] text, int seed)
    {
        var rng = new Random(seed);
        var cuts = Enumerable.Range(0, 3).Select(_ => rng.Next(1, text.Length)).Order().ToArray();
        var multi = new MemoryStream();
        var from = 0;
        foreach (var cut in cuts.Append(text.Length))
        {
            multi.Write(Gzip(text.AsSpan(from, cut - from)));
            from = cut;
        }

        return
        [
            ("plain.vcf", text),
            ("gzip-single.vcf.gz", Gzip(text)),
            ("gzip-multi.vcf.gz", multi.ToArray()),
            ("bgzf-default.vcf.gz", Bgzf(text, 0xff00)),
            ("bgzf-tiny.vcf.gz", Bgzf(text, 777)),
        ];
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var g = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            g.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Bgzf(byte[] data, int blockSize)
    {
        var ms = new MemoryStream();
        using (var w = new BgzfWriter(ms, CompressionLevel.Fastest, leaveOpen: true, blockSize))
        {
            w.Write(data);
        }

        return ms.ToArray();
    }

    private static void AssertSame(ref string? reference, ref string? referenceName, string content, string name)
    {
        if (reference is null)
        {
            reference = content;
            referenceName = name;
            return;
        }

        if (reference != content)
        {
            var a = reference.Split('\n');
            var b = content.Split('\n');
            var i = 0;
            while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
            {
                i++;
            }

            Assert.Fail($"lake of {name} differs from {referenceName} at dump line {i + 1}:\n  {Head(i < a.Length ? a[i] : "(none)")}\n  {Head(i < b.Length ? b[i] : "(none)")}");
        }
    }

    private static string Head(string s) => s.Length <= 400 ? s : s[..400] + "…";
}
