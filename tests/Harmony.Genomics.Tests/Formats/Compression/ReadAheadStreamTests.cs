using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class ReadAheadStreamTests
{
    [Fact]
    public void Read_GivesEveryByteInOrder_WhateverTheReadSizes()
    {
        var data = new byte[3_000_000];
        new Random(3).NextBytes(data);
        using var stream = new ReadAheadStream(new ChoppyStream(data, failAt: -1), "test-read-ahead");
        var copy = ReadAll(stream, new Random(4));
        Assert.Equal(data, copy);
        Assert.Equal(0, stream.Read(new byte[10]));
    }

    [Fact]
    public void AnError_ComesAfterEveryByteReadBeforeIt_AsTheSameException()
    {
        var data = new byte[1_500_000];
        new Random(5).NextBytes(data);
        using var stream = new ReadAheadStream(new ChoppyStream(data, failAt: 700_001), "test-read-ahead");
        var received = new List<byte>();
        var buffer = new byte[4096];
        void ReadToTheEnd()
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                received.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        }

        var error = Assert.Throws<InvalidDataException>(ReadToTheEnd);
        Assert.Equal("corrupt at 700001", error.Message);
        Assert.Equal(data.AsSpan(0, 700_001).ToArray(), received.ToArray());
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheThreadAndDisposesTheInnerStreamOnce()
    {
        var inner = new ChoppyStream(new byte[10_000_000], failAt: -1);
        var stream = new ReadAheadStream(inner, "test-read-ahead");
        Assert.Equal(100, stream.Read(new byte[100]));
        stream.Dispose();
        stream.Dispose();
        Assert.Equal(1, inner.Disposed);
    }

    private static byte[] ReadAll(Stream stream, Random random)
    {
        var output = new MemoryStream();
        var buffer = new byte[1 << 20];
        while (true)
        {
            var n = stream.Read(buffer, 0, random.Next(1, buffer.Length));
            if (n == 0)
            {
                return output.ToArray();
            }

            output.Write(buffer, 0, n);
        }
    }

    // Returns short reads of varying length, and throws once the position reaches failAt (when not -1).
    private sealed class ChoppyStream(byte[] data, int failAt) : ForwardReadStream
    {
        private readonly Random _random = new(9);
        private int _position;

        public int Disposed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (failAt >= 0 && _position >= failAt)
            {
                throw new InvalidDataException($"corrupt at {failAt}");
            }

            var limit = failAt >= 0 ? failAt : data.Length;
            var n = Math.Min(Math.Min(buffer.Length, _random.Next(1, 70_000)), limit - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed++;
            base.Dispose(disposing);
        }
    }
}
