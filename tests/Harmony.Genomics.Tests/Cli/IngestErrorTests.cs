using System.Text;
using Harmony.Genomics.Tests.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Cli;

/// <summary>
/// Every kind of malformed input makes <c>harmony ingest</c> exit 1 with a message naming the file, the line (for text),
/// the byte offset and what was expected, and leaves no lake visible (or an existing lake unchanged).
/// </summary>
public sealed class IngestErrorTests : IDisposable
{
    private const string Header =
        "##fileformat=VCFv4.3\n" +
        "##contig=<ID=chr1>\n" +
        "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n" +
        "##INFO=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths\">\n" +
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
        "##FORMAT=<ID=GL,Number=G,Type=Float,Description=\"Likelihoods\">\n" +
        "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n";

    // Line 10 is good; the bad record is line 11.
    private const string GoodRecord = "chr1\t100\t.\tA\tC\t10\tPASS\tDP=5;AF=0.5\tGT:DP\t0/1:3\t0/0:4\n";

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    /// <summary>A malformed input: its bytes, the line (null for binary layers), the offending byte, and message text.</summary>
    /// <param name="Bytes">The file content.</param>
    /// <param name="Line">The expected 1-based line, or null when the error is in the compressed layer.</param>
    /// <param name="Offset">The expected 0-based byte offset.</param>
    /// <param name="Expected">Substrings the message must hold (column, what was expected).</param>
    private sealed record Case(byte[] Bytes, long? Line, long Offset, string[] Expected, string Extension = ".vcf");

