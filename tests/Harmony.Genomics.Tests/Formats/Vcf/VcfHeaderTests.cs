using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

public sealed class VcfHeaderTests
{
    [Fact]
    public void Read_TypedHeader_ExposesDefinitionsAndSamples()
    {
        using var reader = VcfText.Open(VcfText.Header + "\n");
        var header = reader.Header;
        Assert.Equal("VCFv4.3", header.FileFormat);
        Assert.Equal(["S1", "S2"], header.SampleNames);
        Assert.True(header.Info.TryGet("AF", out var af));
        Assert.Equal(VcfNumberKind.PerAlternateAllele, af.Number.Kind);
        Assert.Equal(VcfValueType.Float, af.Type);
        Assert.Equal("Allele frequency", af.Description);
        Assert.True(header.Format.TryGet("GL"u8, out var gl));
        Assert.Equal(VcfNumberKind.PerGenotype, gl.Number.Kind);
        Assert.Equal(248956422, header.Contigs.Single().Length);
        Assert.Equal("Quality below 10", header.Filters["q10"]);
    }

    /// <summary>The header and record lists a library user gets cannot be cast back to something writable.</summary>
    [Fact]
    public void PublicLists_CannotBeChangedThroughACast()
    {
        using var reader = VcfText.Open(VcfText.Header + "\nchr1\t100\t.\tA\tG,T\t.\tPASS\t.\tGT\t0/1\t1/2\n");
        var header = reader.Header;
        var record = new VcfRecord();
        Assert.True(reader.Read(record));
        object[] lists = [header.SampleNames, header.MetaLines, header.Info.Fields, header.Format.Fields, record.AlternateAlleles, record.Format];
        foreach (var list in lists)
        {
            Assert.False(list is System.Collections.IList { IsReadOnly: false }, list.GetType().Name);
            Assert.False(list is Array, list.GetType().Name);
        }

        Assert.Equal(2, record.AlternateAlleles.Count);
        Assert.Equal(["S1", "S2"], header.SampleNames);
    }

    [Fact]
    public void Read_QuotedDescriptionWithCommasAndEscapes_KeepsText()
    {
        using var reader = VcfText.Open("##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description=\"a, \\\"b\\\" > c\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        Assert.True(reader.Header.Info.TryGet("X", out var x));
        Assert.Equal("a, \"b\" > c", x.Description);
        Assert.Empty(reader.Header.SampleNames);
    }

    [Theory]
    [InlineData("", "found no data")]
    [InlineData("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "'##fileformat=VCFv4.x'")]
    [InlineData("##fileformat=VCFvX.Y\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "a VCF file format such as 'VCFv4.2', found 'VCFvX.Y'")]
    [InlineData("##fileformat=VCFv4\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "found 'VCFv4'")]
    [InlineData("##fileformat=VCFv4.2\n", "the '#CHROM' header line")]
    [InlineData("##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description=\"open>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "unterminated quote")]
    [InlineData("##fileformat=VCFv4.2\n#CHROM POS ID REF ALT QUAL FILTER INFO\n", "not spaces")]
    [InlineData("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tA\n", "duplicate sample name")]
    [InlineData("##fileformat=VCFv4.2\n##INFO=<ID=X,Number=Q,Type=String,Description=\"x\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "Number to be")]
    [InlineData("##fileformat=VCFv4.5\n##INFO=<ID=X,Number=LR,Type=Integer,Description=\"x\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "Number to be an integer, A, R, G or '.', found 'LR'")]
    [InlineData("##fileformat=VCFv4.4\n##INFO=<ID=X,Number=P,Type=Integer,Description=\"x\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "Number to be an integer, A, R, G or '.', found 'P'")]
    [InlineData("##fileformat=VCFv4.5\n##FORMAT=<ID=X,Number=LX,Type=Integer,Description=\"x\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "Number to be an integer, A, R, G, P, LA, LR, LG or '.', found 'LX'")]
    [InlineData("##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=Text,Description=\"x\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "Type to be")]
    [InlineData("##fileformat=VCFv4.2\nchr1\t1\t.\tA\tC\t.\t.\t.\n", "before the first record")]
    [InlineData("BAM\u0001\u0000garbage", "'##fileformat=VCFv4.x'")]
    public void Read_MalformedHeader_RaisesSpecificError(string text, string expected)
    {
        var e = Assert.Throws<InputFormatException>(() => VcfText.Open(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("test.vcf", e.SourceName);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Read_DuplicateSampleError_DoesNotEchoTheName()
    {
        var e = Assert.Throws<InputFormatException>(() => VcfText.Open("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tJOHN_DOE\tJOHN_DOE\n"));
        Assert.DoesNotContain("JOHN_DOE", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    // VCF 4.5 §1.4.2: a FORMAT Number may also be P (one value per GT allele), LA, LR or LG (as A, R and G over the
    // sample's local alleles, LAA). Such files were refused at their header; their values are lists of any length.
    [Fact]
    public void Read_FormatNumbersPAndLocalAlleles_AreListsOfAnyLength()
    {
        const string text = """
            ##fileformat=VCFv4.5
            ##contig=<ID=1>
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            ##FORMAT=<ID=LAA,Number=.,Type=Integer,Description="Local alleles">
            ##FORMAT=<ID=LAD,Number=LR,Type=Integer,Description="Local allelic depths">
            ##FORMAT=<ID=LPL,Number=LG,Type=Integer,Description="Local likelihoods">
            ##FORMAT=<ID=LAF,Number=LA,Type=Float,Description="Local allele fractions">
            ##FORMAT=<ID=PSL,Number=P,Type=String,Description="Phase set list">
            #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	A	B	C
            1	100	.	A	C,G,T	.	PASS	.	GT:LAA:LAD:LPL:LAF:PSL	0/2:2:5,3:0,10,100:0.5:x,y	1|3:1,3:1,2,3:0,1,2,3,4,5:0.1,0.9:.,.	1:1:0,3:0,1:1:z

            """;
        using var reader = VcfText.Open(text);
        Assert.True(reader.Header.Format.TryGet("LAD"u8, out var lad));
        Assert.Equal(VcfNumberKind.PerLocalAllele, lad.Number.Kind);
        Assert.Equal("LR", lad.Number.ToString());
        Assert.False(lad.Number.IsScalar);
        Assert.True(reader.Header.Format.TryGet("LPL"u8, out var lpl));
        Assert.Equal("LG", lpl.Number.ToString());
        Assert.True(reader.Header.Format.TryGet("LAF"u8, out var laf));
        Assert.Equal("LA", laf.Number.ToString());
        Assert.True(reader.Header.Format.TryGet("PSL"u8, out var psl));
        Assert.Equal(VcfNumberKind.PerCalledAllele, psl.Number.Kind);
        Assert.Equal("P", psl.Number.ToString());

        var record = new VcfRecord();
        Assert.True(reader.Read(record));
        Assert.Equal(2, record.GetSampleValues(0, 2).Count);
        Assert.Equal(3, record.GetSampleValues(1, 2).Count);
        Assert.Equal(6, record.GetSampleValues(1, 3).Count);
        Assert.Equal(2, record.GetSampleValues(2, 3).Count);
        Assert.Equal(2, record.GetSampleValues(0, 5).Count);
        Assert.Equal(1, record.GetSampleValues(2, 5).Count);
    }
}
