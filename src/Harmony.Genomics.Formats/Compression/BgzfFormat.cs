namespace Harmony.Genomics.Formats.Compression;

/// <summary>Constants of the BGZF layout (SAM/BAM specification, section 4.1).</summary>
internal static class BgzfFormat
{
    /// <summary>Fixed gzip header bytes before the extra field: ID1 ID2 CM FLG MTIME(4) XFL OS XLEN(2).</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>CRC32 and ISIZE after the deflate payload.</summary>
    public const int TrailerLength = 8;

    /// <summary>A whole block (BSIZE + 1) and an inflated block both fit in 64 KiB.</summary>
    public const int MaxBlockLength = 65536;

    /// <summary>The most uncompressed bytes a block may hold.</summary>
    public const int MaxInflatedLength = 65536;

    /// <summary>The standard end-of-file marker: an empty block, 28 bytes.</summary>
    public static ReadOnlySpan<byte> EofMarker =>
    [
        0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
        0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>Whether the first three bytes are the gzip magic with the deflate method.</summary>
    public static bool IsGzipMagic(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 0x08;

    /// <summary>Finds the 'BC' subfield (SLEN 2) in a gzip extra field and returns BSIZE, or -1.</summary>
    public static int FindBlockSize(ReadOnlySpan<byte> extra)
    {
        var i = 0;
        while (i + 4 <= extra.Length)
        {
            var slen = extra[i + 2] | (extra[i + 3] << 8);
            if (extra[i] == (byte)'B' && extra[i + 1] == (byte)'C' && slen == 2 && i + 6 <= extra.Length)
            {
                return extra[i + 4] | (extra[i + 5] << 8);
            }

            i += 4 + slen;
        }

        return -1;
    }
}
