namespace Harmony.Genomics.Formats.Compression;

/// <summary>Counts the bytes read from the raw input, for progress; the count is safe to read from any thread.</summary>
internal sealed class CountingStream : ForwardReadStream
{
    private readonly Stream inner;
    private long bytesRead;

    public CountingStream(Stream inner) => this.inner = inner;

    public long BytesRead => Interlocked.Read(ref bytesRead);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Interlocked.Add(ref bytesRead, n);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
