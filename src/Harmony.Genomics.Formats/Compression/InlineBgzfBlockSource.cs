namespace Harmony.Genomics.Formats.Compression;

/// <summary>Reads and inflates each block on the caller's thread (Threads == 1).</summary>
internal sealed class InlineBgzfBlockSource : IBgzfBlockSource
{
    private readonly BgzfBlockReader reader;
    private readonly Stream input;
    private readonly string sourceName;
    private readonly BgzfBlock block = new();

    public InlineBgzfBlockSource(Stream input, string sourceName)
    {
        this.input = input;
        this.sourceName = sourceName;
        reader = new BgzfBlockReader(input, sourceName);
    }

    public long CompressedPosition => reader.Position;

    public BgzfBlock? Next()
    {
        if (!reader.TryReadBlock(block))
        {
            return null;
        }

        BgzfInflater.Inflate(block, sourceName);
        return block;
    }

    public void Return(BgzfBlock block)
    {
    }

    public void Dispose() => input.Dispose();
}
