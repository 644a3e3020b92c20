using System.Text;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>--lenient ingests the good records and writes each bad one, with where and why, to the rejected table.</summary>
public sealed class LenientModeTests : IDisposable
{
    private const string Header =
        "##fileformat=VCFv4.3\n" +
        "##contig=<ID=chr1>\n" +
        "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n" +
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n";

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    /// <summary>The records: (line text, bad column or null when good, distinctive reason text, offset of the bad byte in the line).</summary>
    private static readonly (string Text, string? Column, string Reason, int OffsetInLine)[] Records =
    [
        ("chr1\t100\t.\tA\tC\t10\tPASS\tDP=5\tGT\t0/1\t0/0", null, string.Empty, 0),
        ("chr1\tabc\t.\tA\tC\t10\tPASS\tDP=5\tGT\t0/1\t0/0", "POS", "not a number", 5),
        ("chr1\t300\t.\tA\tC\t10\tPASS\tDP=5\tGT\t1/1\t0/1", null, string.Empty, 0),
        ("chr1\t400\t.\tA\tC\t10\tPASS\tDP=five\tGT\t0/1\t0/0", "INFO/DP", "an Integer, found 'five'", 26),
        ("chr1\t500\t.\tA\tC\tlow\tPASS\tDP=5\tGT\t0/1\t0/0", "QUAL", "found 'low'", 15),
        ("chr1\t600\t.\tA\tC\t10\tPASS\tAF=0.1,0.2\tGT\t0/1\t0/0", "INFO/AF", "1 value (Number=A), found 2", 26),
        ("chr1\t700\t.\tA\tC\t10\tPASS\tDP=7\tGT\t0/1\t0/3", "FORMAT/GT", "found 3", 37),
        ("chr1\t800\t.\tA\tG\t10\tPASS\tDP=8\tGT\t0|1\t./.", null, string.Empty, 0),
    ];

    [Fact]
    public void Lenient_GoodRecordsIngested_BadRecordsRejectedWithPlaceAndReason()
    {
        var text = Header + string.Join(string.Empty, Records.Select(r => r.Text + "\n"));
        var input = Path.Combine(_dir, "mixed.vcf");
        File.WriteAllText(input, text);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--lenient");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var bad = Records.Select((r, i) => (r, i)).Where(x => x.r.Column is not null).ToList();
        var good = Records.Select((r, i) => (r, i)).Where(x => x.r.Column is null).ToList();
        Assert.Contains($"{good.Count} variants", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{bad.Count} rejected", result.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(good.Select(g => g.r.Text.Split('\t')[1]), LakeDump.Column(lake, "variants", "pos"));
        Assert.Equal(["0/1", "1/1", "0/1", "0|1", "./."], LakeDump.Column(lake, "calls", "gt", "variant_id * 10 + sample_index"));

        var rejected = LakeReader.Query(
            $"select line_number, byte_offset, record_index, \"column\", reason, text, source_file from {LakeDump.Table(lake, "rejected")} order by line_number");
        Assert.Equal(bad.Count, rejected.Count);
        var headerLines = Header.Count(c => c == '\n');
        for (var k = 0; k < bad.Count; k++)
        {
            var (r, i) = bad[k];
            var lineStart = Encoding.UTF8.GetByteCount(Header) + Records.Take(i).Sum(x => Encoding.UTF8.GetByteCount(x.Text) + 1);
            var cells = rejected[k].Split('\t');
            var row = rejected[k];
            Assert.True(headerLines + i + 1 == long.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture), row);
            Assert.True(lineStart + r.OffsetInLine == long.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), $"byte_offset: expected {lineStart + r.OffsetInLine}, row {row}");
            Assert.True(i.ToString(System.Globalization.CultureInfo.InvariantCulture) == cells[2], $"record_index: expected {i}, row {row}");
            Assert.Equal(r.Column, cells[3]);
            Assert.Contains(r.Reason, cells[4], StringComparison.Ordinal);
            Assert.Equal(r.Text, string.Join('\t', cells[5..^1]));
            Assert.Equal("mixed.vcf", cells[^1]);
        }
    }

    [Fact]
    public void Lenient_EveryRecordBad_CommitsRejectedOnly()
    {
        var input = Path.Combine(_dir, "allbad.vcf");
        File.WriteAllText(input, Header + "chr1\tx\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0\nchr1\ty\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0\n");
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--lenient");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["2"], LakeReader.Query($"select count(*) from {LakeDump.Table(lake, "rejected")}"));
        Assert.Equal(["0"], LakeReader.Query($"select count(*) from {LakeDump.Table(lake, "variants")}"));
    }

    [Fact]
    public void WithoutLenient_SameInput_Fails_AndNoLakeIsVisible()
    {
        var input = Path.Combine(_dir, "mixed.vcf");
        File.WriteAllText(input, Header + string.Join(string.Empty, Records.Select(r => r.Text + "\n")));
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mixed.vcf: line 8, byte ", result.StandardError, StringComparison.Ordinal);
        Assert.False(LakeDump.AnyTableVisible(lake));
    }
}
