using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// Lines read by <see cref="VcfReader.ReadLine"/> and decoded by decoders of <see cref="VcfReader.CreateDecoder"/> in
/// another order than the file's (as decoder workers do) are, once handed over in file order, what one thread decodes.
/// </summary>
public sealed class VcfReaderTests
{
    private const string Lines = """
        chr1	100	.	A	T	30	BADF	XNEW=1	GT	0/1	1/1
        chr1	200	.	A	T	30	BADF	DP=3	GT	0/1	1/1
        chr1	300	.	A	T	30	PASS	XNEW=2	GT	0/1	1/1
        """;

    [Fact]
    public void ReadLine_DecodedOutOfOrder_HandOverGivesTheCountsAndWarningsOfOneThread()
    {
        var (oneWarnings, oneCounts) = DecodeOnOneThread();

        var warnings = new List<string>();
        using var reader = VcfText.Open(VcfText.Header + "\n" + Lines + "\n", new VcfReaderOptions { Warning = warnings.Add });
        var records = new List<VcfRecord>();
        for (var record = new VcfRecord { KeepsLine = true }; reader.ReadLine(record); record = new VcfRecord { KeepsLine = true })
        {
            records.Add(record);
        }

        Assert.Equal([0L, 1L, 2L], records.Select(r => r.RecordIndex));
        var awaited = 0;
        var first = reader.CreateDecoder(() => awaited++);
        var second = reader.CreateDecoder(() => awaited++);

        // The second record first: it neither meets XNEW nor counts it; its FILTER warning waits in the record.
        second.DecodeKeptLine(records[1]);
        first.DecodeKeptLine(records[0]);
        first.DecodeKeptLine(records[2]);
        Assert.Equal(1, awaited);
        Assert.True(records[1].InfoFieldCount < records[0].InfoFieldCount);
        Assert.Empty(warnings);

        foreach (var record in records)
        {
            reader.HandOver(record);
        }

        Assert.Equal(oneWarnings, warnings);
        Assert.Equal(oneCounts, records.Select(r => (r.InfoFieldCount, r.FormatFieldCount)));
    }

    [Fact]
    public void TryHandOverInOrder_OnlyWhenNoRecordWouldBeRaised()
    {
        var warnings = new List<string>();
        using var reader = VcfText.Open(VcfText.Header + "\n" + Lines + "\n", new VcfReaderOptions { Warning = warnings.Add });
        var records = new List<VcfRecord>();
        for (var record = new VcfRecord { KeepsLine = true }; reader.ReadLine(record); record = new VcfRecord { KeepsLine = true })
        {
            records.Add(record);
        }

        var decoder = reader.CreateDecoder(() => { });
        records.ForEach(decoder.DecodeKeptLine);
        var (info, format) = (records[2].InfoFieldCount, records[2].FormatFieldCount);

        // A chunk whose first record counts more than was handed over: taken whole, and the next chunk starts from its last.
        Assert.True(reader.TryHandOverInOrder((info - 1, format), (info, format)));
        Assert.False(reader.TryHandOverInOrder((info - 1, format), (info, format)));
        Assert.False(reader.TryHandOverInOrder((info, format - 1), (info, format)));
        Assert.True(reader.TryHandOverInOrder((info, format), (info, format)));

        // Refused, its records are handed over one by one and raised to what was handed over before them.
        records[0].InfoFieldCount = info - 1;
        reader.HandOver(records[0]);
        Assert.Equal((info, format), (records[0].InfoFieldCount, records[0].FormatFieldCount));
    }

    private static (List<string> Warnings, List<(int, int)> Counts) DecodeOnOneThread()
    {
        var warnings = new List<string>();
        var counts = new List<(int, int)>();
        using var reader = VcfText.Open(VcfText.Header + "\n" + Lines + "\n", new VcfReaderOptions { Warning = warnings.Add });
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            counts.Add((record.InfoFieldCount, record.FormatFieldCount));
        }

        Assert.Equal(2, warnings.Count);
        return (warnings, counts);
    }

    // A disposed reader refuses at once, whatever its input: buffered BCF records were served on, and text failed deep
    // in the pipe with an ArgumentOutOfRangeException.
    [RequiresToolFact("bcftools")]
    public void Read_AfterDispose_IsObjectDisposed_ForTextAndBcf()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "d.vcf");
            File.WriteAllText(vcf, VcfText.Header + "\nchr1\t100\t.\tA\tT\t30\tPASS\tDP=3\tGT\t0/1\t1/1\nchr1\t200\t.\tA\tT\t30\tPASS\tDP=4\tGT\t0/0\t1/1\n");
            var bcf = Formats.Bcf.BcfFixtures.MakeBcf(vcf, dir, compressed: true)!;
            foreach (var file in new[] { vcf, bcf })
            {
                var reader = VcfReader.Open(file, new VcfReaderOptions { Warning = _ => { } });
                var record = new VcfRecord();
                Assert.True(reader.Read(record));
                reader.Dispose();
                Assert.Throws<ObjectDisposedException>(() => reader.Read(record));
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedUpFront()
    {
        var text = VcfText.Header + "\n" + Lines + "\n";
        Assert.Throws<ArgumentOutOfRangeException>(() => VcfText.Open(text, new VcfReaderOptions { Threads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VcfText.Open(text, new VcfReaderOptions { MaxLineLength = 0 }));
        Assert.Throws<ArgumentNullException>(() => new VcfReader(null!, "x", new VcfReaderOptions()));
    }
}
