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
}
