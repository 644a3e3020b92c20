using System.Buffers.Binary;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>Reads whole BGZF blocks, checking their headers, from a forward-only stream.</summary>
internal sealed class BgzfBlockReader
{
    private readonly Stream input;
    private readonly string sourceName;
    private long position;

    /// <param name="input">The compressed bytes, from <paramref name="startOffset"/> on.</param>
    /// <param name="sourceName">The name used in errors.</param>
    /// <param name="startOffset">The file offset of <paramref name="input"/>'s first byte (after a seek), so block offsets are the file's.</param>
    public BgzfBlockReader(Stream input, string sourceName, long startOffset = 0)
    {
        this.input = input;
        this.sourceName = sourceName;
        position = startOffset;
    }

    /// <summary>Bytes of the compressed file consumed so far; after the last block, its length.</summary>
    public long Position => Interlocked.Read(ref position);

    /// <summary>Reads the next block into <paramref name="block"/>; <c>false</c> at a clean end of file.</summary>
    /// <exception cref="InputFormatException">The block is malformed or truncated.</exception>
    public bool TryReadBlock(BgzfBlock block)
    {
        var start = position;
        var buf = block.Compressed;
        var n = ReadFully(buf.AsSpan(0, BgzfFormat.FixedHeaderLength));
        if (n == 0)
        {
            return false;
        }

        if (n < BgzfFormat.FixedHeaderLength)
        {
            throw Error(start, $"a complete BGZF block header, found end of file after {n} of {BgzfFormat.FixedHeaderLength} bytes (truncated file)");
        }

        if (buf[0] != 0x1f || buf[1] != 0x8b || buf[2] != 0x08 || (buf[3] & 0x04) == 0 || (buf[3] & 0xE0) != 0)
        {
            throw Error(start, $"a BGZF block header (1f 8b 08 04), found {buf[0]:x2} {buf[1]:x2} {buf[2]:x2} {buf[3]:x2}");
        }

        var xlen = buf[10] | (buf[11] << 8);
        if (BgzfFormat.FixedHeaderLength + xlen + BgzfFormat.TrailerLength > BgzfFormat.MaxBlockLength)
        {
            throw Error(start, $"a BGZF block header with a small extra field, found XLEN {xlen}");
        }

        n = ReadFully(buf.AsSpan(BgzfFormat.FixedHeaderLength, xlen));
        if (n < xlen)
        {
            throw Error(start, $"a complete BGZF block header, found end of file inside its extra field (truncated file)");
        }

        var payloadStart = BgzfFormat.FixedHeaderLength + xlen;
        var bsize = BgzfFormat.FindBlockSize(buf.AsSpan(BgzfFormat.FixedHeaderLength, xlen));
        if (bsize < 0)
        {
            throw Error(start, "a BGZF block header with a 'BC' extra subfield giving the block size");
        }

        // Any other gzip flag (name, comment, header CRC) would put bytes between the extra field and the payload.
        if (buf[3] != 0x04)
        {
            throw Error(start, $"a BGZF block header with FLG 04, found {buf[3]:x2}");
        }

        var length = bsize + 1;
        var minimum = payloadStart + BgzfFormat.TrailerLength;
        if (length < minimum)
        {
            throw Error(start, $"a BGZF block size (BSIZE+1) of at least {minimum} bytes, found BSIZE {bsize}");
        }

        n = ReadFully(buf.AsSpan(payloadStart, length - payloadStart));
        if (n < length - payloadStart)
        {
            throw Error(start, $"a complete BGZF block of {length} bytes, found end of file after {payloadStart + n} (truncated file)");
        }

        var isize = BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(length - 4));
        if (isize > BgzfFormat.MaxInflatedLength)
        {
            throw Error(start, $"a BGZF ISIZE of at most {BgzfFormat.MaxInflatedLength}, found {isize}");
        }

        block.Offset = start;
        block.CompressedLength = length;
        block.PayloadStart = payloadStart;
        block.ExpectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(length - 8));
        block.InflatedSize = (int)isize;
        block.OutputLength = 0;
        block.Error = null;
        return true;
    }

    private InputFormatException Error(long offset, string expected) => new(sourceName, null, offset, null, expected);

    private int ReadFully(Span<byte> dest)
    {
        var total = 0;
        while (total < dest.Length)
        {
            var n = input.Read(dest[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        Interlocked.Add(ref position, total);
        return total;
    }
}
