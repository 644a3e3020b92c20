using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>Per-chromosome allelic balance from FORMAT/AD of literal SNV records.</summary>
public sealed class AllelicImbalanceCollectorTests
{
    [Fact]
    public void Balanced_imbalanced_loh_and_too_few_sites()
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"a\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n");
        void Sites(string chrom, int count, string ad, string filter = "PASS")
        {
            for (var i = 1; i <= count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{chrom}\t{i * 1000}\t.\tA\tG\t.\t{filter}\t.\tGT:AD\t0/1:{ad}\n");
            }
        }

        Sites("chr1", 40, "50,50");
        Sites("chr4", 40, "60,30");      // minor fraction 1/3: a trisomy's heterozygous SNPs
        Sites("chr17", 40, "0,45");      // no heterozygous site: LOH
        Sites("chr20", 5, "50,50");      // too few sites
        Sites("chr21", 40, "50,50", "LowQual");
        Sites("chr22", 40, "5,5");       // below the depth minimum
        using var reader = VcfReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "t.vcf", new VcfReaderOptions { Threads = 1 });
        var collector = new AllelicImbalanceCollector(reader.Header, SpecimenType.Tumour, "T1");
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            collector.Observe(record);
        }

        var calls = collector.Results().ToDictionary(c => c.Chromosome);
        Assert.Equal(("balanced", 0.5), (calls["chr1"].State, calls["chr1"].MedianMinorAlleleFraction!.Value));
        Assert.Equal("imbalanced", calls["chr4"].State);
        Assert.Equal(1.0 / 3, calls["chr4"].MedianMinorAlleleFraction!.Value, 6);
        Assert.Equal(("loh", 40, 0), (calls["chr17"].State, calls["chr17"].Sites, calls["chr17"].HeterozygousSites));
        Assert.Equal("not assessable", calls["chr20"].State);
        Assert.False(calls.ContainsKey("chr21"));
        Assert.False(calls.ContainsKey("chr22"));
        Assert.Equal(["chr1", "chr4", "chr17", "chr20"], collector.Results().Select(c => c.Chromosome).ToArray());
    }

    [Fact]
    public void Depth_relative_to_the_autosomes_tells_monosomy_from_copy_neutral_loh_and_gain_from_loss()
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"a\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n");
        void Sites(string chrom, string ad)
        {
            for (var i = 1; i <= 40; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{chrom}\t{i * 1000}\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/1:{ad}\n");
            }
        }

        foreach (var balanced in new[] { "chr1", "chr2", "chr3", "chr5", "chr6" })
        {
            Sites(balanced, "50,50");
        }

        Sites("chr7", "0,50");    // LOH at half depth: monosomy
        Sites("chr9", "100,0");   // LOH at the usual depth: copy-neutral
        Sites("chr10", "100,50"); // 1/3 at 1.5 x depth: trisomy
        Sites("chr11", "45,30");  // 0.4 at 0.75 x depth: a loss diluted by normal cells
        using var reader = VcfReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "t.vcf", new VcfReaderOptions { Threads = 1 });
        var collector = new AllelicImbalanceCollector(reader.Header, SpecimenType.Tumour, "T1");
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            collector.Observe(record);
        }

        // Autosome mean depths 100 x 5, 50, 100, 150, 75: the median is 100.
        var calls = collector.Results().ToDictionary(c => c.Chromosome);
        Assert.Equal((100.0, 1.0), (calls["chr1"].MeanDepth!.Value, calls["chr1"].RelativeDepth!.Value));
        Assert.Equal(("loh", 0.5), (calls["chr7"].State, calls["chr7"].RelativeDepth!.Value));
        Assert.Contains("consistent with monosomy", calls["chr7"].Detail, StringComparison.Ordinal);
        Assert.Equal(("loh", 1.0), (calls["chr9"].State, calls["chr9"].RelativeDepth!.Value));
        Assert.Contains("consistent with copy-neutral LOH", calls["chr9"].Detail, StringComparison.Ordinal);
        Assert.Equal(("imbalanced", 1.5), (calls["chr10"].State, calls["chr10"].RelativeDepth!.Value));
        Assert.Contains("raised depth: consistent with a gain", calls["chr10"].Detail, StringComparison.Ordinal);
        Assert.Equal(("imbalanced", 0.75, 0.4), (calls["chr11"].State, calls["chr11"].RelativeDepth!.Value, calls["chr11"].MedianMinorAlleleFraction!.Value));
        Assert.Contains("reduced depth: consistent with a subclonal loss", calls["chr11"].Detail, StringComparison.Ordinal);
        Assert.Contains("x the median of 9 assessable autosomes (100)", calls["chr1"].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_five_assessable_autosomes_depth_is_reported_but_not_compared()
    {
        const string Vcf = "##fileformat=VCFv4.2\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"a\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n"
            + "1\t100\t.\tA\tG\t.\tPASS\t.\tAD\t0,33\n1\t200\t.\tA\tG\t.\t.\t.\tAD\t.,40\nchrM\t300\t.\tA\tG\t.\tPASS\t.\tAD\t20,20\n";
        using var reader = VcfReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(Vcf)), "t.vcf", new VcfReaderOptions { Threads = 1 });
        var collector = new AllelicImbalanceCollector(reader.Header, SpecimenType.Tumour, "T1", minimumSites: 1);
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            collector.Observe(record);
        }

        // The missing reference count drops the second site; chrM is never counted.
        var call = Assert.Single(collector.Results());
        Assert.Equal(("chr1", 1, 0, "loh", 33.0), (call.Chromosome, call.Sites, call.HeterozygousSites, call.State, call.MeanDepth!.Value));
        Assert.Null(call.RelativeDepth);
        Assert.Contains("not told apart without a depth reference", call.Detail, StringComparison.Ordinal);
    }
}
