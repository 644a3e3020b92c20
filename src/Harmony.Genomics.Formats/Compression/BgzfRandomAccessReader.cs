namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// Reads a BGZF file from any virtual offset (SAMv1 §4.1: compressed block offset &lt;&lt; 16 | offset inside the
/// inflated block), one block at a time, for index-driven region queries. Reuses the forward reader's block checks
/// and the inflater.
/// </summary>
internal sealed class BgzfRandomAccessReader : IDisposable
{
    private readonly Stream file;
    private readonly string sourceName;
    private readonly BgzfBlock block = new();
    private long blockOffset = -1;
    private long nextBlockOffset;
    private int position;
    private bool atEnd;

    /// <param name="file">A seekable stream of the compressed file; owned by the reader.</param>
    /// <param name="sourceName">The name used in errors.</param>
    public BgzfRandomAccessReader(Stream file, string sourceName)
    {
        if (!file.CanSeek)
        {
            throw new ArgumentException("random access needs a seekable stream", nameof(file));
        }

        this.file = file;
        this.sourceName = sourceName;
    }

    /// <summary>The virtual offset of the next byte; at a block's end, the start of the next block.</summary>
    public long VirtualOffset
    {
        get
        {
            if (blockOffset < 0)
            {
                return 0;
            }

            return position < block.OutputLength || atEnd ? (blockOffset << 16) | (uint)position : nextBlockOffset << 16;
        }
    }

    /// <summary>Moves to <paramref name="virtualOffset"/>.</summary>
    public void Seek(long virtualOffset)
    {
        var compressed = virtualOffset >>> 16;
        var inBlock = (int)(virtualOffset & 0xFFFF);
        if (compressed != blockOffset || atEnd)
        {
            Load(compressed);
        }

        if (inBlock > block.OutputLength)
        {
            throw new Core.InputFormatException(sourceName, null, compressed, null, $"an index offset inside the BGZF block at {compressed} (at most {block.OutputLength}), found {inBlock}; is the index stale?");
        }

        position = inBlock;
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length, stopping before <paramref name="endVirtualOffset"/>.</summary>
    /// <returns>The bytes read; 0 at <paramref name="endVirtualOffset"/> or the end of the file.</returns>
    public int Read(Span<byte> destination, long endVirtualOffset = long.MaxValue)
    {
        if (blockOffset < 0)
        {
            Load(0);
        }

        while (position == block.OutputLength)
        {
            if (atEnd || (nextBlockOffset << 16) >= endVirtualOffset)
            {
                return 0;
            }

            Load(nextBlockOffset);
        }

        if (VirtualOffset >= endVirtualOffset)
        {
            return 0;
        }

        var available = block.OutputLength - position;
        if (blockOffset == endVirtualOffset >>> 16)
        {
            available = Math.Min(available, (int)(endVirtualOffset & 0xFFFF) - position);
        }

        var n = Math.Min(available, destination.Length);
        block.Output.AsSpan(position, n).CopyTo(destination);
        position += n;
        return n;
    }

    /// <summary>Reads one byte; -1 at the end of the file.</summary>
    public int ReadByte()
    {
        if (blockOffset >= 0 && position < block.OutputLength)
        {
            return block.Output[position++];
        }

        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public void Dispose() => file.Dispose();

    private void Load(long offset)
    {
        file.Position = offset;
        var reader = new BgzfBlockReader(file, sourceName, offset);
        blockOffset = offset;
        position = 0;
        if (!reader.TryReadBlock(block))
        {
            atEnd = true;
            block.OutputLength = 0;
            nextBlockOffset = offset;
            return;
        }

        atEnd = false;
        BgzfInflater.Inflate(block, sourceName);
        nextBlockOffset = offset + block.CompressedLength;
    }
}
