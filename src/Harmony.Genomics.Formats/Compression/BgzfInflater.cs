using System.IO.Compression;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>Inflates one BGZF block and checks its CRC32 and ISIZE.</summary>
internal static class BgzfInflater
{
    /// <summary>
    /// Whether blocks are inflated with libdeflate: when it is installed, unless <c>HARMONY_INFLATER=managed</c>. On the
    /// BGZF blocks of workloads b and c it took 0.68x and 0.71x the CPU time of .NET's inflater (zlib-ng), on a's
    /// highly compressible genotype text 1.18x (`benchmarks`: `inflate FILE`); both give the same bytes and errors.
    /// </summary>
    internal static bool UsesLibDeflate { get; } = LibDeflate.IsAvailable && Environment.GetEnvironmentVariable("HARMONY_INFLATER") != "managed";

    /// <summary>Inflates <paramref name="block"/> into its output buffer.</summary>
    /// <exception cref="InputFormatException">The payload is not valid deflate data, or CRC32 or ISIZE disagree.</exception>
    public static void Inflate(BgzfBlock block, string sourceName)
    {
        if (!(UsesLibDeflate ? TryInflateNative(block) : TryInflateManaged(block)))
        {
            throw Diagnose(block, sourceName);
        }
    }

    /// <summary>libdeflate: the block is one gzip member, inflated whole with its CRC32 and ISIZE checked.</summary>
    internal static bool TryInflateNative(BgzfBlock block)
    {
        var n = LibDeflate.InflateGzipPooled(block.Compressed.AsSpan(0, block.CompressedLength), block.Output.AsSpan(0, block.InflatedSize));
        if (n != block.InflatedSize)
        {
            return false;
        }

        block.OutputLength = n;
        return true;
    }

    /// <summary>
    /// .NET's GZipStream (zlib-ng): a BGZF block is a complete gzip member, so it inflates it and checks CRC32 and
    /// ISIZE with its vectorised CRC, cheaper than a table CRC over the output.
    /// </summary>
    internal static bool TryInflateManaged(BgzfBlock block)
    {
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
        }

        return ok;
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