    public static TheoryData<string> Kinds() => [.. Cases.Keys];

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MalformedInput_FailsWithPreciseMessage_AndNoLakeIsVisible(string kind)
    {
        var c = Cases[kind];
        var name = $"bad-{kind}{c.Extension}";
        var input = Path.Combine(_dir, name);
        File.WriteAllBytes(input, c.Bytes);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stderr: {result.StandardError}");
        var where = c.Line is { } line ? $"{name}: line {line}, byte {c.Offset}" : $"{name}: byte {c.Offset}";
        Assert.Contains(where, result.StandardError, StringComparison.Ordinal);
        foreach (var expected in c.Expected)
        {
            Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        }

        Assert.StartsWith("harmony: error: ", result.StandardError, StringComparison.Ordinal);
        Assert.False(LakeDump.AnyTableVisible(lake), $"tables visible after a failed first ingest: {LakeDump.VisibleTables(lake)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MalformedInput_AppendedToExistingLake_LeavesItUnchanged(string kind)
    {
        var c = Cases[kind];
        var lake = Path.Combine(_dir, "lake");
        var good = Path.Combine(_dir, "good.vcf");
        File.WriteAllText(good, Header + GoodRecord);
        Assert.Equal(0, HarmonyCli.Run("ingest", good, "--lake", lake, "--keep-sample-ids").ExitCode);
        var before = LakeDump.Fingerprint(lake);
        var bad = Path.Combine(_dir, $"bad{c.Extension}");
        File.WriteAllBytes(bad, c.Bytes);

        var result = HarmonyCli.Run("ingest", bad, "--lake", lake, "--keep-sample-ids");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(before, LakeDump.Fingerprint(lake));
    }

    // A cohort name longer than a directory name may be (255 bytes, once escaped; é is two bytes of UTF-8) is refused before anything is
    // written, with the reason; it used to fail on the Parquet writer's thread and end the process.
    [Theory]
    [InlineData(300, "x")]
    [InlineData(130, "é")]
    public void CohortNameTooLongForADirectory_IsRefusedUpFront(int repeat, string character)
    {
        var input = Path.Combine(_dir, "good.vcf");
        File.WriteAllText(input, Header + GoodRecord);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--cohort", string.Concat(Enumerable.Repeat(character, repeat)));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stderr: {result.StandardError}");
        Assert.Contains("harmony: error: The cohort name is too long for a lake directory", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("file systems allow 255", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));

        // The longest name that fits is accepted.
        var fits = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--cohort", new string('y', 255 - "cohort=".Length));
        Assert.True(fits.ExitCode == 0, fits.StandardError);
    }

    // A lake path the file system refuses (here, below a regular file) is an error with the reason and exit 1, not a
    // crash with a stack trace.
    [Fact]
    public void LakeBelowAFile_IsAnErrorWithTheReason()
    {
        var input = Path.Combine(_dir, "good.vcf");
        File.WriteAllText(input, Header + GoodRecord);
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "not a directory");

        var result = HarmonyCli.Run("ingest", input, "--lake", Path.Combine(file, "lake"), "--keep-sample-ids");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stderr: {result.StandardError}");
        Assert.StartsWith("harmony: error: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(file, "lake"), result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEofMarker_Lenient_IsAWarningAndIngestSucceeds()
    {
        var input = Path.Combine(_dir, "noeof.vcf.gz");
        File.WriteAllBytes(input, BgzfTestFiles.Bgzf(Encoding.UTF8.GetBytes(Header + GoodRecord), 64, eofMarker: false));
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--lenient");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("harmony: warning: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("noeof.vcf.gz: byte ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("end-of-file marker", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["chr1\t100\tA\tC"], LakeReader.ReadSites(lake));
    }

    [Fact]
    public void ErrorInSecondInput_FirstIngest_PublishesNothing()
    {
        var first = Path.Combine(_dir, "first.vcf");
        var second = Path.Combine(_dir, "second.vcf");
        File.WriteAllText(first, Header + GoodRecord);
        File.WriteAllText(second, Header + GoodRecord + "chr1\tabc\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0\n");
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", first, second, "--lake", lake, "--keep-sample-ids");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("second.vcf: line 11, byte ", result.StandardError, StringComparison.Ordinal);
        Assert.False(LakeDump.AnyTableVisible(lake), $"tables visible: {LakeDump.VisibleTables(lake)}");

        // The first input was not recorded as ingested: ingesting it alone now adds its record.
        Assert.Equal(0, HarmonyCli.Run("ingest", first, "--lake", lake, "--keep-sample-ids").ExitCode);
        Assert.Equal(["chr1\t100\tA\tC"], LakeReader.ReadSites(lake));
    }

    [Fact]
    public void ErrorInSecondInput_Append_LeavesLakeExactlyAsItWas()
    {
        var lake = Path.Combine(_dir, "lake");
        var existing = Path.Combine(_dir, "existing.vcf");
        File.WriteAllText(existing, Header + GoodRecord.Replace("\t100\t", "\t50\t", StringComparison.Ordinal));
        Assert.Equal(0, HarmonyCli.Run("ingest", existing, "--lake", lake, "--keep-sample-ids").ExitCode);
        var before = LakeDump.Fingerprint(lake);
        var first = Path.Combine(_dir, "first.vcf");
        var second = Path.Combine(_dir, "second.vcf");
        File.WriteAllText(first, Header + GoodRecord);
        File.WriteAllText(second, Header + GoodRecord + "chr1\t-3\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0\n");

        var result = HarmonyCli.Run("ingest", first, second, "--lake", lake, "--keep-sample-ids");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("second.vcf: line 11, byte ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, LakeDump.Fingerprint(lake));

        // Nothing of the failed run counts as ingested: both files go in afterwards.
        Assert.Equal(0, HarmonyCli.Run("ingest", first, "--lake", lake, "--keep-sample-ids").ExitCode);
        Assert.Equal(2, LakeReader.ReadSites(lake).Count);
    }

    private static Dictionary<string, Case> BuildCases()
    {
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);

        // A record error: the bad line is line 11; the offset is that of `marker` in the file plus `delta`.
        void Record(string kind, string badLine, string marker, int delta, params string[] expected)
        {
            var bytes = Encoding.UTF8.GetBytes(Header + GoodRecord + badLine + "\n");
            cases[kind] = new Case(bytes, 11, IndexOf(bytes, Encoding.UTF8.GetBytes(marker)) + delta, expected);
        }

        void RecordBytes(string kind, byte[] badLine, long offsetInLine, params string[] expected)
        {
            var prefix = Encoding.UTF8.GetBytes(Header + GoodRecord);
            cases[kind] = new Case([.. prefix, .. badLine, (byte)'\n'], 11, prefix.Length + offsetInLine, expected);
        }

        void Text(string kind, string text, long line, long offset, params string[] expected) =>
            cases[kind] = new Case(Encoding.UTF8.GetBytes(text), line, offset, expected);

        // Compressed layer: BGZF of a valid VCF in 100-byte blocks; `corrupt` damages block 2 (index 1).
        var valid = Encoding.UTF8.GetBytes(Header + GoodRecord + GoodRecord.Replace("\t100\t", "\t200\t", StringComparison.Ordinal));
        var bgzf = BgzfTestFiles.Bgzf(valid, 100);
        var blocks = BgzfTestFiles.Blocks(bgzf);
        var (b2, b2Length) = blocks[1];

        byte[] Corrupt(Action<byte[]> damage)
        {
            var copy = (byte[])bgzf.Clone();
            damage(copy);
            return copy;
        }

        cases["bgzf-truncated-block"] = new Case(bgzf[..(b2 + 30)], null, b2, ["a complete BGZF block of " + b2Length + " bytes", "truncated"], ".vcf.gz");
        cases["bgzf-bad-crc32"] = new Case(Corrupt(b => b[b2 + b2Length - 8] ^= 0x5a), null, b2, ["CRC32 mismatch"], ".vcf.gz");
        cases["bgzf-bad-isize"] = new Case(Corrupt(b => b[b2 + b2Length - 4] ^= 0x01), null, b2, ["ISIZE mismatch"], ".vcf.gz");
        cases["bgzf-bad-deflate"] = new Case(Corrupt(b => { b[b2 + 18] = 0xff; b[b2 + 19] = 0xff; b[b2 + 20] = 0xff; }), null, b2, ["valid deflate data", "corrupt compressed data"], ".vcf.gz");
        var noEof = BgzfTestFiles.Bgzf(valid, 100, eofMarker: false);
        cases["bgzf-missing-eof-marker"] = new Case(noEof, null, noEof.Length, ["BGZF end-of-file marker"], ".vcf.gz");

        Text("empty-file", string.Empty, 1, 0, "'##fileformat=VCFv4.x'", "found no data");
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        random[0] = 0x00; // Not a gzip magic, not text.
        cases["random-binary"] = new Case(random, 1, 0, ["'##fileformat=VCFv4.x'"]);
        cases["bam-magic"] = new Case([(byte)'B', (byte)'A', (byte)'M', 1, 0, 0, 0, 0, 0, 0], 1, 0, ["'##fileformat=VCFv4.x'"]);
        Text("missing-fileformat", "##contig=<ID=chr1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t1\t.\tA\tC\t.\t.\t.\n", 1, 0, "'##fileformat=VCFv4.x'", "found '##contig=<ID=chr1>'");
        Text("missing-chrom-line", "##fileformat=VCFv4.3\n##contig=<ID=chr1>\nchr1\t1\t.\tA\tC\t.\t.\t.\n", 3, 40, "'#CHROM' header line");
        Text("missing-chrom-line-eof", "##fileformat=VCFv4.3\n##contig=<ID=chr1>\n", 3, 40, "the '#CHROM' header line, found the end of the input");
        const string quoteLine = "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"depth>";
        Text("unterminated-quote", "##fileformat=VCFv4.3\n" + quoteLine + "\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", 2, 21 + quoteLine.Length, "column INFO", "unterminated quote");
        Text("spaces-in-chrom-line", "##fileformat=VCFv4.3\n#CHROM POS ID REF ALT QUAL FILTER INFO\nchr1\t1\t.\tA\tC\t.\t.\t.\n", 2, 21, "column #CHROM", "tabs, not spaces");
        const string dupChrom = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS1\n";
        Text("duplicate-sample-names", "##fileformat=VCFv4.3\n" + dupChrom, 2, 21 + dupChrom.LastIndexOf("S1", StringComparison.Ordinal), "column #CHROM", "unique sample names", "column 12");

        Record("too-few-columns", "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT\t0/1", "0/1\n", 3, "11 tab-separated columns, found 10");
        Record("too-many-columns", "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t1/1\t1/1", "1/1\t1/1\n", 3, "11 tab-separated columns, found more");
        Record("pos-non-numeric", "chr1\tabc\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "\tabc\t", 1, "column POS", "found 'abc' (not a number)");
        Record("pos-negative", "chr1\t-5\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "\t-5\t", 1, "column POS", "found '-5' (a negative number)");
        Record("pos-overflow", "chr1\t9223372036854775808\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "\t9223372036854775808", 1, "column POS", "(overflow)");
        Record("pos-junk-trailed", "chr1\t300x\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "\t300x", 1, "column POS", "found '300x' (trailing characters)");
        Record("qual-non-numeric", "chr1\t300\t.\tA\tC\thigh\tPASS\t.\tGT\t0/1\t0/0", "\thigh", 1, "column QUAL", "found 'high'");
        Record("empty-ref", "chr1\t300\t.\t\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "\t300\t.\t\t", 7, "column REF", "found an empty column");
        Record("invalid-ref", "chr1\t300\t.\tA*Z\tC\t10\tPASS\t.\tGT\t0/1\t0/0", "A*Z", 1, "column REF", "found 'A*Z'");
        Record("empty-alt-allele", "chr1\t300\t.\tA\tC,,G\t10\tPASS\t.\tGT\t0/1\t0/0", "C,,G", 2, "column ALT", "empty allele");
        Record("info-integer-text", "chr1\t300\t.\tA\tC\t10\tPASS\tDP=five\tGT\t0/1\t0/0", "DP=five", 3, "column INFO/DP", "an Integer, found 'five'");
        Record("info-number-a-wrong", "chr1\t300\t.\tA\tC\t10\tPASS\tAF=0.1,0.2\tGT\t0/1\t0/0", "AF=0.1,0.2", 3, "column INFO/AF", "1 value (Number=A), found 2");
        Record("info-number-r-wrong", "chr1\t300\t.\tA\tC,G\t10\tPASS\tAD=1,2\tGT\t0/1\t0/0", "AD=1,2", 3, "column INFO/AD", "3 values (Number=R), found 2");
        Record("format-number-g-wrong", "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT:GL\t0/1:1,2\t0/0:1,2,3", "0/1:1,2\t", 4, "column FORMAT/GL", "3 values (Number=G), found 2");
        Record("format-duplicate-key", "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT:DP:DP\t0/1:1:1\t0/0:1:2", "GT:DP:DP", 6, "column FORMAT/DP", "each FORMAT key at most once");
        Record("gt-allele-beyond-alt", "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/2", "0/2", 2, "column FORMAT/GT", "found 2");
        RecordBytes("nul-byte", [.. "chr1\t300\t.\tA\tC\t10\tPASS\t.\tGT\t0/1\t0"u8, 0, .. "/0"u8], 33, "found a NUL byte");
        RecordBytes("invalid-utf8", [.. "chr1\t300\trs"u8, 0xff, 0xfe, .. "\tA\tC\t10\tPASS\t.\tGT\t0/1\t0/0"u8], 11, "valid UTF-8 text, found an invalid byte sequence");
        return cases;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var i = haystack.AsSpan().IndexOf(needle);
        return i >= 0 ? i : throw new InvalidOperationException("marker not found");
    }

    [Theory]
    [InlineData("harrison2004", "--ploidy-definition only applies with --samplesheet")]
    [InlineData("nonsense", "--ploidy-definition: expected one of default, harrison2004, holmfeldt2013, md-all, not 'nonsense'")]
    public void PloidyDefinition_OutsideASampleSheetOrUnknown_IsAUsageError(string value, string expected)
    {
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Header + GoodRecord);
        var lake = Path.Combine(_dir, "lake");
        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids", "--ploidy-definition", value);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(LakeDump.AnyTableVisible(lake));
    }

    // Usage slips fail with a message, exit 1 and no lake (not even an empty one).
    [Theory]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("--threads: expected a positive number of threads, not 0", "--threads", "0")]
    [InlineData("--threads: expected a positive number of threads, not -3", "--threads", "-3")]
    [InlineData("The cohort name is empty: give a cohort", "--cohort", "")]
    public void UsageSlips_FailWithoutCreatingTheLake(string expected, params string[] options)
    {
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Header + GoodRecord);
        var lake = Path.Combine(_dir, "lake");
        var result = HarmonyCli.Run(["ingest", input, "--lake", lake, "--keep-sample-ids", .. options]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));
    }

    [Fact]
    public void MissingInput_FailsBeforeTheLakeIsCreated()
    {
        var lake = Path.Combine(_dir, "lake");
        var missing = Path.Combine(_dir, "missing.vcf");
        var result = HarmonyCli.Run("ingest", missing, "--lake", lake, "--keep-sample-ids");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{missing}: cannot open: no such file", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));

        result = HarmonyCli.Run("ingest", _dir, "--lake", lake, "--keep-sample-ids");
        Assert.Contains("a folder, not a file", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));
    }

    [Fact]
    public void Qc_OnACohortWithoutSamples_FailsInsteadOfCommittingAnEmptyRun()
    {
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Header + GoodRecord);
        var lake = Path.Combine(_dir, "lake");
        Assert.Equal(0, HarmonyCli.Run("ingest", input, "--lake", lake, "--keep-sample-ids").ExitCode);

        var result = HarmonyCli.Run("qc", lake, "--cohort", "no_such_cohort", "--device", "cpu");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no samples in cohort 'no_such_cohort'", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake, "variant_stats")));
    }
}
