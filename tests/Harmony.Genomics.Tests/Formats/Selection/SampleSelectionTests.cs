using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary><c>-s/-S</c> keep the samples and calls <c>bcftools view -s/-S</c> keeps, with <c>^</c> exclusion and its errors.</summary>
public sealed class SampleSelectionTests
{
    private static string Conformance(string name) => TestPaths.TestData($"conformance/bcftools-test/{name}");

    [RequiresToolFact("bcftools")]
    public void Samples_KeepTheListedOrder_AndCaretExcludes()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        fixture.AssertSameAsBcftools("-s", "NA12892,NA12890");
        fixture.AssertSameAsBcftools("-s", "^NA12891");
        fixture.AssertSameAsBcftools("-s", "NA12891", "-r", "22:16051000-16055000");
        fixture.AssertSameAsBcftools("-s", "NA12890", "-t", "Y");
    }

    [RequiresToolFact("bcftools")]
    public void SamplesFile_WithAndWithoutCaret()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var list = Path.Combine(fixture.Directory, "samples.txt");
        File.WriteAllText(list, "NA12891\nNA12892\n");
        fixture.AssertSameAsBcftools("-S", list);
        fixture.AssertSameAsBcftools("-S", "^" + list);
    }

    [RequiresToolFact("bcftools")]
    public void SampleNames_InTheLake_AreTheSelectedOnes()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var lake = fixture.Ingest(fixture.Files[0], "-s", "NA12892,NA12890");
        var samples = LakeReader.Query($"select sample, sample_index from read_parquet({LakeReader.Literal($"{lake}/samples/**/*.parquet")}) order by sample_index");
        Assert.Equal(["NA12892\t0", "NA12890\t1"], samples);
    }

    [RequiresToolFact("bcftools")]
    public void UnknownSample_IsAnError_UnlessForced()
    {
        using var fixture = SelectionFixture.Create(Conformance("view.GT.vcf"));
        var file = fixture.Files[0];
        var rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l1"), out var error, "-s", "NA12890,NOBODY");
        Assert.Equal(1, rc);
        Assert.Contains("\"NOBODY\"", error, StringComparison.Ordinal);
        Assert.Contains("--force-samples", error, StringComparison.Ordinal);

        rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l2"), out error, "-s", "^NOBODY");
        Assert.Equal(1, rc);
        Assert.Contains("exclude called for sample", error, StringComparison.Ordinal);

        rc = Formats.Bcf.BcfLakeTests.Ingest(file, Path.Combine(fixture.Directory, "l3"), out error, "-s", "NA12890,NOBODY", "--force-samples");
        Assert.True(rc == 0, error);
        Assert.Contains("NOBODY", error, StringComparison.Ordinal);
        var expected = fixture.Expected(file, "-s", "NA12890");
        Assert.Equal(expected.Calls, LakeReader.ReadCalls(Path.Combine(fixture.Directory, "l3")));
    }

    [Fact]
    public void RecordWithTooFewSampleColumns_IsReportedByTheReader_NotACrash()
    {
        // The filter passes a line too short for the kept samples unchanged; the reader names it against the header.
        var vcf = string.Concat(
            "##fileformat=VCFv4.2\n##contig=<ID=1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n",
            "1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t1/1\t0/0\n",
            "1\t11\t.\tA\tC\t.\t.\t.\tGT\t0/1\n");
        var selection = new Harmony.Genomics.Formats.Selection.VariantSelection { Samples = "C,A" };
        using var input = Harmony.Genomics.Formats.Vcf.VariantInput.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(vcf)), "short.vcf", "short.vcf", new Harmony.Genomics.Formats.Compression.InputOptions { Threads = 1 }, selection);
        using var reader = new Harmony.Genomics.Formats.Vcf.VcfReader(input.Stream, "short.vcf", new Harmony.Genomics.Formats.Vcf.VcfReaderOptions { Threads = 1 });
        var record = new Harmony.Genomics.Formats.Vcf.VcfRecord();
        Assert.True(reader.Read(record));
        Assert.Equal(["C", "A"], reader.Header.SampleNames);
        var error = Assert.Throws<Harmony.Genomics.Core.InputFormatException>(() => reader.Read(record));
        // Line 8 of the filtered text, which declares AC and AN (README: with a selection, positions are the filtered text's).
        Assert.Contains("short.vcf: line 8", error.Message, StringComparison.Ordinal);
        Assert.Contains("tab-separated", error.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("bcftools")]
    public void AlleleCounts_AreRecomputedLikeBcftools_UnlessNoUpdate()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            // Existing AN/AC out of order, a record without AC/AN, one without ALT, one without GT, haploid and missing alleles.
            var vcf = Path.Combine(dir, "ac.vcf");
            File.WriteAllText(vcf, """
                ##fileformat=VCFv4.2
                ##contig=<ID=1>
                ##INFO=<ID=DP,Number=1,Type=Integer,Description="d">
                ##INFO=<ID=AN,Number=1,Type=Integer,Description="an">
                ##INFO=<ID=AC,Number=A,Type=Integer,Description="ac">
                ##FORMAT=<ID=GT,Number=1,Type=String,Description="g">
                ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="g">
                #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	A	B	C
                1	95	.	A	C,G	.	.	AN=9;DP=5;AC=3,4	GT:DP	0/1:1	1|2:1	./2:1
                1	96	.	A	C	.	.	DP=5	GT:DP	0/1:3	1:3	.:3
                1	97	.	A	.	.	.	.	GT:DP	0/0:3	0:3	.:3
                1	98	.	A	C	.	.	DP=5	DP	3	3	3

                """.Replace("\r", string.Empty, StringComparison.Ordinal));
            // No AC/AN in the header: with no sample kept bcftools counts every sample's genotypes.
            var bare = Path.Combine(dir, "bare.vcf");
            File.WriteAllLines(bare, File.ReadAllLines(vcf).Where(l => !l.StartsWith("##INFO=<ID=A", StringComparison.Ordinal)).Select(l => l.Replace("AN=9;DP=5;AC=3,4", "DP=5", StringComparison.Ordinal)));
            using var fixture = SelectionFixture.Create(vcf);
            using var bareFixture = SelectionFixture.Create(bare);
            foreach (var options in new[] { new[] { "-s", "A,C" }, ["-s", "^B"], ["-s", "A,B,C"], ["-s", "C,A", "-I"], ["-s", "^A,B,C"], ["-s", "NOBODY", "--force-samples"] })
            {
                // -I on the bare file writes no AC/AN at all: nothing to compare.
                foreach (var file in fixture.Files.Concat(options.Contains("-I") ? [] : bareFixture.Files))
                {
                    var expectedVcf = Path.Combine(dir, $"e-{Guid.NewGuid():N}.vcf");
                    Assert.Equal(0, ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "--no-version", "-o", expectedVcf, .. options, file]).ExitCode);
                    var expected = BcftoolsOracle.SplitLines(ProcessRunner.Run(BcftoolsOracle.Tool, ["query", "-f", "%INFO/AC\t%INFO/AN\n", expectedVcf]).StandardOutput);
                    var lake = (fixture.Files.Contains(file) ? fixture : bareFixture).Ingest(file, options);
                    var actual = LakeReader.Query($"select case when info_ac is null then '.' else array_to_string(info_ac, ',') end, info_an from read_parquet({LakeReader.Literal($"{lake}/variants/**/*.parquet")}) order by record_index");
                    Assert.True(expected.SequenceEqual(actual), $"{Path.GetFileName(file)} {string.Join(' ', options)}: bcftools [{string.Join(" | ", expected)}] vs [{string.Join(" | ", actual)}]");
                }
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
