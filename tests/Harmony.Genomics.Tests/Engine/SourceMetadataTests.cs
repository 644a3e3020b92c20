using System.Text;
using System.Text.Json;
using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>What a source's files store of the command line and of rejected header lines, pseudonymising or not.</summary>
public sealed class SourceMetadataTests
{
    private static string[] Stored(bool keepIds, params string[] args) =>
        [.. JsonDocument.Parse(SourceMetadata.ScrubCommandLine(["harmony", "ingest", .. args], keepIds)).RootElement.EnumerateArray().Select(e => e.GetString()!).Skip(2)];

    [Fact]
    public void CommandLine_ValuesAttachedToTheirOptions_AreScrubbedAsSeparateOnesAre()
    {
        Assert.Equal(
            ["<input>", "--lake", "<value>", "--key-file", "<key-file>", "-s", "<value>", "--threads", "4", "-r", "chr1:1-100"],
            Stored(false, "/home/jdoe/JOHN_DOE.vcf", "--lake", "/data/JOHN_DOE", "--key-file", "/keys/k", "-s", "JOHN_DOE_T", "--threads", "4", "-r", "chr1:1-100"));
        Assert.Equal(
            ["<input>", "--lake=<value>", "--key-file=<key-file>", "-s<value>", "--samples:<value>", "--threads=4", "-rchr1:1-100", "--cohort:c1", "--lenient"],
            Stored(false, "/home/jdoe/JOHN_DOE.vcf", "--lake=/data/JOHN_DOE", "--key-file=/keys/k", "-sJOHN_DOE_T", "--samples:JOHN_DOE_N", "--threads=4", "-rchr1:1-100", "--cohort:c1", "--lenient"));
    }

    [Fact]
    public void CommandLine_KeepingRawIds_KeepsValuesButNeverTheKeyFilesPath()
    {
        Assert.Equal(
            ["a.vcf", "--lake=/data/x", "--key-file=<key-file>", "--key-file:<key-file>", "--key-file", "<key-file>", "-sS1"],
            Stored(true, "a.vcf", "--lake=/data/x", "--key-file=/keys/k", "--key-file:/keys/k", "--key-file", "/keys/k", "-sS1"));
    }

    [Theory]
    [InlineData("chr1\t5\t.\tA\tC\t.\t.\tDP=x", "chr1\t5\t.\tA\tC\t.\t.\tDP=x")]
    [InlineData("##SAMPLE=<ID=JOHN_DOE,Description=\"John Doe\">", "##SAMPLE=[removed]")]
    [InlineData("##tumor_sample=JOHN_DOE", "##tumor_sample=[removed]")]
    [InlineData("##JOHN_DOE", "##[removed]")]
    [InlineData("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tJOHN_DOE\tJANE_ROE", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t[sample names removed]")]
    [InlineData("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")]
    [InlineData("# notes on JOHN_DOE", "#[removed]")]
    public void RejectedText_HeaderLinesAmongTheRecords_KeepOnlyWhatCannotNameAnyone(string line, string stored)
    {
        Assert.Equal(stored, Encoding.UTF8.GetString(SourceMetadata.RejectedText(Encoding.UTF8.GetBytes(line), keepIds: false)));
        Assert.Equal(line, Encoding.UTF8.GetString(SourceMetadata.RejectedText(Encoding.UTF8.GetBytes(line), keepIds: true)));
    }
}
