using System.Runtime.ExceptionServices;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// One BGZF block on its way through the reader: the compressed bytes, then the inflated bytes.
/// Instances and their 64 KiB buffers are recycled, which bounds memory and avoids per-block allocation.
/// </summary>
internal sealed class BgzfBlock
{
    // The buffers live as long as the reader: on the pinned heap, no compacting collection copies them (the first
    // collection of an ingest moved the 4 MiB of a two-worker pool from the young generation, about 6 ms at start), and
    // unzeroed, as every byte read is written first (the reader fills Compressed, the inflater Output, up to their lengths).
    public byte[] Compressed { get; } = GC.AllocateUninitializedArray<byte>(BgzfFormat.MaxBlockLength, pinned: true);

    public byte[] Output { get; } = GC.AllocateUninitializedArray<byte>(BgzfFormat.MaxInflatedLength, pinned: true);

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
