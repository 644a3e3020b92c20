using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Bcf;

/// <summary>BCF rendered as VCF text equals what <c>bcftools view</c> prints for the same BCF.</summary>
public sealed class BcfToVcfTextStreamTests
{
    [RequiresToolFact("bcftools")]
    public void ConformanceVcfsAsBcf_RenderLikeBcftoolsView()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var failures = new List<string>();
            var checkedFiles = 0;
            foreach (var vcf in BcfFixtures.ConformanceVcfs())
            {
                var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: checkedFiles % 2 == 0);
                var expected = bcf is null ? null : BcfFixtures.BcftoolsView(bcf);
                if (expected is null)
                {
                    continue;
                }

                checkedFiles++;
                var actual = Render(bcf!);
                if (actual != expected)
                {
                    failures.Add($"{Path.GetFileName(vcf)}: {FirstDifference.Of(expected, actual, "bcftools", "harmony")}");
                }
            }

            Assert.True(checkedFiles > 200, $"only {checkedFiles} BCFs were made");
            Assert.True(failures.Count == 0, $"{failures.Count} of {checkedFiles} differ:\n{string.Join('\n', failures.Take(30))}");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void HtslibBcfs_RenderLikeBcftoolsView()
    {
        var files = BcfFixtures.HtslibBcfs();
        foreach (var bcf in files)
        {
            var expected = BcfFixtures.BcftoolsView(bcf);
            Assert.NotNull(expected);
            var actual = Render(bcf);
            Assert.True(expected == actual, $"{bcf}: {FirstDifference.Of(expected!, actual, "bcftools", "harmony")}");
        }
    }

    [Fact]
    public void IsBcf_RecognisesTheMagic()
    {
        Assert.True(BcfToVcfTextStream.IsBcf("BCF\u0002\u0002"u8));
        Assert.False(BcfToVcfTextStream.IsBcf("##fileformat"u8));
        Assert.False(BcfToVcfTextStream.IsBcf("BC"u8));
    }

    [Fact]
    public void TruncatedRecord_IsAnErrorNamingTheRecord()
    {
        var header = "##fileformat=VCFv4.2\n##contig=<ID=1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n\0"u8.ToArray();
        using var bytes = new MemoryStream();
        bytes.Write("BCF\u0002\u0002"u8);
        bytes.Write(BitConverter.GetBytes(header.Length));
        bytes.Write(header);
        bytes.Write(BitConverter.GetBytes(40));
        bytes.Write(BitConverter.GetBytes(0));
        bytes.Write(new byte[10]);
        bytes.Position = 0;
        using var stream = new BcfToVcfTextStream(bytes, "t.bcf");
        var e = Assert.Throws<InputFormatException>(() => new StreamReader(stream).ReadToEnd());
        Assert.Equal("BCF record 1", e.Column);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The VCF text the engine reads for <paramref name="bcf"/>.</summary>
    internal static string Render(string bcf)
    {
        using var input = VariantInput.Open(File.OpenRead(bcf), bcf, bcf, new InputOptions { Threads = 1 });
        using var reader = new StreamReader(input.Stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
