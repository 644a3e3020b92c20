using Apache.Arrow;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class VcfBatchReaderTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void TryReadBatch_SplitsRecordsAndPivotsCalls()
    {
        var path = Path.Combine(_dir, "x.vcf");
        var lines = new List<string>
        {
            "##fileformat=VCFv4.2",
            "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB",
        };
        for (var i = 1; i <= 5; i++)
        {
            lines.Add($"chr1\t{i * 10}\t.\tA\tG\t.\tPASS\tDP={i}\tGT:DP\t0/{i % 2}:{i}\t1|1:{i + 1}");
        }

        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        using var reader = VcfBatchReader.Open(path, new VcfReaderOptions { Threads = 1 }, batchSize: 2);
        var variants = new List<long>();
        var calls = 0;
        while (reader.TryReadBatch(out var batch))
        {
            using (batch)
            {
                var pos = (Int64Array)batch.Variants.Column("pos");
                variants.AddRange(Enumerable.Range(0, pos.Length).Select(i => pos.GetValue(i)!.Value));
                calls += batch.Calls.Length;
                Assert.True(batch.Variants.Length <= 2);
                Assert.Equal("info_dp", batch.Variants.Schema.FieldsList[^1].Name);
            }
        }

        Assert.Equal([10L, 20, 30, 40, 50], variants);

        // Sample A is 0/1 on odd records (3 of them), B is 1|1 on all 5.
        Assert.Equal(8, calls);
    }

    [Theory]
    [InlineData(VcfUnpack.Sites)]
    [InlineData(VcfUnpack.Genotypes)]
    public void Open_WithARecordDecodedInPart_IsRefused(VcfUnpack unpack)
    {
        var path = Path.Combine(_dir, "p.vcf");
        File.WriteAllText(path, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        var e = Assert.Throws<ArgumentException>(() => VcfBatchReader.Open(path, new VcfReaderOptions { Unpack = unpack }));
        Assert.Contains("Unpack = All", e.Message, StringComparison.Ordinal);
    }
}
