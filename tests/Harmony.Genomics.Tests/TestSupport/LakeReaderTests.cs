namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Self-tests of the conformance harness: a lake written by hand with DuckDB <c>COPY … TO</c> in the lake contract of
/// shared/checks/conformance.sh is read back by <see cref="LakeReader"/> and judged by <see cref="ConformanceCheck"/>
/// against bcftools, so that the harness is known to be right before the engine writes any lake.
/// </summary>
public sealed class LakeReaderTests : IDisposable
{
    private const string TinyVcf =
        "##fileformat=VCFv4.2\n" +
        "##contig=<ID=1>\n" +
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n" +
        "1\t100\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/0\n" +
        "1\t200\t.\tG\tT,GA\t.\t.\t.\tGT\t1|2\t./.\n" +
        "1\t300\t.\tT\t.\t.\t.\t.\tGT\t0|0\t0\n";

    private const string SitesOnlyVcf =
        "##fileformat=VCFv4.2\n" +
        "##contig=<ID=chr2>\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
        "chr2\t5\trs1\tAC\tA,<DEL>\t.\t.\t.\n";

    private static readonly string[] TinySites = ["1\t100\tA\tC", "1\t200\tG\tT,GA", "1\t300\tT\t."];

    private static readonly string[] TinyCalls = ["0\tS1\t0/1", "1\tS1\t1|2", "1\tS2\t./."];

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void ReadSitesAndCalls_HandMadeLake_InBcftoolsTextForm()
    {
        var lake = Path.Combine(_dir, "lake");
        WriteTinyLake(lake, "tiny.vcf");

        Assert.Equal(TinySites, LakeReader.ReadSites(lake));
        Assert.Equal(TinyCalls, LakeReader.ReadCalls(lake));
    }

    [Fact]
    public void ReadCalls_LakeWithoutCallsTable_IsEmpty()
    {
        var lake = Path.Combine(_dir, "lake");
        WriteVariants(lake, "s.vcf", [("chr2", 5, "AC", "['A', '<DEL>']")]);

        Assert.Equal(["chr2\t5\tAC\tA,<DEL>"], LakeReader.ReadSites(lake));
        Assert.Empty(LakeReader.ReadCalls(lake));
    }

    [Fact]
    public void NonReferenceCalls_KeepsWhatIsNotHomRef_WithZeroBasedRecordIndex_SortedOrdinally()
    {
        var raw = ">\nS1\t0/0\nS2\t0|1\n>\nS1\t0\nS2\t.\n>\nS1\t0/0/0\nS2\t10/0\n";

        Assert.Equal(["0\tS2\t0|1", "1\tS2\t.", "2\tS2\t10/0"], BcftoolsOracle.NonReferenceCalls(raw));
    }

    [Fact]
    public void Exceptions_SkipCommentsAndMatchNameOrRelativePath()
    {
        var list = ConformanceExceptions.Parse("# file\treason\nbad.vcf\tVCF 4.3 §1.6.1: POS is an integer\n\ncsq/x/test.vcf\twhy\n");

        Assert.Equal(2, list.Names.Count);
        Assert.True(list.Contains("bad.vcf"));
        Assert.True(list.Contains("test.vcf", "csq/x/test.vcf"));
        Assert.False(list.Contains("test.vcf", "csq/y/test.vcf"));
        Assert.False(list.Contains("# file"));
    }

    [Fact]
    public void Exceptions_TheRepositoryList_Loads()
    {
        var list = ConformanceExceptions.Load(TestPaths.TestData("conformance-exceptions.tsv"));

        Assert.True(File.Exists(TestPaths.TestData("conformance-exceptions.tsv")));
        Assert.DoesNotContain(list.Names, n => n.StartsWith('#'));
    }

    [RequiresToolFact("bcftools")]
    public void Check_LakeThatHoldsWhatBcftoolsReads_Agrees()
    {
        var vcf = Write("tiny.vcf", TinyVcf);

        var verdict = ConformanceCheck.Check(vcf, ConformanceExceptions.None, (file, lake) => Accept(() => WriteTinyLake(lake, Path.GetFileName(file))));

        Assert.True(verdict.Agrees, verdict.Detail);
        Assert.Equal("records and calls agree", verdict.Detail);
    }

    [RequiresToolFact("bcftools")]
    public void Check_SitesOnlyFileWithoutCallsTable_Agrees()
    {
        var vcf = Write("s.vcf", SitesOnlyVcf);

        var verdict = ConformanceCheck.Check(vcf, ConformanceExceptions.None,
            (_, lake) => Accept(() => WriteVariants(lake, "s.vcf", [("chr2", 5, "AC", "['A', '<DEL>']")])));

        Assert.True(verdict.Agrees, verdict.Detail);
    }

