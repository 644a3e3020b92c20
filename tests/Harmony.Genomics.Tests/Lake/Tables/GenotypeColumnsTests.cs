using Apache.Arrow;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class GenotypeColumnsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void GenotypeTexts_AreRightWhetherCallsRepeatOrAllelesAreTooLargeToPack()
    {
        // 300 ALT alleles: allele 255 and above cannot be packed into the genotype key (255/. and ./0 would collide if
        // it were). The last two records are all single-digit diploid calls, the fast path that remembers the last
        // genotype: a repeat must reuse it, a change of allele or phase must not.
        var alts = string.Join(',', Enumerable.Range(0, 300).Select(i => "<A" + i + ">"));
        var lines = new List<string>
        {
            "##fileformat=VCFv4.2",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\tD",
            $"chr1\t10\t.\tA\t{alts}\t.\tPASS\t.\tGT\t255/.\t./0\t0/1\t0/1",
            $"chr1\t20\t.\tA\t{alts}\t.\tPASS\t.\tGT\t0/1\t0|1\t0|1\t299/255",
            $"chr1\t30\t.\tA\t{alts}\t.\tPASS\t.\tGT\t./0\t255/.\t0/0\t0/1",
            "chr1\t40\t.\tA\tC,G\t.\tPASS\t.\tGT\t0/1\t0/1\t1|0\t./.",
            "chr1\t50\t.\tA\tC,G\t.\tPASS\t.\tGT\t./.\t0|1\t0/1\t0/2",
        };
        var path = Path.Combine(_dir, "x.vcf");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        using var reader = VcfBatchReader.Open(path, new VcfReaderOptions { Threads = 1 }, batchSize: 100);
        var texts = new List<string>();
        while (reader.TryReadBatch(out var batch))
        {
            using (batch)
            {
                var gt = (DictionaryArray)batch.Calls.Column("gt");
                var dictionary = (StringArray)gt.Dictionary;
                var indices = (Int32Array)gt.Indices;
                texts.AddRange(Enumerable.Range(0, gt.Length).Select(i => dictionary.GetString(indices.GetValue(i)!.Value)));
            }
        }

        Assert.Equal(["255/.", "./0", "0/1", "0/1", "0/1", "0|1", "0|1", "299/255", "./0", "255/.", "0/1", "0/1", "0/1", "1|0", "./.", "./.", "0|1", "0/1", "0/2"], texts);
    }
}
