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
    public void GenotypeMatrices_RenderLikeBcftoolsView()
    {
        // GT-only records (the 4-byte-per-sample path) with what leaves it now and then: haploid and missing calls,
        // alleles above 9, mixed phasing.
        var random = new Random(41);
        var samples = 37;
        var text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=chr1,length=1000000>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT").Append(string.Concat(Enumerable.Range(1, samples).Select(i => $"\tS{i}"))).Append('\n');
        for (var r = 0; r < 400; r++)
        {
            var alts = random.Next(1, 14);
            text.Append($"chr1\t{1000 + r}\t.\tA\t{string.Join(',', Enumerable.Range(0, alts).Select(i => "CGT"[i % 3] + new string('A', i / 3)))}\t.\t.\t.\tGT");
            var odd = random.Next(3) == 0;
            for (var s = 0; s < samples; s++)
            {
                string Allele() => random.Next(12) == 0 ? "." : random.Next(0, (odd ? alts : Math.Min(alts, 9)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append('\t').Append(odd && random.Next(10) == 0
                    ? random.Next(2) == 0 ? Allele() : Allele() + "/" + Allele() + "|" + Allele()
                    : Allele() + (random.Next(2) == 0 ? "|" : "/") + Allele());
            }

            text.Append('\n');
        }

        AssertRendersLikeBcftoolsView(text.ToString());
    }

    [RequiresToolFact("bcftools")]
    public void RecordsOfHundredsOfKilobytes_RenderLikeBcftoolsView()
    {
        // 150,000 samples, GT:DP and GT alone: records of about 900 and 300 kB, larger than the stream's first record
        // buffer (64 kB), which grows as their bytes come.
        const int Samples = 150_000;
        var text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=chr1,length=1000000>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < Samples; s++)
        {
            text.Append("\tS").Append(s);
        }

        text.Append('\n');
        for (var r = 0; r < 5; r++)
        {
            text.Append($"chr1\t{100 + r}\t.\tA\tC\t.\t.\t.\t{(r % 2 == 0 ? "GT:DP" : "GT")}");
            for (var s = 0; s < Samples; s++)
            {
                text.Append('\t').Append((s + r) % 5 == 0 ? "0/1" : "0/0");
                if (r % 2 == 0)
                {
                    text.Append(':').Append(((s * 7) + r) % 70000);
                }
            }

            text.Append('\n');
        }

        AssertRendersLikeBcftoolsView(text.ToString());
    }

    // Writes the VCF, has bcftools convert it to BGZF-compressed BCF, and compares what this stream renders for that BCF
    // with what bcftools view prints for it.
    private static void AssertRendersLikeBcftoolsView(string vcfText)
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "input.vcf");
            File.WriteAllText(vcf, vcfText);
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: true);
            Assert.NotNull(bcf);
            var expected = BcfFixtures.BcftoolsView(bcf!);
            Assert.NotNull(expected);
            var actual = Render(bcf!);
            Assert.True(expected == actual, FirstDifference.Of(expected!, actual, "bcftools", "harmony"));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [Fact]
    public void FourDiploidSamplesAtOnce_EveryPairOfSimpleAlleles_AsTheTextOfEachSample()
    {
        // Every pair of GT bytes the vector path takes ((allele + 1) << 1 | phased, allele 0 to 9 or missing: 0 to 21),
        // four samples per call, against the text written out here from the VCF 4.4 encoding.
        static string Allele(int code) => (code >> 1) == 0 ? "." : ((code >> 1) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pairs = (from first in Enumerable.Range(0, 22) from second in Enumerable.Range(0, 22) select (first, second)).ToList();
        for (var i = 0; i < pairs.Count; i += 4)
        {
            var four = pairs.Skip(i).Take(4).ToList();
            var bytes = new byte[16];
            for (var k = 0; k < four.Count; k++)
            {
                (bytes[2 * k], bytes[(2 * k) + 1]) = ((byte)four[k].first, (byte)four[k].second);
            }

            var text = new byte[16];
            System.Runtime.Intrinsics.Vector128.CopyTo(BcfRecordRenderer.RenderFourDiploid(System.Runtime.Intrinsics.Vector128.Create(bytes)), text);
            var expected = string.Concat(four.Select(p => "\t" + Allele(p.first) + ((p.second & 1) != 0 ? "|" : "/") + Allele(p.second)));
            Assert.Equal(expected, Encoding.ASCII.GetString(text, 0, 4 * four.Count));
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

    /// <summary>The VCF text the engine renders for <paramref name="bcf"/> (with a selection; and record by record where it cannot decode one directly).</summary>
    internal static string Render(string bcf)
    {
        using var input = VariantInput.Open(File.OpenRead(bcf), bcf, bcf, new InputOptions { Threads = 1 });
        using var text = new BcfToVcfTextStream(input.Stream, bcf);
        using var reader = new StreamReader(text, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
