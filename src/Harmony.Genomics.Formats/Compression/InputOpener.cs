namespace Harmony.Genomics.Formats.Compression;

/// <summary>Opens an input file or standard input, sniffing plain, gzip or BGZF from its first bytes.</summary>
public static class InputOpener
{
    /// <summary>Opens <paramref name="path"/>; <c>-</c> means standard input. The format comes from the content, never the file name.</summary>
    /// <param name="path">A file path, or <c>-</c> for standard input.</param>
    /// <param name="options">Threads and strictness.</param>
    /// <returns>The decompressed input; the caller disposes it.</returns>
    public static DecompressedInput Open(string path, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return Open(stream, path, options);
    }

    /// <summary>Opens an already-open stream, which need not be seekable. The returned object owns <paramref name="stream"/>.</summary>
    /// <param name="stream">The raw input.</param>
    /// <param name="sourceName">The name used in error messages (<c>-</c> for standard input).</param>
    /// <param name="options">Threads and strictness.</param>
    /// <returns>The decompressed input; the caller disposes it.</returns>
    public static DecompressedInput Open(Stream stream, string sourceName, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, nameof(options));
            return OpenCore(stream, sourceName, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static DecompressedInput OpenCore(Stream stream, string sourceName, InputOptions options)
    {
        var counter = new CountingStream(stream);

        // Peek the gzip header and its extra field; pipes cannot seek back, so these bytes are replayed.
        var head = new byte[BgzfFormat.FixedHeaderLength + ushort.MaxValue];
        var length = ReadFully(counter, head.AsSpan(0, BgzfFormat.FixedHeaderLength));
        var compression = InputCompression.Plain;
        if (BgzfFormat.IsGzipMagic(head.AsSpan(0, length)))
        {
            compression = InputCompression.Gzip;
            if (length == BgzfFormat.FixedHeaderLength && (head[3] & 0x04) != 0)
            {
                var xlen = head[10] | (head[11] << 8);
                var extra = ReadFully(counter, head.AsSpan(length, xlen));
                if (BgzfFormat.FindBlockSize(head.AsSpan(length, extra)) >= 0)
                {
                    compression = InputCompression.Bgzf;
                }

                length += extra;
            }
        }

        var raw = new PrefixedStream(head, length, counter);
        Stream decompressed = compression switch
        {
            // The system zlib reports a truncated member; .NET's GZipStream (the fallback) silently stops early.
            InputCompression.Gzip => ZlibNative.IsAvailable ? new ZlibGzipStream(raw, sourceName) : new GzipInputStream(raw, counter, sourceName),
            InputCompression.Bgzf => new BgzfReadStream(CreateBlockSource(raw, sourceName, options.Threads), sourceName, options),
            _ => raw,
        };
        return new DecompressedInput(sourceName, compression, decompressed, counter);
    }

    private static IBgzfBlockSource CreateBlockSource(Stream raw, string sourceName, int threads)
    {
        // Block headers are read in small pieces; a buffer keeps those from becoming system calls on pipes.
        var buffered = new BufferedStream(raw, 1 << 17);
        return threads == 1
            ? new InlineBgzfBlockSource(buffered, sourceName)
            : new ParallelBgzfBlockSource(buffered, sourceName, threads);
    }

    private static int ReadFully(Stream stream, Span<byte> dest)
    {
        var total = 0;
        while (total < dest.Length)
        {
            var n = stream.Read(dest[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
