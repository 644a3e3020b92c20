using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Tests.Lake;

public sealed class HeaderScrubberTests
{
    private static readonly Dictionary<string, string> Renames = new() { ["PATIENT_JOHN_DOE"] = "hs_aaaaaaaaaaaaaaaaaaaaaaaa", ["S1"] = "hs_bbbbbbbbbbbbbbbbbbbbbbbb" };

    private static readonly string[] Planted =
    [
        "##fileformat=VCFv4.2",
        "##fileDate=20240101",
        "##SAMPLE=<ID=PATIENT_JOHN_DOE,Assay=WGS,Description=\"John Doe, born 1970\">",
        "##GATKCommandLine=<ID=HaplotypeCaller,CommandLine=\"HaplotypeCaller -I /home/jdoe/PATIENT_JOHN_DOE.bam\",Date=\"Mon Jan 01 2024\">",
        "##bcftools_viewCommand=view -s PATIENT_JOHN_DOE /home/jdoe/in.vcf.gz; Date=Mon Jan 1 2024",
        "##reference=file:///data/hospital-x.example.org/ref.fa",
        "##INFO=<ID=X,Number=1,Type=Integer,Description=\"seen in PATIENT_JOHN_DOE\",Date=\"2024-01-01\">",
        "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth, see /home/jdoe/notes.txt or jdoe@hospital-x\">",
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
        "##FILTER=<ID=LowQual,Description=\"Low quality\">",
        "##contig=<ID=chr1,length=248956422,assembly=GRCh38,URL=ftp://hospital-x.example.org/chr1.fa>",
        "##source=GATK 4.2.0 /home/jdoe/bin/gatk jdoe@hospital-x.example.org",
        "##PEDIGREE=<Derived=PATIENT_JOHN_DOE,Original=S1>",
        "##PEDIGREE=<Child=UNKNOWN_PERSON>",
        "##operator=Dr. Jane Smith",
    ];

