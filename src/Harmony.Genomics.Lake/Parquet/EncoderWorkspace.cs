namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// The working memory of the Parquet encoders on one thread: page body, compressed page, page header, dictionary page,
/// level and index scratch, and the zstd context. A writer thread encodes one page at a time whatever the file, so its
/// files share one set, touched once per run instead of once per file.
/// </summary>
/// <remarks>
/// Fresh memory is what an ingest pays for beyond its own work: the kernel zeroes every page on first touch (about
/// 1.7 ms per MiB on this project's VMs), and on workload a that zeroing was a sixth of all CPU. Each encoder owning its
/// buffers (1 MiB body, 1 MiB compressed, 1 MiB file buffer) put several MiB of first touches behind every file.
/// </remarks>
internal sealed class EncoderWorkspace : IDisposable
{
    private nint _zstd;

    public ByteSink Body { get; } = new(1 << 20);

    public ByteSink Compressed { get; } = new(1 << 20);

    public ByteSink Header { get; } = new(256);

    public ByteSink DictionaryPage { get; } = new(1 << 16);

    public byte[] Repetition = [];
    public byte[] Definition = [];
    public int[] Indexes = [];
    public long[] Longs = [];
    public byte[] Booleans = [];

    /// <summary>The zstd context, made on first use (a thread may write no Parquet at all).</summary>
    public nint Zstd => _zstd != 0 ? _zstd : _zstd = Parquet.Zstd.NewContext();

    public void Dispose()
    {
        Parquet.Zstd.Free(_zstd);
        _zstd = 0;
        Body.Release();
        Compressed.Release();
        Header.Release();
        DictionaryPage.Release();
    }
}
