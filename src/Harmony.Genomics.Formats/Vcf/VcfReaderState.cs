namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// What a <see cref="Utf8VcfReader"/> carries from one buffer to the next, as <c>JsonReaderState</c> does:
/// the line count, the byte offset and a scratch buffer for lines that span buffer segments.
/// </summary>
public sealed class VcfReaderState
{
    /// <summary>Creates a state for a new input.</summary>
    /// <param name="maxLineLength">The longest line accepted, in bytes; a longer line is an error, not an unbounded allocation.</param>
    public VcfReaderState(int maxLineLength = 256 << 20) => MaxLineLength = maxLineLength;

    /// <summary>The longest line accepted, in bytes.</summary>
    public int MaxLineLength { get; }

    /// <summary>The number of lines read so far.</summary>
    public long LinesRead { get; internal set; }

    /// <summary>The byte offset, in the decompressed text, of the first byte not yet consumed.</summary>
    public long BytesConsumed { get; internal set; }

    internal byte[] Scratch { get; set; } = new byte[4096];
}
