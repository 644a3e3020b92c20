namespace Harmony.Genomics.Formats.Compression;

/// <summary>Replays bytes already peeked for sniffing, then continues with the rest; lets pipes be sniffed without seeking.</summary>
internal sealed class PrefixedStream : ForwardReadStream
{
    private readonly byte[] prefix;
    private readonly int prefixLength;
    private readonly Stream inner;
    private int prefixPosition;

    public PrefixedStream(byte[] prefix, int prefixLength, Stream inner)
    {
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.inner = inner;
    }

    public override int Read(Span<byte> buffer)
    {
        if (prefixPosition < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - prefixPosition);
            prefix.AsSpan(prefixPosition, n).CopyTo(buffer);
            prefixPosition += n;
            return n;
        }

        return inner.Read(buffer);
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
