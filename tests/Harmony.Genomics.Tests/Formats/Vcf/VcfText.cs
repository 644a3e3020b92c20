using System.Text;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>Small VCF texts for tests: a header with typed fields and two samples, plus helpers to read records.</summary>
internal static class VcfText
{
    public const string Header = """
        ##fileformat=VCFv4.3
        ##contig=<ID=chr1,length=248956422>
        ##FILTER=<ID=PASS,Description="All filters passed">
        ##FILTER=<ID=q10,Description="Quality below 10">
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
        ##INFO=<ID=AD,Number=R,Type=Integer,Description="Allele depths">
        ##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">
        ##INFO=<ID=GENE,Number=.,Type=String,Description="Genes, comma separated">
        ##INFO=<ID=END,Number=1,Type=Integer,Description="End position">
        ##INFO=<ID=C,Number=1,Type=Character,Description="A character">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=GL,Number=G,Type=Float,Description="Genotype likelihoods">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S1	S2
        """;

    public static VcfReader Open(string text, VcfReaderOptions? options = null) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.vcf", options ?? new VcfReaderOptions());

    public static VcfRecord ReadOne(string line, VcfReaderOptions? options = null)
    {
        using var reader = Open(Header + "\n" + line + "\n", options);
        var record = new VcfRecord();
        Assert.True(reader.Read(record));
        // Copy the line so the record stays valid after the reader is gone.
        record.Line = record.Line.ToArray();
        return record;
    }
}
