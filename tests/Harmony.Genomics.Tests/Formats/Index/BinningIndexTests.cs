using Harmony.Genomics.Formats.Index;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Index;

/// <summary>Reading htslib's own tabix and CSI indexes (SAMv1 §5.2, CSIv1).</summary>
public sealed class BinningIndexTests
{
    private const string Dir = "/usr/share/htslib-test/test";

    [RequiresFileFact(Dir + "/index.vcf.gz.tbi")]
    public void Tabix_HoldsTheSequenceNamesOfItsVcf()
    {
        var index = BinningIndex.Load(Dir + "/index.vcf.gz.tbi");
        Assert.Equal(14, index.MinShift);
        Assert.Equal(5, index.Depth);
        Assert.Equal(ChromosomesOf(Dir + "/index.vcf"), index.Names);
        Assert.NotEmpty(index.Query(0, 0, 1L << 29));
    }

    [RequiresFileFact(Dir + "/index.vcf.gz.csi")]
    public void Csi_OfAVcf_HoldsTheNamesInItsAuxData()
    {
        var index = BinningIndex.Load(Dir + "/index.vcf.gz.csi");
        Assert.Equal(ChromosomesOf(Dir + "/index.vcf"), index.Names);
        Assert.NotEmpty(index.Query(0, 0, long.MaxValue));
        Assert.Empty(index.Query(99, 0, 100));
    }

    [RequiresFileFact(Dir + "/index.bcf.csi")]
    public void Csi_OfABcf_HasNoNames()
    {
        var index = BinningIndex.Load(Dir + "/index.bcf.csi");
        Assert.Null(index.Names);
        Assert.NotEmpty(index.Query(0, 0, long.MaxValue));
    }

    [Fact]
    public void NotAnIndex_IsAnErrorNamingTheFile()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "x.tbi");
            File.WriteAllText(path, "not an index at all");
            var e = Assert.Throws<Harmony.Genomics.Core.InputFormatException>(() => BinningIndex.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    private static List<string> ChromosomesOf(string vcf) =>
        File.ReadLines(vcf).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')[0]).Distinct().ToList();
}
