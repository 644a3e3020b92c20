using System.Globalization;
using System.Text;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary>Indexed copies of a VCF (BGZF + .tbi, BGZF + .csi, BCF + .csi) made by bgzip and bcftools in a scratch directory.</summary>
internal sealed class SelectionFixture : IDisposable
{
    private SelectionFixture(string dir) => Directory = dir;

    public string Directory { get; }

    /// <summary>The VCF.gz with a tabix index, the VCF.gz with a CSI index, and the BCF with a CSI index.</summary>
    public List<string> Files { get; } = [];

    public static SelectionFixture Create(string vcf)
    {
        var fixture = new SelectionFixture(TestPaths.NewTempDir());
        var name = Path.GetFileNameWithoutExtension(vcf);
        var tbi = Path.Combine(fixture.Directory, name + ".tbi.vcf.gz");
        var csi = Path.Combine(fixture.Directory, name + ".csi.vcf.gz");
        var bcf = Path.Combine(fixture.Directory, name + ".bcf");
        Run("view", "--no-version", "-Oz", "-o", tbi, vcf);
        Run("index", "-t", tbi);
        File.Copy(tbi, csi);
        Run("index", "-c", csi);
        Run("view", "--no-version", "-Ob", "-o", bcf, vcf);
        Run("index", bcf);
        fixture.Files.AddRange([tbi, csi, bcf]);
        return fixture;
    }

    /// <summary>
    /// A deterministic VCF over two chromosomes with SNVs, deletions whose REF spans several bases, symbolic deletions
    /// with INFO/END, and four samples, long enough for many BGZF blocks.
    /// </summary>
    public static string WriteSynthetic(string dir)
    {
        var path = Path.Combine(dir, "synthetic.vcf");
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.2\n##contig=<ID=chrA,length=1000000>\n##contig=<ID=chrB,length=1000000>\n");
        text.Append("##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##ALT=<ID=DEL,Description=\"Deletion\">\n");
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\tS4\n");
        var random = new Random(20261129);
        string[] gts = ["0/0", "0/1", "1/1", "./.", "0|1", "1|0"];
        foreach (var chrom in new[] { "chrA", "chrB" })
        {
            var pos = 1;
            for (var i = 0; i < 3000; i++)
            {
                pos += random.Next(1, 60);
                var kind = random.Next(10);
                var (reference, alt, info) = kind switch
                {
                    0 => ("ACGTACGTACGT"[..random.Next(2, 12)], "A", "."),
                    1 => ("A", "<DEL>", $"END={pos + random.Next(1, 400)}"),
                    _ => ("A", "C", "."),
                };
                text.Append(CultureInfo.InvariantCulture, $"{chrom}\t{pos}\t.\t{reference}\t{alt}\t50\tPASS\t{info}\tGT:DP");
                for (var s = 0; s < 4; s++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\t{gts[random.Next(gts.Length)]}:{random.Next(100)}");
                }

                text.Append('\n');
            }
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>What bcftools selects: sites and non-reference calls of <c>bcftools view OPTIONS file</c>.</summary>
    public BcftoolsExpectation Expected(string file, params string[] options)
    {
        var output = Path.Combine(Directory, $"expected-{Guid.NewGuid():N}.vcf");
        var result = ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "--no-version", "-Ov", "-o", output, .. options, file]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return BcftoolsOracle.Query(output);
    }

    /// <summary>Ingests <paramref name="file"/> with <paramref name="options"/> into a fresh lake; returns its path.</summary>
    public string Ingest(string file, params string[] options)
    {
        var lake = Path.Combine(Directory, $"lake-{Guid.NewGuid():N}");
        var rc = BcfLakeTests.Ingest(file, lake, out var error, options);
        Assert.True(rc == 0, error);
        return lake;
    }

    /// <summary>Asserts that ingesting with <paramref name="options"/> keeps what <c>bcftools view</c> keeps with them.</summary>
    public void AssertSameAsBcftools(params string[] options)
    {
        foreach (var file in Files)
        {
            var expected = Expected(file, options);
            var lake = Ingest(file, options);
            var label = $"{Path.GetFileName(file)} {string.Join(' ', options)}";
            Assert.True(expected.Sites.Count > 0, $"{label}: bcftools selected nothing; the case tests nothing");
            Assert.True(expected.Sites.SequenceEqual(LakeReader.ReadSites(lake)), $"{label}: sites differ: expected {expected.Sites.Count}, found {LakeReader.ReadSites(lake).Count}");
            if (expected.Calls is not null)
            {
                Assert.True(expected.Calls.SequenceEqual(LakeReader.ReadCalls(lake)), $"{label}: calls differ");
            }
        }
    }

    public void Dispose() => TestPaths.TryDelete(Directory);

    private static void Run(params string[] arguments)
    {
        var result = ProcessRunner.Run(BcftoolsOracle.Tool, arguments);
        Assert.True(result.ExitCode == 0, $"bcftools {string.Join(' ', arguments)}: {result.StandardError}");
    }
}
