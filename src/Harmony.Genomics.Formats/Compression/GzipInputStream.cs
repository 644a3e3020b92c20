using System.IO.Compression;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// Plain gzip, all concatenated members in order, with corrupt data reported as <see cref="InputFormatException"/>.
/// The offset is the compressed bytes read so far, which runs a buffer ahead of the fault.
/// </summary>
internal sealed class GzipInputStream : ForwardReadStream
{
    private readonly GZipStream gzip;
    private readonly CountingStream counter;
    private readonly string sourceName;

    public GzipInputStream(Stream compressed, CountingStream counter, string sourceName)
    {
        gzip = new GZipStream(compressed, CompressionMode.Decompress);
        this.counter = counter;
        this.sourceName = sourceName;
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(sourceName, null, counter.BytesRead, null, "valid gzip data (corrupt compressed data)", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
