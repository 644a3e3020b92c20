using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

public sealed class ConvertJobTests : IDisposable
{
    private const string Vcf = """
        ##fileformat=VCFv4.2
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	A	B
        chr1	10	.	A	C	50	PASS	DP=12	GT:AD	0/1:5,7	0/0:9,0
        chr1	20	rs2	G	T,GA	.	.	DP=3;NEW=x	GT:AD	1|2:0,1,2	./.:.
        chr2	5	.	T	.	.	.	.	GT	0/0	0/0

        """;

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void Run_Parquet_NestsCallsUnderTheirRecords()
    {
        var input = Write("in.vcf", Vcf);
        var output = Path.Combine(_dir, "out.parquet");
        var result = ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true });

        Assert.Equal(3, result.Variants);
        Assert.Equal(3, result.Calls);
        var rows = LakeReader.Query($"""
            select pos, len(calls), list_transform(calls, c -> c.sample || '=' || c.gt)::varchar, info_dp, info_new
            from read_parquet('{output}') order by record_index
            """);
        Assert.Equal(["10\t1\t['A=0/1']\t12\t.", "20\t2\t['A=1|2', 'B=./.']\t3\tx", "5\t0\t[]\t.\t."], rows);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Run_IntoAMissingFolder_NamesTheOutputAndTheFolder()
    {
        var input = Write("in.vcf", Vcf);
        var output = Path.Combine(_dir, "no-such-folder", "out.parquet");
        var e = Assert.Throws<HarmonyException>(() => ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true }));

        // Not the temporary file's name (out.parquet.harmony-<guid>.tmp), which the user never gave.
        Assert.Equal($"{output}: cannot write the output: the folder '{Path.Combine(_dir, "no-such-folder")}' does not exist", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no-such-folder")));
    }

    [Fact]
    public void Run_ArrowIpc_HoldsTheSameRows()
    {
        var input = Write("in.vcf", Vcf);
        var output = Path.Combine(_dir, "out.arrow");
        ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true });

        using var stream = File.OpenRead(output);
        using var reader = new ArrowFileReader(stream);
        var batch = reader.ReadNextRecordBatch();
        Assert.Equal(3, batch.Length);
        var calls = (ListArray)batch.Column("calls");
        Assert.Equal(2, calls.GetValueLength(1));
        Assert.Equal(0, calls.GetValueLength(2));
        Assert.Equal("1", batch.Schema.Metadata["harmony.schema_version"]);
    }

    [Fact]
    public void Run_MalformedInput_LeavesNoFile()
    {
        var input = Write("bad.vcf", Vcf.Replace("chr2\t5", "chr2\tfive", StringComparison.Ordinal));
        var output = Path.Combine(_dir, "out.parquet");
        var e = Assert.Throws<InputFormatException>(() => ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true }));
        Assert.Equal("POS", e.Column);
        Assert.Empty(Directory.GetFiles(_dir, "out*"));
    }

    [Fact]
    public void Run_WithoutKey_RefusesToWriteRawNames()
    {
        var input = Write("in.vcf", Vcf);
        var e = Assert.Throws<HarmonyException>(() => ConvertJob.Run(input, new ConvertOptions { OutputPath = Path.Combine(_dir, "o.parquet"), GetEnvironmentVariable = _ => null }));
        Assert.Contains("--key-file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DecoderWorkers_WriteTheFileOneThreadWrites_WithFieldsFirstMetLate()
    {
        // Undeclared fields first met far apart (records 10, 300 and 700, in different decoder chunks), so the
        // workers grow the header ahead of the writer; the second pass must come out as with one thread.
        var lines = new List<string> { Vcf.Split('\n')[0], Vcf.Split('\n')[1], Vcf.Split('\n')[2], Vcf.Split('\n')[3], Vcf.Split('\n')[4] };
        for (var i = 0; i < 1000; i++)
        {
            var info = i switch { 10 => "DP=1;LATE1=a", 300 => "DP=2;LATE2=3", 700 => "DP=3;FLAG9", _ => "DP=" + i };
            var format = i == 500 ? "GT:AD:NEWF" : "GT:AD";
            var extra = i == 500 ? ":q" : string.Empty;
            lines.Add($"chr1\t{i + 1}\t.\tA\tC\t.\tPASS\t{info}\t{format}\t0/1:1,2{extra}\t0/0:3,0{extra}");
        }

        var input = Write("late.vcf", string.Join('\n', lines) + "\n");
        string[] Dump(int threads)
        {
            var output = Path.Combine(_dir, $"out{threads}.parquet");
            ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true, Threads = threads });
            return LakeReader.Query($"select * exclude (calls), calls::varchar from read_parquet('{output}') order by record_index").ToArray();
        }

        var one = Dump(1);
        Assert.Equal(1000, one.Length);
        Assert.Equal(one, Dump(2));
        Assert.Equal(
            LakeReader.Query($"select name from parquet_schema('{Path.Combine(_dir, "out1.parquet")}')"),
            LakeReader.Query($"select name from parquet_schema('{Path.Combine(_dir, "out2.parquet")}')"));
    }

    [Theory]
    [InlineData(65_999)]
    [InlineData(65_791)]
    public void Run_DecoderWorkers_FieldFirstMetInTheLastRecordOfAChunk_SameFileAsOneThread(int late)
    {
        // The workers pivot records and the writer takes a chunk's records once all are handed over. A field first met in
        // a chunk's last record (the file's last, or that of the chunk of records 65,536-65,791), after the first batch of
        // 65,536 rows was written without it, must still send the job to its second pass.
        var text = new System.Text.StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=chr1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (var i = 0; i < 66_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"chr1\t{i + 1}\t.\tA\tC\t.\tPASS\t{(i == late ? "LATE=z" : ".")}\n");
        }

        var input = Write($"late-last-{late}.vcf", text.ToString());
        string[] Dump(int threads)
        {
            var output = Path.Combine(_dir, $"last{late}-{threads}.parquet");
            ConvertJob.Run(input, new ConvertOptions { OutputPath = output, KeepSampleIds = true, Threads = threads });
            return LakeReader.Query($"select record_index, info_late from read_parquet('{output}') where info_late is not null or record_index % 1000 = 0 order by record_index").ToArray();
        }

        var one = Dump(1);
        Assert.Equal(one, Dump(2));
        Assert.Contains(one, row => row.EndsWith("z", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DecoderWorkers_ReportTheMalformedRecordOneThreadReports()
    {
        var lines = Vcf.Split('\n').Take(5).ToList();
        for (var i = 0; i < 900; i++)
        {
            lines.Add(i == 777 ? "chr1\t778\t.\tA\tC\t.\tPASS\tDP=x\tGT:AD\t0/1:1,2\t0/0:3,0" : $"chr1\t{i + 1}\t.\tA\tC\t.\tPASS\tDP=1\tGT:AD\t0/1:1,2\t0/0:3,0");
        }

        var input = Write("late-error.vcf", string.Join('\n', lines) + "\n");
        string Error(int threads) => Assert.Throws<InputFormatException>(() => ConvertJob.Run(input, new ConvertOptions { OutputPath = Path.Combine(_dir, $"bad{threads}.parquet"), KeepSampleIds = true, Threads = threads })).Message;
        Assert.Equal(Error(1), Error(2));
        Assert.Contains("INFO/DP", Error(2), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "bad*.parquet*"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }
}
