using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Benchmarks;

/// <summary>Every BGZF block of a file, held in memory, so inflaters are timed without I/O.</summary>
internal sealed class BgzfBlocks
{
    private BgzfBlocks(List<BgzfBlock> blocks) => Blocks = blocks;

    public List<BgzfBlock> Blocks { get; }

    /// <summary>Total inflated bytes (the sum of ISIZE).</summary>
    public long InflatedBytes => Blocks.Sum(b => (long)b.InflatedSize);

    public static BgzfBlocks Read(string path)
    {
        using var input = File.OpenRead(path);
        var reader = new BgzfBlockReader(input, path);
        var blocks = new List<BgzfBlock>();
        while (true)
        {
            var block = new BgzfBlock();
            if (!reader.TryReadBlock(block))
            {
                break;
            }

            if (block.InflatedSize > 0)
            {
                blocks.Add(block);
            }
        }

        return new BgzfBlocks(blocks);
    }

    /// <summary>The engine's managed path: GZipStream (zlib-ng) per block, CRC32 and ISIZE checked by zlib.</summary>
    public long InflateManaged()
    {
        long total = 0;
        foreach (var block in Blocks)
        {
            if (!BgzfInflater.TryInflateManaged(block))
            {
                throw new InvalidDataException($"GZipStream could not inflate the block at {block.Offset}");
            }

            total += block.OutputLength;
        }

        return total;
    }

    /// <summary>libdeflate's gzip decompressor per block (it checks CRC32 and ISIZE too).</summary>
    public long InflateLibDeflate(nint decompressor)
    {
        long total = 0;
        foreach (var block in Blocks)
        {
            var n = LibDeflate.InflateGzip(decompressor, block.Compressed.AsSpan(0, block.CompressedLength), block.Output);
            if (n != block.InflatedSize)
            {
                throw new InvalidDataException($"libdeflate could not inflate the block at {block.Offset}");
            }

            total += n;
        }

        return total;
    }
}
