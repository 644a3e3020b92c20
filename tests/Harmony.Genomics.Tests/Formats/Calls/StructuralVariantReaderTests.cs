using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Tests.Formats.Calls;

/// <summary>SV VCF records reduced to adjacencies; the four BND forms follow VCF 4.3 §5.4.</summary>
public sealed class StructuralVariantReaderTests
{
    /// <summary>The meta lines, without the column line (the SV caller tests add FORMAT and sample columns).</summary>
    internal const string Meta =
        "##fileformat=VCFv4.2\n" +
        "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n" +
        "##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n" +
        "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"l\">\n" +
        "##INFO=<ID=MATEID,Number=.,Type=String,Description=\"m\">\n" +
        "##INFO=<ID=CIPOS,Number=2,Type=Integer,Description=\"c\">\n" +
        "##INFO=<ID=CIEND,Number=2,Type=Integer,Description=\"c\">\n" +
        "##INFO=<ID=IMPRECISE,Number=0,Type=Flag,Description=\"i\">\n" +
        "##INFO=<ID=INV3,Number=0,Type=Flag,Description=\"i\">\n" +
        "##INFO=<ID=CHR2,Number=1,Type=String,Description=\"c\">\n" +
        "##INFO=<ID=CT,Number=1,Type=String,Description=\"c\">\n";

