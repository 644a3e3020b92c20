using System.Runtime.InteropServices;

namespace Harmony.Genomics.Lake;

/// <summary>
/// The few POSIX calls .NET does not expose: hard links, an explicit rename(2), fsync on directories, flock(2)'s
/// error (which .NET swallows when a file system refuses locks), and the calls relative to an open folder with which a
/// snapshot of thousands of files is linked and removed without looking each path up from the root.
/// </summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LinkAt(int oldFolder, string oldName, int newFolder, string newName, int flags);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MakeDirectoryAt(int folder, string name, uint mode);

    internal const int RemoveDirectory = 0x200; // AT_REMOVEDIR

    internal const int CurrentFolder = -100; // AT_FDCWD: a relative name is taken from the working folder

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int folder, string name, int flags);

    internal const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on every Linux architecture .NET runs on

    internal const int NoSuchEntry = 2; // ENOENT

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string oldPath, string newPath);

    // open(2) is variadic; with O_RDONLY (0) no mode argument is read, so the two-argument form is safe.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fileDescriptor);

    internal const uint SyncFileRangeWrite = 2; // SYNC_FILE_RANGE_WRITE: start writing the range's dirty pages, do not wait

    // Linux only (not in POSIX).
    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    internal static partial int SyncFileRange(int fileDescriptor, long offset, long count, uint flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fileDescriptor);

    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fileDescriptor, int operation);
}
