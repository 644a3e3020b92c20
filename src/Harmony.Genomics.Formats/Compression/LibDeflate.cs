using System.Runtime.InteropServices;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// libdeflate (Debian <c>libdeflate0</c>, which htslib and so bcftools depend on) through P/Invoke, loaded when present.
/// BGZF blocks are inflated with it when it is there (see <see cref="BgzfInflater"/>); <c>benchmarks/</c> compares it
/// with .NET's inflater block by block.
/// </summary>
internal static unsafe class LibDeflate
{
    private static readonly nint Library = Load();
    private static readonly delegate* unmanaged<nint> AllocDecompressor = (delegate* unmanaged<nint>)Export("libdeflate_alloc_decompressor");
    private static readonly delegate* unmanaged<nint, void> FreeDecompressor = (delegate* unmanaged<nint, void>)Export("libdeflate_free_decompressor");
    private static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int> GzipDecompress = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int>)Export("libdeflate_gzip_decompress");

    /// <summary>Whether libdeflate.so.0 (or libdeflate.so) could be loaded, with every function used here.</summary>
    public static bool IsAvailable => Library != 0 && AllocDecompressor != null && FreeDecompressor != null && GzipDecompress != null;

    private static readonly System.Collections.Concurrent.ConcurrentBag<nint> Idle = [];

    /// <summary>
    /// Inflates one whole gzip member (a BGZF block) with a decompressor from a shared pool, checking its CRC32 and
    /// ISIZE; returns the output length, or -1 when the member is bad or inflates to more than the output holds.
    /// </summary>
    public static int InflateGzipPooled(ReadOnlySpan<byte> member, Span<byte> output)
    {
        // A decompressor is 32 KB of state and is not thread-safe: one per block in flight, kept for reuse.
        if (!Idle.TryTake(out var decompressor))
        {
            decompressor = NewDecompressor();
        }

        try
        {
            return InflateGzip(decompressor, member, output);
        }
        finally
        {
            Idle.Add(decompressor);
        }
    }

    /// <summary>A decompressor handle (not thread-safe: one per thread).</summary>
    public static nint NewDecompressor() => IsAvailable ? AllocDecompressor() : throw new InvalidOperationException("libdeflate is not installed (Debian: libdeflate0)");

    public static void Free(nint decompressor)
    {
        if (decompressor != 0)
        {
            FreeDecompressor(decompressor);
        }
    }

    /// <summary>Inflates a whole gzip member, checking its CRC32 and ISIZE; returns the output length, or -1.</summary>
    public static int InflateGzip(nint decompressor, ReadOnlySpan<byte> member, Span<byte> output)
    {
        nuint written;
        fixed (byte* input = member)
        fixed (byte* outputPointer = output)
        {
            return GzipDecompress(decompressor, input, (nuint)member.Length, outputPointer, (nuint)output.Length, &written) == 0 ? (int)written : -1;
        }
    }

    private static nint Load()
    {
        foreach (var name in new[] { "libdeflate.so.0", "libdeflate.so" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static nint Export(string name) => Library != 0 && NativeLibrary.TryGetExport(Library, name, out var address) ? address : 0;
}
