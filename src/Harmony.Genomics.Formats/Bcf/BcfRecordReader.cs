using System.Buffers.Binary;
using System.Text;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Bcf;

/// <summary>
/// The framing of a decompressed BCF 2.1 or 2.2 stream (VCF 4.4 §6.2, §6.3): the magic and embedded header, then
/// records of l_shared and l_indiv bytes. Neither decodes nor renders the records; it hands out their bytes.
/// </summary>
/// <remarks>
/// Errors raise <see cref="InputFormatException"/> with the byte offset into the decompressed BCF and the column
/// <c>BCF record N</c> (1-based).
/// </remarks>
internal sealed class BcfRecordReader
{
    private readonly Stream input;
    private readonly string sourceName;
    private long inputOffset;

    public BcfRecordReader(Stream decompressedBcf, string sourceName)
    {
        input = decompressedBcf;
        this.sourceName = sourceName;
    }

    /// <summary>The records read so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>The bytes of the decompressed BCF consumed so far.</summary>
    public long BytesConsumed => inputOffset;

    /// <summary>The magic, l_text and header text as read by <see cref="ReadHeader"/>, for a filter that passes them on.</summary>
    public byte[] HeaderBytes { get; private set; } = [];

    /// <summary>Reads the magic and the embedded header; call once, first.</summary>
    public BcfHeaderDictionary ReadHeader()
    {
        // VCF 4.4 §6.2: magic "BCF" 2 minor, then l_text (uint32) and the NUL-terminated header text.
        Span<byte> head = stackalloc byte[9];
        var n = ReadFully(head);
        if (n < 9 || !BcfToVcfTextStream.IsBcf(head) || head[4] is not (1 or 2))
        {
            throw new InputFormatException(sourceName, null, 0, null, $"a BCF 2.1 or 2.2 header (magic 'BCF' 02 01 or 02 02 and l_text), found {n} bytes: {Convert.ToHexString(head[..n])}");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(head[5..]);
        if (length > int.MaxValue)
        {
            throw new InputFormatException(sourceName, null, 5, null, $"a BCF header length below 2 GiB, found {length}");
        }

        var text = new byte[length];
        if (ReadFully(text) < text.Length)
        {
            throw new InputFormatException(sourceName, null, inputOffset, null, $"a BCF header of {length} bytes, found end of file (truncated file)");
        }

        HeaderBytes = [.. head, .. text];
        var end = Array.IndexOf(text, (byte)0);
        return BcfHeaderDictionary.Parse(Encoding.UTF8.GetString(text, 0, end < 0 ? text.Length : end));
    }

    /// <summary>
    /// Reads the next record into <paramref name="buffer"/> (grown as needed): its shared part, then its per-sample part.
    /// False at the end of the input.
    /// </summary>
    /// <param name="buffer">Receives l_shared then l_indiv bytes.</param>
    /// <param name="shared">l_shared.</param>
    /// <param name="indiv">l_indiv.</param>
    /// <param name="offset">The record's offset in the decompressed BCF.</param>
    public bool ReadRecord(ref byte[] buffer, out int shared, out int indiv, out long offset)
    {
        offset = inputOffset;
        shared = indiv = 0;
        Span<byte> lengths = stackalloc byte[8];
        var n = ReadFully(lengths);
        if (n == 0)
        {
            return false;
        }

        if (n < 8)
        {
            throw Error(offset, $"l_shared and l_indiv (8 bytes), found end of file after {n} (truncated file)");
        }

        var sharedLength = BinaryPrimitives.ReadUInt32LittleEndian(lengths);
        var indivLength = BinaryPrimitives.ReadUInt32LittleEndian(lengths[4..]);
        if ((long)sharedLength + indivLength > int.MaxValue - 64)
        {
            throw Error(offset, $"a BCF record below 2 GiB, found l_shared {sharedLength} and l_indiv {indivLength}");
        }

        // The buffer grows only as bytes arrive, so corrupt lengths cannot make it allocate gigabytes up front.
        var total = (int)(sharedLength + indivLength);
        if (buffer.Length == 0)
        {
            buffer = new byte[Math.Min(total, 1 << 16)];
        }

        var filled = 0;
        while (filled < total)
        {
            if (buffer.Length == filled)
            {
                Array.Resize(ref buffer, (int)Math.Min(total, buffer.Length * 2L));
            }

            var read = ReadFully(buffer.AsSpan(filled, Math.Min(total, buffer.Length) - filled));
            filled += read;
            if (read == 0)
            {
                throw Error(offset, $"a BCF record of {total} bytes after its lengths, found end of file after {filled} (truncated file)");
            }
        }

        shared = (int)sharedLength;
        indiv = (int)indivLength;
        RecordsRead++;
        return true;
    }

    private InputFormatException Error(long offset, string expected) =>
        new(sourceName, null, offset, $"BCF record {RecordsRead + 1}", expected);

    private int ReadFully(Span<byte> dest)
    {
        var total = input.ReadAtLeast(dest, dest.Length, throwOnEndOfStream: false);
        inputOffset += total;
        return total;
    }
}