    private const string Header = Meta + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    internal static StructuralVariantFile Parse(string body) =>
        StructuralVariantReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Header + body)), "sv.vcf");

    [Theory]
    [InlineData("G[chr17:198982[", BreakendSide.Left, BreakendSide.Right)]
    [InlineData("G]chr17:198982]", BreakendSide.Left, BreakendSide.Left)]
    [InlineData("]chr17:198982]G", BreakendSide.Right, BreakendSide.Left)]
    [InlineData("[chr17:198982[G", BreakendSide.Right, BreakendSide.Right)]
    public void Every_bracket_form_gives_both_sides(string alt, BreakendSide side, BreakendSide mateSide)
    {
        var record = Assert.Single(Parse($"chr2\t321681\tbnd_W\tG\t{alt}\t6\tPASS\tSVTYPE=BND;MATEID=bnd_Y\n").Records);
        Assert.Equal(StructuralVariantType.Breakend, record.Type);
        Assert.Equal(("chr2", 321681L), (record.Contig, record.Position));
        Assert.Equal(("chr17", 198982L), (record.MateContig, record.MatePosition));
        Assert.Equal(side, record.Side);
        Assert.Equal(mateSide, record.MateSide);
        Assert.Equal("bnd_Y", record.MateId);
        Assert.True(record.Passed);
    }

    [Fact]
    public void Deletion_duplication_inversion_and_translocation_have_sides_from_type_or_ct()
    {
        var records = Parse(
            "chr7\t50340000\tdel1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50400000;SVLEN=-60000;CIPOS=-10,12;CIEND=-5,5;IMPRECISE\n" +
            "chr7\t100\tdup1\tN\t<DUP>\t.\tLowQual\tSVTYPE=DUP;SVLEN=50\n" +
            "chr7\t1000\tinv1\tN\t<INV>\t.\tPASS\tSVTYPE=INV;END=2000;INV3\n" +
            "chr12\t11800000\ttra1\tN\t<TRA>\t.\tPASS\tSVTYPE=TRA;CHR2=chr21;END=34900000;CT=3to3\n").Records;
        Assert.Equal((BreakendSide.Left, BreakendSide.Right, 50400000L), (records[0].Side!.Value, records[0].MateSide!.Value, records[0].MatePosition!.Value));
        Assert.Equal((-10, 12), records[0].PositionInterval);
        Assert.Equal((-5, 5), records[0].EndInterval);
        Assert.True(records[0].Imprecise);
        Assert.Equal(60000L, records[0].Length);
        Assert.Null(records[0].Genotypes);
        Assert.Equal((BreakendSide.Right, BreakendSide.Left, 150L), (records[1].Side!.Value, records[1].MateSide!.Value, records[1].MatePosition!.Value));
        Assert.False(records[1].Passed);
        Assert.Equal((BreakendSide.Left, BreakendSide.Left), (records[2].Side!.Value, records[2].MateSide!.Value));
        Assert.Equal(("chr21", 34900000L, BreakendSide.Left, BreakendSide.Left), (records[3].MateContig, records[3].MatePosition!.Value, records[3].Side!.Value, records[3].MateSide!.Value));
    }

    [Fact]
    public void Insertion_and_single_breakend_have_no_mate()
    {
        var records = Parse("chr1\t10\ti\tA\t<INS>\t.\tPASS\tSVTYPE=INS\nchr1\t20\tb\tA\tA.\t.\tPASS\tSVTYPE=BND\n").Records;
        Assert.All(records, r => Assert.Null(r.MateContig));
    }

    // VCF 4.3 §5.4.9: "A." keeps the bases up to POS, ".A" those from POS (GRIDSS writes inserted bases with them,
    // "ATTG.", ".TTGA"); neither has a mate. A record without an alternate allele (ALT '.') is no breakend.
    [Theory]
    [InlineData("A.\t.\tPASS\tSVTYPE=BND", "Breakend", BreakendSide.Left)]
    [InlineData("ATTGC.\t.\tPASS\tSVTYPE=BND", "Breakend", BreakendSide.Left)]
    [InlineData(".A\t.\tPASS\tSVTYPE=BND", "Breakend", BreakendSide.Right)]
    [InlineData(".TTGCA\t.\tPASS\tSVTYPE=BND", "Breakend", BreakendSide.Right)]
    [InlineData("<BND>\t.\tPASS\tSVTYPE=BND", "Breakend", null)]
    [InlineData(".\t.\tPASS\tEND=200", "Other", null)]
    public void Single_breakends_keep_the_side_they_write(string rest, string type, BreakendSide? side)
    {
        var record = Assert.Single(Parse($"chr1\t100\tx\tA\t{rest}\n").Records);
        Assert.Equal(type, record.Type.ToString());
        Assert.Equal(side, record.Side);
        Assert.Null(record.MateContig);
        Assert.Null(record.MateSide);
    }

    // VCF 4.3 §1.6.1: without END, END is POS + len(REF) - 1, so a deletion written out as sequence needs neither END
    // nor SVLEN (the run stopped with "END or SVLEN for SVTYPE DEL").
    [Fact]
    public void Sequence_deletion_without_end_or_svlen_ends_at_its_last_ref_base()
    {
        var record = Assert.Single(Parse("chr7\t100\td\tACGTACGT\tA\t.\tPASS\tSVTYPE=DEL\n").Records);
        Assert.Equal(("chr7", 107L, BreakendSide.Left, BreakendSide.Right), (record.MateContig, record.MatePosition!.Value, record.Side!.Value, record.MateSide!.Value));
    }

    [Theory]
    [InlineData("G[chr17198982[", "ALT")]
    [InlineData("G[chr17:1[T", "ALT")]
    [InlineData("<DEL>\t.\tPASS\tSVTYPE=DEL", "INFO/END")]
    [InlineData("<TRA>\t.\tPASS\tSVTYPE=TRA;END=5", "INFO/CHR2")]
    [InlineData("<DEL>\t.\tPASS\tSVTYPE=DEL;END=5000;CIPOS=10,-10", "INFO/CIPOS")]
    [InlineData("<INV>\t.\tPASS\tSVTYPE=INV;END=5000;CT=4to5", "INFO/CT")]
    [InlineData("<XYZ>\t.\tPASS\t.", "INFO/SVTYPE")]
    public void Malformed_records_name_file_line_and_field(string rest, string column)
    {
        var body = rest.Contains('\t', StringComparison.Ordinal) ? $"chr1\t100\tx\tN\t{rest}\n" : $"chr1\t100\tx\tN\t{rest}\t.\tPASS\tSVTYPE=BND\n";
        var error = Assert.Throws<InputFormatException>(() => Parse(body));
        Assert.Equal("sv.vcf", error.SourceName);
        Assert.Equal(13, error.Line);
        Assert.Equal(column, error.Column);
    }
}
