using System.Buffers.Binary;
using System.IO.Compression;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// Writes BGZF: data is cut into blocks of at most <c>blockDataSize</c> bytes (htslib uses 0xff00), each a gzip
/// member with the 'BC' subfield, CRC32 and ISIZE; disposing writes the end-of-file marker.
/// <see cref="Flush()"/> ends the current block early, which tests use to place block boundaries.
/// </summary>
internal sealed class BgzfWriter : Stream
{
    private const int HeaderLength = 18;
    private readonly Stream output;
    private readonly CompressionLevel level;
    private readonly bool leaveOpen;
    private readonly bool writeEofMarker;
    private readonly byte[] pending;
    private readonly MemoryStream deflated = new();
    private int pendingLength;
    private bool disposed;

    public BgzfWriter(Stream output, CompressionLevel level = CompressionLevel.Optimal, bool leaveOpen = false, int blockDataSize = 0xff00, bool writeEofMarker = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockDataSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockDataSize, 0xff00);
        this.output = output;
        this.level = level;
        this.leaveOpen = leaveOpen;
        this.writeEofMarker = writeEofMarker;
        pending = new byte[blockDataSize];
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, pending.Length - pendingLength);
            buffer[..n].CopyTo(pending.AsSpan(pendingLength));
            pendingLength += n;
            buffer = buffer[n..];
            if (pendingLength == pending.Length)
            {
                WriteBlock();
            }
        }
    }

    /// <summary>Ends the current block (if it holds data) and flushes the output.</summary>
    public override void Flush()
    {
        if (pendingLength > 0)
        {
            WriteBlock();
        }

        output.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            Flush();
            if (writeEofMarker)
            {
                output.Write(BgzfFormat.EofMarker);
            }

            output.Flush();
            disposed = true;
            deflated.Dispose();
            if (!leaveOpen)
            {
                output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void WriteBlock()
    {
        var data = pending.AsSpan(0, pendingLength);
        Deflate(data, level);

        // Incompressible data can grow past a block; stored deflate blocks always fit.
        if (HeaderLength + deflated.Length + BgzfFormat.TrailerLength > BgzfFormat.MaxBlockLength)
        {
            Deflate(data, CompressionLevel.NoCompression);
        }

        var blockLength = HeaderLength + (int)deflated.Length + BgzfFormat.TrailerLength;
        Span<byte> header = stackalloc byte[HeaderLength];
        ReadOnlySpan<byte> fixedPart = [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 6, 0, (byte)'B', (byte)'C', 2, 0];
        fixedPart.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[16..], (ushort)(blockLength - 1));
        output.Write(header);
        output.Write(deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
        Span<byte> trailer = stackalloc byte[BgzfFormat.TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.Compute(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        output.Write(trailer);
        pendingLength = 0;
    }

    private void Deflate(ReadOnlySpan<byte> data, CompressionLevel compressionLevel)
    {
        deflated.SetLength(0);
        using var deflate = new DeflateStream(deflated, compressionLevel, leaveOpen: true);
        deflate.Write(data);
    }
}
