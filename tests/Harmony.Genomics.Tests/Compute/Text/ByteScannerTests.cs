using FsCheck.Xunit;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Tests.Compute.Text;

public sealed class ByteScannerTests
{
    private static readonly ScanPath[] Paths = [ScanPath.Auto, ScanPath.Scalar, ScanPath.Vector256, ScanPath.Vector512];

    [Fact]
    public void AllPaths_AgreeWithNaiveLoop_ForEveryLengthUpTo300()
    {
        var rng = new Random(20240601);
        for (var length = 0; length <= 300; length++)
        {
            for (var trial = 0; trial < 8; trial++)
            {
                // Background bytes avoid the needles; then 0..3 needles are planted at random places.
                var data = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    data[i] = (byte)rng.Next(32, 127);
                }

                var needles = new byte[] { (byte)'\n', (byte)'\t', (byte)':' };
                foreach (var k in Enumerable.Range(0, length == 0 ? 0 : rng.Next(4)))
                {
                    data[rng.Next(length)] = needles[rng.Next(needles.Length)];
                }

                // Occasionally bytes with the high bit set, which a signed compare would get wrong.
                if (length > 0 && trial % 3 == 0)
                {
                    data[rng.Next(length)] = 0xF0;
                }

                AssertAllPathsAgree(data, (byte)'\n', (byte)'\t', (byte)':');
                AssertAllPathsAgree(data, 0xF0, (byte)'\t', (byte)';');
            }
        }
    }

    [Property(MaxTest = 500)]
    public bool AllPaths_AgreeWithNaiveLoop_Property(byte[] data, byte a, byte b, byte c)
    {
        AssertAllPathsAgree(data, a, b, c);
        return true;
    }

    [Property(MaxTest = 500)]
    public bool NulOrNonAscii_AllPathsAgreeWithNaiveLoop_Property(byte[] data, int plant)
    {
        // Mostly printable text, so that the first match is somewhere inside rather than at the start.
        var text = data.Select(b => (byte)(32 + (b % 95))).ToArray();
        if (text.Length > 0 && plant % 3 != 0)
        {
            text[Math.Abs(plant % text.Length)] = data[Math.Abs(plant % data.Length)];
        }

        var expected = Array.FindIndex(text, b => b == 0 || b >= 0x80);
        return Paths.All(path => ByteScanner.IndexOfNulOrNonAscii(text, path) == expected);
    }

    [Fact]
    public void NulOrNonAscii_FindsNulAndHighBytes_NotOtherControls()
    {
        Assert.Equal(-1, ByteScanner.IndexOfNulOrNonAscii("chr1\t100\t.\tA\tG\x01\x7f"u8));
        foreach (var path in Paths)
        {
            for (var length = 1; length <= 130; length++)
            {
                foreach (var bad in new byte[] { 0x00, 0x80, 0xC3, 0xFF })
                {
                    var line = Enumerable.Repeat((byte)'A', length).ToArray();
                    line[length - 1] = bad;
                    Assert.Equal(length - 1, ByteScanner.IndexOfNulOrNonAscii(line, path));
                }
            }
        }
    }

    [Fact]
    public void PublicEntryPoints_FindTheFirstMatch()
    {
        var line = "chr1\t100\trs1\tA\tG\n"u8;
        Assert.Equal(line.Length - 1, ByteScanner.IndexOfNewline(line));
        Assert.Equal(4, ByteScanner.IndexOfAny(line, (byte)'\t', (byte)'\n'));
        Assert.Equal(4, ByteScanner.IndexOfAny(line, (byte)'\n', (byte)'x', (byte)'\t'));
        Assert.Equal(4, ByteScanner.Count(line, (byte)'\t'));
        Assert.Equal(-1, ByteScanner.IndexOfNewline(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0, ByteScanner.Count(ReadOnlySpan<byte>.Empty, 0));
    }

    [Fact]
    public void Count_AllBytesMatching_CountsEachOnce()
    {
        foreach (var length in new[] { 31, 32, 33, 63, 64, 65, 127, 129, 1000 })
        {
            var data = Enumerable.Repeat((byte)'\t', length).ToArray();
            foreach (var path in Paths)
            {
                Assert.Equal(length, ByteScanner.Count(data, (byte)'\t', path));
            }
        }
    }

    private static void AssertAllPathsAgree(byte[] data, byte a, byte b, byte c)
    {
        var newline = Naive(data, x => x == (byte)'\n');
        var two = Naive(data, x => x == a || x == b);
        var three = Naive(data, x => x == a || x == b || x == c);
        var count = data.Count(x => x == a);
        foreach (var path in Paths)
        {
            Assert.Equal(newline, ByteScanner.IndexOfNewline(data, path));
            Assert.Equal(two, ByteScanner.IndexOfAny(data, a, b, path));
            Assert.Equal(three, ByteScanner.IndexOfAny(data, a, b, c, path));
            Assert.Equal(count, ByteScanner.Count(data, a, path));
        }

        Assert.Equal(newline, ByteScanner.IndexOfNewline(data));
        Assert.Equal(two, ByteScanner.IndexOfAny(data, a, b));
        Assert.Equal(three, ByteScanner.IndexOfAny(data, a, b, c));
        Assert.Equal(count, ByteScanner.Count(data, a));
    }

    private static int Naive(byte[] data, Func<byte, bool> match)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (match(data[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
