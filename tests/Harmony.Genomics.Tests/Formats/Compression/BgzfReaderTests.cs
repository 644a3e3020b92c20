using System.Buffers.Binary;
using System.Diagnostics;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;
using static Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class BgzfReaderTests
{
    private const int BlockData = 1000;

    public static TheoryData<int> Threads => new() { 1, 4 };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(0xff00 - 1)]
    [InlineData(0xff00)]
    [InlineData(0xff00 + 1)]
    [InlineData((3 * 0xff00) + 17)]
    [InlineData(1_000_003)]
    public void RoundTrip_OneAndFourThreads_GiveIdenticalBytes(int length)
    {
        foreach (var text in new[] { true, false })
        {
            var data = RandomData(length, length, text);
            var file = Bgzf(data);
            using var one = Open(file, threads: 1);
            using var four = Open(file, threads: 4);
            Assert.Equal(InputCompression.Bgzf, one.Compression);
            Assert.Equal(data, ReadAll(one.Stream));
            Assert.Equal(data, ReadAll(four.Stream));
            Assert.Equal(file.Length, one.CompressedBytesRead);
        }
    }

    [Fact]
    public void ParallelSource_MakesBlocksAsNeeded_NeverMoreThanItsPool()
    {
        // Two workers: a pool of 32 blocks. A reader far ahead of its consumer fills the pool and then waits.
        var many = Bgzf(RandomData(300 * BlockData, 7), BlockData);
        using (var source = new ParallelBgzfBlockSource(new MemoryStream(many), "many.vcf.gz", threads: 2))
        {
            Assert.True(SpinWait.SpinUntil(() => source.BlocksMade == 32, TimeSpan.FromSeconds(10)), $"{source.BlocksMade} blocks made");
            var read = 0;
            while (source.Next() is { } block)
            {
                read++;
                source.Return(block);
            }

            Assert.Equal(301, read);
            Assert.Equal(32, source.BlocksMade);
        }

        var one = Bgzf(RandomData(BlockData, 8), BlockData);
        using (var source = new ParallelBgzfBlockSource(new MemoryStream(one), "one.vcf.gz", threads: 2))
        {
            while (source.Next() is { } block)
            {
                source.Return(block);
            }

            Assert.InRange(source.BlocksMade, 1, 3);
        }
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void RoundTrip_ManySmallBlocksAndTinyPipeReads(int threads)
    {
        var data = RandomData(200_000, 7);
        var file = Bgzf(data, blockDataSize: 333);
        using var input = Open(file, threads, maxRead: 5);
        Assert.Equal(data, ReadAll(input.Stream));
    }

    [Fact]
    public void RoundTrip_RandomLengthsAndBlockSizes()
    {
        var rng = new Random(42);
        for (var i = 0; i < 30; i++)
        {
            var data = RandomData(rng.Next(0, 300_000), i, text: rng.Next(2) == 0);
            var file = Bgzf(data, blockDataSize: rng.Next(1, 0xff00 + 1));
            using var input = Open(file, threads: 1 + rng.Next(4));
            Assert.Equal(data, ReadAll(input.Stream));
        }
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void EmptyBlocksInTheMiddle_AndConcatenatedFiles_AreRead(int threads)
    {
        var a = RandomData(5000, 1);
        var b = RandomData(7000, 2);
        var file = Bgzf(a, BlockData).Concat(BgzfFormat.EofMarker.ToArray()).Concat(Bgzf(b, BlockData)).ToArray();
        using var input = Open(file, threads);
        Assert.Equal(a.Concat(b).ToArray(), ReadAll(input.Stream));
    }

    [Fact]
    public void WriterOutput_HasValidCrcIsizeAndEofMarker()
    {
        var data = RandomData(2500, 3);
        var file = Bgzf(data, BlockData);
        var blocks = Blocks(file);
        Assert.Equal(4, blocks.Count);
        Assert.Equal(BgzfFormat.EofMarker.ToArray(), file[^28..]);
        var (offset, length) = blocks[0];
        Assert.Equal(Crc32.Compute(data.AsSpan(0, BlockData)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + length - 8)));
        Assert.Equal((uint)BlockData, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + length - 4)));
    }

    [Theory]
    [InlineData("magic", 1)]
    [InlineData("magic", 4)]
    [InlineData("no-bc", 1)]
    [InlineData("bsize", 1)]
    [InlineData("bsize", 4)]
    [InlineData("truncated", 1)]
    [InlineData("truncated", 4)]
    [InlineData("deflate", 1)]
    [InlineData("deflate", 4)]
    [InlineData("crc", 1)]
    [InlineData("crc", 4)]
    [InlineData("isize", 1)]
    [InlineData("isize", 4)]
    [InlineData("isize-huge", 1)]
    public void CorruptBlock_RaisesInputFormatException_AtItsOffset_AfterEarlierBlocks(string kind, int threads)
    {
        var data = RandomData(BlockData * 6, 11);
        var file = Bgzf(data, BlockData);
        const int Bad = 3;
        var (offset, length) = Blocks(file)[Bad];
        var expectedText = Corrupt(ref file, kind, offset, length);

        using var input = Open(file, threads);
        var (delivered, error) = ReadUntilError(input.Stream);

        var e = Assert.IsType<InputFormatException>(error);
        Assert.Contains(expectedText, e.Expected, StringComparison.Ordinal);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Null(e.Line);
        Assert.Equal("test.vcf.gz", e.SourceName);
        Assert.Equal(data.AsSpan(0, Bad * BlockData).ToArray(), delivered);

        // The error is sticky: a further read raises it again rather than skipping the block.
        Assert.Throws<InputFormatException>(() => input.Stream.ReadByte());
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void MissingEofMarker_Strict_IsAnErrorAfterAllData(int threads)
    {
        var data = RandomData(5000, 5);
        var file = Bgzf(data, BlockData, eofMarker: false);
        using var input = Open(file, threads);
        var (delivered, error) = ReadUntilError(input.Stream);
        Assert.Equal(data, delivered);
        var e = Assert.IsType<InputFormatException>(error);
        Assert.Contains("end-of-file marker", e.Expected, StringComparison.Ordinal);
        Assert.Equal(file.Length, e.ByteOffset);
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void MissingEofMarker_Lenient_Warns(int threads)
    {
        var data = RandomData(5000, 5);
        var warnings = new List<string>();
        using var input = Open(Bgzf(data, BlockData, eofMarker: false), threads, strict: false, warning: warnings.Add);
        Assert.Equal(data, ReadAll(input.Stream));
        var warning = Assert.Single(warnings);
        Assert.Contains("end-of-file marker", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_MidStream_StopsWorkersAndClosesSource()
    {
        var file = Bgzf(RandomData(2_000_000, 9), BlockData);
        var raw = new NonSeekableStream(file);
        var input = InputOpener.Open(raw, "x", new InputOptions { Threads = 4 });
        var buffer = new byte[100];
        Assert.Equal(100, input.Stream.Read(buffer));
        input.Dispose();
        Assert.True(raw.IsDisposed);
        input.Dispose();
    }

    [Fact]
    public void CompressedBytesRead_GrowsDuringReading()
    {
        var file = Bgzf(RandomData(3_000_000, 9, text: false), BlockData * 10);
        using var input = Open(file, threads: 1);
        var buffer = new byte[1000];
        input.Stream.ReadExactly(buffer);
        var early = input.CompressedBytesRead;
        Assert.InRange(early, 1, file.Length - 1);
        ReadAll(input.Stream);
        Assert.Equal(file.Length, input.CompressedBytesRead);
    }

    [RequiresToolFact("bgzip")]
    public void ReadsBgzipOutput_WhenBgzipInstalled()
    {
        var data = RandomData(500_000, 13);
        var dir = Directory.CreateTempSubdirectory("harmony-bgzf-");
        try
        {
            var plain = Path.Combine(dir.FullName, "data.vcf");
            File.WriteAllBytes(plain, data);
            using (var process = Process.Start(new ProcessStartInfo("bgzip", ["-f", plain]) { UseShellExecute = false })!)
            {
                process.WaitForExit();
                Assert.Equal(0, process.ExitCode);
            }

            foreach (var threads in new[] { 1, 3 })
            {
                using var input = InputOpener.Open(plain + ".gz", new InputOptions { Threads = threads });
                Assert.Equal(InputCompression.Bgzf, input.Compression);
                Assert.Equal(data, ReadAll(input.Stream));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [RequiresFileFact("/usr/share/htslib-test/test/bgziptest.txt.gz")]
    public void ReadsHtslibTestFile()
    {
        const string Dir = "/usr/share/htslib-test/test/";
        using var input = InputOpener.Open(Dir + "bgziptest.txt.gz", new InputOptions { Threads = 2 });
        Assert.Equal(InputCompression.Bgzf, input.Compression);
        Assert.Equal(File.ReadAllBytes(Dir + "bgziptest.txt"), ReadAll(input.Stream));
    }

    /// <summary>Damages the block at <paramref name="offset"/>; returns a substring the error must contain.</summary>
    private static string Corrupt(ref byte[] file, string kind, int offset, int length)
    {
        switch (kind)
        {
            case "magic":
                file[offset + 1] = 0x8c;
                return "BGZF block header";
            case "no-bc":
                file[offset + 12] = (byte)'X';
                return "'BC' extra subfield";
            case "bsize":
                BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset + 16), 10);
                return "BSIZE";
            case "truncated":
                file = file[..(offset + (length / 2))];
                return "truncated";
            case "deflate":
                file[offset + 18] = 0x07; // BFINAL with the reserved block type 11.
                return "deflate";
            case "crc":
                file[offset + length - 8] ^= 0x01;
                return "CRC32 mismatch";
            case "isize":
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset + length - 4), BlockData - 1);
                return "ISIZE mismatch";
            case "isize-huge":
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset + length - 4), 70000);
                return "ISIZE of at most 65536";
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
