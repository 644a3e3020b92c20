using System.IO.Compression;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class ZlibGzipStreamTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} of plain gzip text\n")));

    [Fact]
    public void Read_MultiMemberWithZeroPadding_ReturnsEveryMember()
    {
        Assert.True(ZlibNative.IsAvailable);
        var data = Gzip(Text[..1000]).Concat(Gzip(Text[1000..])).Concat(new byte[512]).ToArray();
        Assert.Equal(Text, ReadAll(data));
    }

    [Fact]
    public void Read_TruncatedMember_IsAnErrorNotASilentStop()
    {
        var data = Gzip(Text);
        var e = Assert.Throws<InputFormatException>(() => ReadAll(data[..(data.Length / 2)]));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        var lostTrailer = Assert.Throws<InputFormatException>(() => ReadAll(data[..^4]));
        Assert.Contains("truncated", lostTrailer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadTrailerCrc_IsAnError()
    {
        var data = Gzip(Text);
        data[^6] ^= 0xff;
        var e = Assert.Throws<InputFormatException>(() => ReadAll(data));
        Assert.Contains("valid gzip data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GarbageAfterMember_IsAnError()
    {
        var data = Gzip(Text).Concat("junk"u8.ToArray()).ToArray();
        var e = Assert.Throws<InputFormatException>(() => ReadAll(data));
        Assert.Equal(Gzip(Text).Length, e.ByteOffset);
    }

    private static byte[] ReadAll(byte[] data)
    {
        using var input = InputOpener.Open(new MemoryStream(data), "t.gz", new InputOptions { Threads = 1 });
        Assert.Equal(InputCompression.Gzip, input.Compression);
        using var output = new MemoryStream();
        input.Stream.CopyTo(output, 777);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
