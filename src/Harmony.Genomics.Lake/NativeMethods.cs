using System.Runtime.InteropServices;

namespace Harmony.Genomics.Lake;

/// <summary>
/// The few POSIX calls .NET does not expose: hard links, an explicit rename(2), fsync on directories, and flock(2)'s
/// error (which .NET swallows when a file system refuses locks).
/// </summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string oldPath, string newPath);

    // open(2) is variadic; with O_RDONLY (0) no mode argument is read, so the two-argument form is safe.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fileDescriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fileDescriptor);

    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fileDescriptor, int operation);
}
