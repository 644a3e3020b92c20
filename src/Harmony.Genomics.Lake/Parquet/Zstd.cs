using System.Reflection;
using System.Runtime.InteropServices;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// Zstandard compression of Parquet pages through P/Invoke: the system's libzstd (Debian <c>libzstd1</c>, which dpkg
/// itself depends on) when present, else the copy ParquetSharp's native library carries and exports.
/// </summary>
internal static unsafe class Zstd
{
    private static readonly nint Library = Load();
    private static readonly delegate* unmanaged<nint> CreateContext = (delegate* unmanaged<nint>)Export("ZSTD_createCCtx");
    private static readonly delegate* unmanaged<nint, nuint> FreeContext = (delegate* unmanaged<nint, nuint>)Export("ZSTD_freeCCtx");
    private static readonly delegate* unmanaged<nuint, nuint> CompressBound = (delegate* unmanaged<nuint, nuint>)Export("ZSTD_compressBound");
    private static readonly delegate* unmanaged<nuint, uint> IsError = (delegate* unmanaged<nuint, uint>)Export("ZSTD_isError");
    private static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int, nuint> CompressContext =
        (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int, nuint>)Export("ZSTD_compressCCtx");

    /// <summary>Whether a zstd library with every function used here could be loaded.</summary>
    public static bool IsAvailable => Library != 0 && CreateContext != null && FreeContext != null && CompressBound != null && IsError != null && CompressContext != null;

    /// <summary>A compression context (not thread-safe: one per writer).</summary>
    public static nint NewContext() => IsAvailable ? CreateContext() : throw new InvalidOperationException("no zstd library could be loaded (Debian: libzstd1)");

    public static void Free(nint context)
    {
        if (context != 0)
        {
            FreeContext(context);
        }
    }

    public static int MaxCompressedLength(int length) => checked((int)CompressBound((nuint)length));

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/>; returns the compressed length.</summary>
    public static int Compress(nint context, ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        nuint written;
        fixed (byte* input = source)
        fixed (byte* output = destination)
        {
            written = CompressContext(context, output, (nuint)destination.Length, input, (nuint)source.Length, level);
        }

        return IsError(written) != 0 ? throw new InvalidOperationException("zstd could not compress a Parquet page") : checked((int)written);
    }

    private static nint Load()
    {
        foreach (var name in new[] { "libzstd.so.1", "libzstd.so" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        // ParquetSharp's own native library links zstd statically and exports it.
        return NativeLibrary.TryLoad("ParquetSharpNative", typeof(ParquetSharp.ParquetFileWriter).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories, out var own) ? own : 0;
    }

    private static nint Export(string name) => Library != 0 && NativeLibrary.TryGetExport(Library, name, out var address) ? address : 0;
}
