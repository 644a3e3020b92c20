namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>Behaves like a pipe: cannot seek, and returns at most <c>maxRead</c> bytes per read. Records disposal.</summary>
public sealed class NonSeekableStream : Stream
{
    private readonly Stream inner;
    private readonly int maxRead;

    public NonSeekableStream(byte[] data, int maxRead = int.MaxValue)
    {
        inner = new MemoryStream(data, writable: false);
        this.maxRead = maxRead;
    }

    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, maxRead));

    public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, maxRead)]);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        inner.Dispose();
        base.Dispose(disposing);
    }
}