    [RequiresToolFact("bcftools")]
    public void Check_WrongAlt_DiffersOnRecords()
    {
        var vcf = Write("tiny.vcf", TinyVcf);

        var verdict = ConformanceCheck.Check(vcf, ConformanceExceptions.None, (_, lake) => Accept(() =>
        {
            WriteVariants(lake, "tiny.vcf", [("1", 100, "A", "['C']"), ("1", 200, "G", "['T']"), ("1", 300, "T", "[]::varchar[]")]);
            WriteCalls(lake, [(0, "S1", "0/1"), (1, "S1", "1|2"), (1, "S2", "./.")]);
        }));

        Assert.False(verdict.Agrees);
        Assert.Contains("records of tiny.vcf differ", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("line 2: expected '1\t200\tG\tT,GA'", verdict.Detail, StringComparison.Ordinal);
    }

    [RequiresToolFact("bcftools")]
    public void Check_MissingCall_DiffersOnCalls()
    {
        var vcf = Write("tiny.vcf", TinyVcf);

        var verdict = ConformanceCheck.Check(vcf, ConformanceExceptions.None, (_, lake) => Accept(() =>
        {
            WriteTinyVariants(lake, "tiny.vcf");
            WriteCalls(lake, [(0, "S1", "0/1"), (1, "S1", "1|2")]);
        }));

        Assert.False(verdict.Agrees);
        Assert.Contains("calls of tiny.vcf differ", verdict.Detail, StringComparison.Ordinal);
    }

    [RequiresToolFact("bcftools")]
    public void Check_EngineRejectsWhatBcftoolsReads_DiffersWithItsError_UnlessListed()
    {
        var vcf = Write("tiny.vcf", TinyVcf);
        static ProcessResult Reject(string file, string lake) => new(1, string.Empty, "tiny.vcf: line 5: something");

        var differs = ConformanceCheck.Check(vcf, ConformanceExceptions.None, Reject);
        var listed = ConformanceCheck.Check(vcf, ConformanceExceptions.Parse("tiny.vcf\tVCF 4.3 §1.3\n"), Reject);

        Assert.False(differs.Agrees);
        Assert.Contains("tiny.vcf: line 5: something", differs.Detail, StringComparison.Ordinal);
        Assert.True(listed.Agrees, listed.Detail);
    }

    [RequiresToolFact("bcftools")]
    public void Check_FileBcftoolsRejects_AgreesOnlyIfTheEngineRejectsItToo()
    {
        var vcf = Write("garbage.vcf", "this is not a VCF file\n");

        var both = ConformanceCheck.Check(vcf, ConformanceExceptions.None, (_, _) => new ProcessResult(1, string.Empty, "not a VCF"));
        var engineOnly = ConformanceCheck.Check(vcf, ConformanceExceptions.None, (_, lake) => Accept(() => WriteTinyLake(lake, "garbage.vcf")));

        Assert.True(both.Agrees, both.Detail);
        Assert.False(engineOnly.Agrees);
        Assert.Contains("bcftools rejects garbage.vcf", engineOnly.Detail, StringComparison.Ordinal);
    }

    [RequiresToolFact("bcftools")]
    public void Check_EngineThatThrows_Differs()
    {
        var vcf = Write("garbage.vcf", "this is not a VCF file\n");

        var verdict = ConformanceCheck.Check(vcf, ConformanceExceptions.None,
            (_, _) => new ProcessResult(-1, string.Empty, "\nunhandled exception: System.InvalidOperationException: boom"));

        Assert.False(verdict.Agrees);
        Assert.Contains("crashed", verdict.Detail, StringComparison.Ordinal);
    }

    private static ProcessResult Accept(Action writeLake)
    {
        writeLake();
        return new ProcessResult(0, string.Empty, string.Empty);
    }

    private static void WriteTinyLake(string lake, string sourceFile)
    {
        WriteTinyVariants(lake, sourceFile);
        WriteCalls(lake, [(1, "S2", "./."), (0, "S1", "0/1"), (1, "S1", "1|2")]);
    }

    private static void WriteTinyVariants(string lake, string sourceFile) =>
        WriteVariants(lake, sourceFile, [("1", 300, "T", "[]::varchar[]"), ("1", 100, "A", "['C']"), ("1", 200, "G", "['T', 'GA']")]);

    /// <summary>Writes DIR/variants/cohort=x/p.parquet; variant_id = 1000 + record_index. Rows may come in any order.</summary>
    private static void WriteVariants(string lake, string sourceFile, (string Chrom, long Pos, string Ref, string AltsSql)[] sites)
    {
        var dir = Path.Combine(lake, "variants", "cohort=x");
        Directory.CreateDirectory(dir);
        var rows = sites.Select(s =>
        {
            var index = s.Pos switch { 100 => 0, 200 => 1, 300 => 2, _ => 0 };
            return $"({LakeReader.Literal(s.Chrom)}, {s.Pos}::bigint, {LakeReader.Literal(s.Ref)}, {s.AltsSql}, " +
                   $"{LakeReader.Literal(sourceFile)}, {index}::bigint, {1000 + index}::bigint)";
        });
        LakeReader.Execute(
            $"copy (select * from (values {string.Join(", ", rows)}) t(chrom, pos, ref, alts, source_file, record_index, variant_id)) " +
            $"to {LakeReader.Literal(Path.Combine(dir, "p.parquet"))} (format parquet)");
    }

    /// <summary>Writes DIR/calls/cohort=x/p.parquet with variant_id = 1000 + record index.</summary>
    private static void WriteCalls(string lake, (int Record, string Sample, string Gt)[] calls)
    {
        var dir = Path.Combine(lake, "calls", "cohort=x");
        Directory.CreateDirectory(dir);
        var rows = calls.Select(c => $"({1000 + c.Record}::bigint, {LakeReader.Literal(c.Sample)}, {LakeReader.Literal(c.Gt)})");
        LakeReader.Execute(
            $"copy (select * from (values {string.Join(", ", rows)}) t(variant_id, sample, gt)) " +
            $"to {LakeReader.Literal(Path.Combine(dir, "p.parquet"))} (format parquet)");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
