using System.Runtime.InteropServices;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// The system zlib (libz.so.1, part of every Debian system), used for plain gzip because it reports what .NET's
/// GZipStream hides: a member cut short. Only the calls needed for streaming inflation are bound.
/// </summary>
internal static unsafe partial class ZlibNative
{
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int NeedDictionary = 2;
    public const int BufferError = -5;
    public const int NoFlush = 0;

    // z_stream on LP64 Linux: 14 pointer-sized fields (zlib.h, struct z_stream_s).
    public const int StreamSize = 112;
    public const int NextInOffset = 0;
    public const int AvailInOffset = 8;
    public const int NextOutOffset = 24;
    public const int AvailOutOffset = 32;
    public const int MessageOffset = 48;

    private static readonly Lazy<bool> Available = new(Probe);

    /// <summary>Whether libz.so.1 can be loaded on this machine.</summary>
    public static bool IsAvailable => Available.Value;

    [LibraryImport("libz.so.1", EntryPoint = "inflateInit2_")]
    public static partial int InflateInit2(byte* stream, int windowBits, byte* version, int streamSize);

    [LibraryImport("libz.so.1", EntryPoint = "inflate")]
    public static partial int Inflate(byte* stream, int flush);

    [LibraryImport("libz.so.1", EntryPoint = "inflateReset")]
    public static partial int InflateReset(byte* stream);

    [LibraryImport("libz.so.1", EntryPoint = "inflateEnd")]
    public static partial int InflateEnd(byte* stream);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return false;
        }

        if (!NativeLibrary.TryLoad("libz.so.1", out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