    [Fact]
    public void TextScrubber_ScrubsEachTextAsScrubTextDoes()
    {
        // One scrubber serves every column description of a file (its names' pattern built once).
        var scrub = HeaderScrubber.TextScrubber(Renames);
        string[] texts = ["seen in PATIENT_JOHN_DOE and S1", "Depth, see /home/jdoe/notes.txt or jdoe@hospital-x", "S10 is not S1", "plain"];
        foreach (var text in texts)
        {
            Assert.Equal(HeaderScrubber.ScrubText(text, Renames), scrub(text));
        }

        Assert.Equal("seen in hs_aaaaaaaaaaaaaaaaaaaaaaaa and hs_bbbbbbbbbbbbbbbbbbbbbbbb", scrub(texts[0]));
        Assert.Equal("S10 is not hs_bbbbbbbbbbbbbbbbbbbbbbbb", scrub(texts[2]));
        Assert.DoesNotContain("jdoe", scrub(texts[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_PlantedIdentifiers_NoneSurvive()
    {
        var text = string.Join('\n', HeaderScrubber.Scrub(Planted, Renames));
        foreach (var planted in new[]
                 {
                     "PATIENT_JOHN_DOE", "John Doe", "jdoe", "/home", "hospital-x", "example.org",
                     "20240101", "2024-01-01", "2024", "Command", "SAMPLE", "UNKNOWN_PERSON", "Jane Smith", "operator", "Date", "file://",
                 })
        {
            Assert.DoesNotContain(planted, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scrub_KeepsAllowListedLines_WithPseudonymsAndBasenames()
    {
        var lines = HeaderScrubber.Scrub(Planted, Renames);
        Assert.Equal(
            [
                "##fileformat=VCFv4.2",
                "##reference=ref.fa",
                "##INFO=<ID=X,Number=1,Type=Integer,Description=\"seen in hs_aaaaaaaaaaaaaaaaaaaaaaaa\">",
                "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth, see [redacted] or [redacted]\">",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
                "##FILTER=<ID=LowQual,Description=\"Low quality\">",
                "##contig=<ID=chr1,length=248956422,assembly=GRCh38>",
                "##source=GATK 4.2.0",
                "##PEDIGREE=<Derived=hs_aaaaaaaaaaaaaaaaaaaaaaaa,Original=hs_bbbbbbbbbbbbbbbbbbbbbbbb>",
            ],
            lines);
    }

    [Theory]
    [InlineData("##reference=file:///home/jdoe/ref/GRCh38.fa", "##reference=GRCh38.fa")]
    [InlineData("##reference=GRCh38", "##reference=GRCh38")]
    [InlineData(@"##reference=C:\Users\jdoe\hg19.fa", "##reference=hg19.fa")]
    [InlineData("##reference=https://hospital-x.example.org", null)]
    [InlineData("##assembly=https://ftp.ncbi.nlm.nih.gov/genomes/GRCh38.p14.fna.gz", "##assembly=GRCh38.p14.fna.gz")]
    [InlineData("##reference=PATIENT_JOHN_DOE.fa", "##reference=hs_aaaaaaaaaaaaaaaaaaaaaaaa.fa")]
    [InlineData("##assembly=PATIENT_JOHN_DOE", "##assembly=hs_aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("##source=Mutect2 PATIENT_JOHN_DOE_sorted.bam", "##source=Mutect2 hs_aaaaaaaaaaaaaaaaaaaaaaaa_sorted.bam")]
    [InlineData("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth from run_PATIENT_JOHN_DOE_R1 in data/site/aln, REF/ALT and/or 0/1\">", "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth from run_hs_aaaaaaaaaaaaaaaaaaaaaaaa_R1 in [redacted] REF/ALT and/or 0/1\">")]
    [InlineData("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth in aln/x.bam, ./x or ../y\">", "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth in [redacted] [redacted] or [redacted]\">")]
    [InlineData("##source=freebayes v1.3.6", "##source=freebayes v1.3.6")]
    [InlineData("##source=/opt/jdoe/run.sh", null)]
    [InlineData("##GATKCommandLine.HaplotypeCaller=<ID=HC>", null)]
    [InlineData("##bcftools_normCmd=norm", null)]
    [InlineData("##META=<ID=Assay,Type=String,Number=.,Values=[WholeGenome, Exome]>", "##META=<ID=Assay,Type=String,Number=.,Values=[WholeGenome, Exome]>")]
    [InlineData("##ALT=<ID=DEL,Description=\"Deletion \\\"large\\\"\">", "##ALT=<ID=DEL,Description=\"Deletion \\\"large\\\"\">")]
    [InlineData("##INFO=<ID=X,Description=\"unterminated>", null)]
    [InlineData("##contig=<ID=/home/jdoe/x>", null)]
    public void Scrub_SingleLine(string line, string? expected)
    {
        var lines = HeaderScrubber.Scrub([line], Renames);
        if (expected is null)
        {
            Assert.Empty(lines);
        }
        else
        {
            Assert.Equal([expected], lines);
        }
    }

    [Fact]
    public void Scrub_SampleNameAsWholeTokenOnly()
    {
        var lines = HeaderScrubber.Scrub(["##INFO=<ID=S10,Number=1,Type=Integer,Description=\"S1 vs S10 (S1) vs S1_R1 vs S1x vs xS1\">"], Renames);
        Assert.Equal(["##INFO=<ID=S10,Number=1,Type=Integer,Description=\"hs_bbbbbbbbbbbbbbbbbbbbbbbb vs S10 (hs_bbbbbbbbbbbbbbbbbbbbbbbb) vs hs_bbbbbbbbbbbbbbbbbbbbbbbb_R1 vs S1x vs xS1\">"], lines);
    }

    [Fact]
    public void Scrub_NumericSampleName_DoesNotRewriteSchemaFields()
    {
        var lines = HeaderScrubber.Scrub(
            ["##contig=<ID=1,length=1>", "##INFO=<ID=AF,Number=1,Type=Float,Description=\"AF of sample 1\">"],
            new Dictionary<string, string> { ["1"] = "hs_cccccccccccccccccccccccc" });
        Assert.Equal(
            ["##contig=<ID=1,length=1>", "##INFO=<ID=AF,Number=1,Type=Float,Description=\"AF of sample hs_cccccccccccccccccccccccc\">"],
            lines);
    }
}
