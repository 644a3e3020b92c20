using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;
using static Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles;

namespace Harmony.Genomics.Tests.Formats.Compression;

/// <summary>
/// libdeflate (used when installed) and .NET's inflater must give the same bytes for every block and refuse the same
/// blocks; the errors themselves come from one diagnosis and are checked through the reader (BgzfReaderTests).
/// </summary>
public sealed class BgzfInflaterTests
{
    private const string LibDeflateMissing = "libdeflate0 is not installed (tests/run.sh installs it)";

    [Fact]
    public void UsesLibDeflate_WhenItIsInstalled()
    {
        // tests/run.sh installs libdeflate0, so on CI the fast path is the one every reading test goes through.
        Assert.Equal(LibDeflate.IsAvailable && Environment.GetEnvironmentVariable("HARMONY_INFLATER") != "managed", BgzfInflater.UsesLibDeflate);
    }

    [RequiresLibDeflateFact]
    public void BothInflaters_GiveTheSameBytes_ForEveryBlock()
    {
        var random = new Random(3);
        var text = new byte[400_000];
        random.NextBytes(text.AsSpan(0, 100_000));                       // incompressible
        text.AsSpan(100_000, 100_000).Fill((byte)'0');                    // one long run
        for (var i = 200_000; i < text.Length; i++)
        {
            text[i] = (byte)"0/1\t0|0\t1/1\n"[random.Next(12)];           // genotype-like text
        }

        // Block sizes from tiny to the largest BGZF allows, and an empty block (the EOF marker).
        foreach (var blockSize in new[] { 1, 100, 4096, 0xff00 })
        {
            var file = Bgzf(text.AsSpan(0, blockSize == 1 ? 3000 : text.Length), blockSize);
            var (blocks, empty) = (0, 0);
            foreach (var (native, managed) in Blocks(file, new BgzfBlock(), new BgzfBlock()))
            {
                Assert.True(BgzfInflater.TryInflateNative(native), $"libdeflate refused the block at {native.Offset}");
                Assert.True(BgzfInflater.TryInflateManaged(managed), $"GZipStream refused the block at {managed.Offset}");
                Assert.Equal(managed.OutputLength, native.OutputLength);
                Assert.True(managed.Output.AsSpan(0, managed.OutputLength).SequenceEqual(native.Output.AsSpan(0, native.OutputLength)), $"block at {native.Offset}");
                blocks++;
                empty += native.InflatedSize == 0 ? 1 : 0;
            }

            Assert.Equal(1, empty);
            Assert.True(blocks > 1);
        }
    }

    [RequiresLibDeflateTheory]
    [InlineData("deflate")]
    [InlineData("crc")]
    [InlineData("isize-short")]
    [InlineData("isize-long")]
    public void BothInflaters_RefuseTheSameCorruptBlocks(string kind)
    {
        var data = new byte[20_000];
        new Random(5).NextBytes(data);
        for (var i = 0; i < data.Length; i += 3)
        {
            data[i] = (byte)'0';
        }

        var file = Bgzf(data, 10_000);
        var (offset, length) = BgzfTestFiles.Blocks(file)[0];
        switch (kind)
        {
            case "deflate":
                file[offset + 18] ^= 0xff;                 // the first bytes of the deflate payload
                file[offset + 19] ^= 0xff;
                break;
            case "crc":
                file[offset + length - 8] ^= 0x01;
                break;
            case "isize-short":
                file[offset + length - 4] -= 1;            // the data inflates to one byte more than ISIZE
                break;
            default:
                file[offset + length - 4] += 1;            // one byte less
                break;
        }

        var (native, managed) = Blocks(file, new BgzfBlock(), new BgzfBlock()).First();
        Assert.False(BgzfInflater.TryInflateManaged(managed));
        Assert.False(BgzfInflater.TryInflateNative(native));
    }

    // Each block of the file read twice, into the same two block buffers each time (a block holds 128 KB).
    private static IEnumerable<(BgzfBlock Native, BgzfBlock Managed)> Blocks(byte[] file, BgzfBlock native, BgzfBlock managed)
    {
        var first = new BgzfBlockReader(new MemoryStream(file), "test.vcf.gz");
        var second = new BgzfBlockReader(new MemoryStream(file), "test.vcf.gz");
        while (first.TryReadBlock(native) & second.TryReadBlock(managed))
        {
            yield return (native, managed);
        }
    }

    private sealed class RequiresLibDeflateFactAttribute : FactAttribute
    {
        public RequiresLibDeflateFactAttribute()
        {
            if (!LibDeflate.IsAvailable)
            {
                Skip = LibDeflateMissing;
            }
        }
    }

    private sealed class RequiresLibDeflateTheoryAttribute : TheoryAttribute
    {
        public RequiresLibDeflateTheoryAttribute()
        {
            if (!LibDeflate.IsAvailable)
            {
                Skip = LibDeflateMissing;
            }
        }
    }
}
