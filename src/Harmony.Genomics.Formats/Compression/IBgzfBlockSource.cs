namespace Harmony.Genomics.Formats.Compression;

/// <summary>Hands inflated BGZF blocks to the consuming stream, strictly in file order.</summary>
internal interface IBgzfBlockSource : IDisposable
{
    /// <summary>Compressed bytes consumed; after the last block, the file length.</summary>
    long CompressedPosition { get; }

    /// <summary>The next inflated block, or <c>null</c> at the end; throws the block's error in order.</summary>
    BgzfBlock? Next();

    /// <summary>Gives a block back once its output has been copied out.</summary>
    void Return(BgzfBlock block);
}
