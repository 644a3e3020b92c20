using System.IO.Compression;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>Inflates one BGZF block and checks its CRC32 and ISIZE.</summary>
internal static class BgzfInflater
{
    /// <summary>Inflates <paramref name="block"/> into its output buffer.</summary>
    /// <exception cref="InputFormatException">The payload is not valid deflate data, or CRC32 or ISIZE disagree.</exception>
    public static void Inflate(BgzfBlock block, string sourceName)
    {
        // Fast path: a BGZF block is a complete gzip member, so GZipStream (zlib-ng) inflates it and checks
        // CRC32 and ISIZE with its vectorised CRC, cheaper than a table CRC over the output.
        var ok = false;
        var total = 0;
        try
        {
            using var compressed = new MemoryStream(block.Compressed, 0, block.CompressedLength, writable: false);
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            var output = block.Output.AsSpan(0, block.InflatedSize);
            while (total < output.Length)
            {
                var n = gzip.Read(output[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            // One more read must find the end: it makes zlib check the trailer and catches a block longer than ISIZE.
            Span<byte> probe = stackalloc byte[1];
            ok = total == block.InflatedSize && gzip.Read(probe) == 0;
        }
        catch (InvalidDataException)
        {
            ok = false;
        }

        if (ok)
        {
            block.OutputLength = total;
            return;
        }

        throw Diagnose(block, sourceName);
    }

    /// <summary>Slow path for a failed block only: inflates the raw payload again to say exactly what is wrong.</summary>
    private static InputFormatException Diagnose(BgzfBlock block, string sourceName)
    {
        var payload = block.Compressed.AsSpan(block.PayloadStart, block.CompressedLength - block.PayloadStart - BgzfFormat.TrailerLength);
        var inflated = new byte[BgzfFormat.MaxInflatedLength + 1];
        var total = 0;
        try
        {
            using var compressed = new MemoryStream(payload.ToArray(), writable: false);
            using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
            while (total < inflated.Length)
            {
                var n = deflate.Read(inflated, total, inflated.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (InvalidDataException e)
        {
            return new InputFormatException(sourceName, null, block.Offset, null, "valid deflate data in the BGZF block (corrupt compressed data)", e);
        }

        if (total != block.InflatedSize)
        {
            var found = total > BgzfFormat.MaxInflatedLength ? $"more than {BgzfFormat.MaxInflatedLength}" : total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new InputFormatException(sourceName, null, block.Offset, null, $"a BGZF block that inflates to its ISIZE of {block.InflatedSize} bytes, found {found} (ISIZE mismatch)");
        }

        var crc = Crc32.Compute(inflated.AsSpan(0, total));
        if (crc != block.ExpectedCrc)
        {
            return new InputFormatException(sourceName, null, block.Offset, null, $"a BGZF block whose CRC32 is {block.ExpectedCrc:x8}, computed {crc:x8} (CRC32 mismatch)");
        }

        return new InputFormatException(sourceName, null, block.Offset, null, "valid deflate data in the BGZF block that ends exactly at its CRC32 trailer");
    }
}
