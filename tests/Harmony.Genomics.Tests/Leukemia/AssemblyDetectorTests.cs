using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

public class AssemblyDetectorTests
{
    private static VcfHeader Header(string meta)
    {
        var text = "##fileformat=VCFv4.2\n" + meta + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "h.vcf", new VcfReaderOptions());
        return reader.Header;
    }

    [Fact]
    public void Grch38_contig_lengths_with_chr_names()
    {
        var d = AssemblyDetector.Detect(Header("##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr21,length=46709983>\n"));
        Assert.Equal(GenomeAssembly.GRCh38, d.Assembly);
    }

    [Fact]
    public void Grch37_contig_lengths_with_bare_names()
    {
        var d = AssemblyDetector.Detect(Header("##contig=<ID=1,length=249250621>\n##contig=<ID=X,length=155270560>\n##contig=<ID=MT,length=16569>\n"));
        Assert.Equal(GenomeAssembly.GRCh37, d.Assembly);
    }

    [Fact]
    public void Reference_line_alone_decides()
    {
        Assert.Equal(GenomeAssembly.GRCh38, AssemblyDetector.Detect(Header("##reference=file:///refs/GRCh38_full_analysis_set_plus_decoy_hla.fa\n")).Assembly);
        Assert.Equal(GenomeAssembly.GRCh37, AssemblyDetector.Detect(Header("##reference=file:///refs/human_g1k_v37.fasta\n")).Assembly);
    }

    [Fact]
    public void Conflict_is_undecided_not_guessed()
    {
        var d = AssemblyDetector.Detect(Header("##reference=hg19.fa\n##contig=<ID=chr1,length=248956422>\n"));
        Assert.Null(d.Assembly);
        Assert.StartsWith("conflict", d.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_lengths_are_undecided() =>
        Assert.Null(AssemblyDetector.Detect(Header("##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=243199373>\n")).Assembly);

    [Fact]
    public void Nothing_is_undecided() => Assert.Null(AssemblyDetector.Detect(Header(string.Empty)).Assembly);

    [Fact]
    public void Override_wins_and_says_so()
    {
        var d = AssemblyDetector.Detect(Header("##contig=<ID=chr1,length=248956422>\n"), GenomeAssembly.GRCh37);
        Assert.Equal(GenomeAssembly.GRCh37, d.Assembly);
        Assert.Contains("contradicts", d.Evidence, StringComparison.Ordinal);
    }
}
