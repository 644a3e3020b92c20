using System.Runtime.ExceptionServices;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// One BGZF block on its way through the reader: the compressed bytes, then the inflated bytes.
/// Instances and their 64 KiB buffers are recycled, which bounds memory and avoids per-block allocation.
/// </summary>
internal sealed class BgzfBlock
{
    public byte[] Compressed { get; } = new byte[BgzfFormat.MaxBlockLength];

    public byte[] Output { get; } = new byte[BgzfFormat.MaxInflatedLength];

    /// <summary>Offset of the block's first byte in the compressed file.</summary>
    public long Offset { get; set; }

    /// <summary>BSIZE + 1.</summary>
    public int CompressedLength { get; set; }

    /// <summary>Where the deflate payload starts (after the extra field).</summary>
    public int PayloadStart { get; set; }

    public uint ExpectedCrc { get; set; }

    public int InflatedSize { get; set; }

    public int OutputLength { get; set; }

    /// <summary>The error to raise when the consumer reaches this block, so errors surface in order.</summary>
    public ExceptionDispatchInfo? Error { get; set; }

    /// <summary>Set by a worker when inflation finished (guarded by a lock on the block).</summary>
    public bool Done { get; set; }
}
