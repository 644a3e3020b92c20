using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;
using static Harmony.Genomics.Tests.Formats.Compression.BgzfTestFiles;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class InputOpenerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(11)]
    [InlineData(100_000)]
    public void PlainText_PassesThrough(int length)
    {
        var data = RandomData(length, length);
        using var input = Open(data, maxRead: 3);
        Assert.Equal(InputCompression.Plain, input.Compression);
        Assert.Equal(data, ReadAll(input.Stream));
        Assert.Equal(length, input.CompressedBytesRead);
    }

    [Fact]
    public void Gzip_SingleMember()
    {
        var data = RandomData(300_000, 1);
        using var input = Open(Gzip(data), maxRead: 1000);
        Assert.Equal(InputCompression.Gzip, input.Compression);
        Assert.Equal(data, ReadAll(input.Stream));
    }

    [Fact]
    public void Gzip_MultiMember_DecompressesAllMembersInOrder()
    {
        var a = RandomData(70_000, 1);
        var b = RandomData(10, 2);
        var c = RandomData(100_000, 3);
        using var input = Open([.. Gzip(a), .. Gzip(b), .. Gzip(c)]);
        Assert.Equal(InputCompression.Gzip, input.Compression);
        Assert.Equal([.. a, .. b, .. c], ReadAll(input.Stream));
    }

    [Fact]
    public void Gzip_WithExtraFieldButNoBcSubfield_IsPlainGzip()
    {
        var data = Encoding.ASCII.GetBytes("##fileformat=VCFv4.3\n");
        var deflated = new MemoryStream();
        using (var d = new DeflateStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            d.Write(data);
        }

        var file = new List<byte> { 0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 6, 0, (byte)'X', (byte)'Y', 2, 0, 0, 0 };
        file.AddRange(deflated.ToArray());
        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.Compute(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)data.Length);
        file.AddRange(trailer);
        using var input = Open([.. file]);
        Assert.Equal(InputCompression.Gzip, input.Compression);
        Assert.Equal(data, ReadAll(input.Stream));
    }

    [Fact]
    public void Gzip_Corrupt_RaisesInputFormatException()
    {
        var file = Gzip(RandomData(100_000, 4));
        file[^6] ^= 0x01; // CRC32
        using var input = Open(file);
        var e = Assert.Throws<InputFormatException>(() => ReadAll(input.Stream));
        Assert.Contains("gzip", e.Expected, StringComparison.Ordinal);
        Assert.Null(e.Line);
    }

    [Fact]
    public void Sniffing_IgnoresTheFileName()
    {
        var data = RandomData(1000, 5);
        var dir = Directory.CreateTempSubdirectory("harmony-open-");
        try
        {
            var bgzfNamedPlain = Path.Combine(dir.FullName, "a.vcf");
            var plainNamedGz = Path.Combine(dir.FullName, "b.vcf.gz");
            File.WriteAllBytes(bgzfNamedPlain, Bgzf(data));
            File.WriteAllBytes(plainNamedGz, data);
            using var a = InputOpener.Open(bgzfNamedPlain, new InputOptions());
            using var b = InputOpener.Open(plainNamedGz, new InputOptions());
            Assert.Equal(InputCompression.Bgzf, a.Compression);
            Assert.Equal(InputCompression.Plain, b.Compression);
            Assert.Equal(data, ReadAll(a.Stream));
            Assert.Equal(data, ReadAll(b.Stream));
            Assert.Equal(bgzfNamedPlain, a.SourceName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ZeroThreads_IsRejected_AndTheStreamClosed()
    {
        var raw = new TestSupport.NonSeekableStream([1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputOpener.Open(raw, "x", new InputOptions { Threads = 0 }));
        Assert.True(raw.IsDisposed);
    }

    [Theory]
    [InlineData(null, 16, 16)]
    [InlineData("4", 16, 4)]
    [InlineData("32", 16, 16)]
    [InlineData("0", 8, 8)]
    [InlineData("abc", 8, 8)]
    [InlineData("", 8, 8)]
    public void DefaultThreads_HonoursSmallerSlurmCpus(string? slurm, int cpus, int expected) =>
        Assert.Equal(expected, Harmony.Genomics.Core.ProcessorBudget.DefaultThreads(slurm, cpus));

    [Fact]
    public void Defaults_AreStrictWithAtLeastOneThread()
    {
        var options = new InputOptions();
        Assert.True(options.Strict);
        Assert.InRange(options.Threads, 1, Environment.ProcessorCount);
    }
}
