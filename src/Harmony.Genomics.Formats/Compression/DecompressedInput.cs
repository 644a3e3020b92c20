namespace Harmony.Genomics.Formats.Compression;

/// <summary>An opened input: its decompressed bytes and what was found about it. Disposing it closes the source.</summary>
public sealed class DecompressedInput : IDisposable
{
    private readonly CountingStream counter;

    internal DecompressedInput(string sourceName, InputCompression compression, Stream stream, CountingStream counter)
    {
        SourceName = sourceName;
        Compression = compression;
        Stream = stream;
        this.counter = counter;
    }

    /// <summary>The file name, or <c>-</c> for standard input; used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The compression sniffed from the first bytes.</summary>
    public InputCompression Compression { get; }

    /// <summary>
    /// The decompressed bytes: readable, forward-only, not seekable. Reads raise
    /// <see cref="Harmony.Genomics.Core.InputFormatException"/> for corrupt input, after every byte before the fault.
    /// </summary>
    public Stream Stream { get; }

    /// <summary>Compressed bytes read from the source so far (including read-ahead), for progress; safe to read from any thread.</summary>
    public long CompressedBytesRead => counter.BytesRead;

    /// <summary>The count of compressed bytes, for wrappers that replace <see cref="Stream"/>.</summary>
    internal CountingStream Counter => counter;

    /// <summary>Stops any inflation threads and closes the source.</summary>
    public void Dispose() => Stream.Dispose();
}
