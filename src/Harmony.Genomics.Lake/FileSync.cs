using System.IO.Enumeration;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake;

/// <summary>Durability helpers: a rename is only crash-safe once the data it publishes and the directory entries are on disk.</summary>
internal static class FileSync
{
    /// <summary>Flushes a file or a directory (its entries) to disk. Works on read-only descriptors on Linux.</summary>
    internal static void Flush(string path)
    {
        var fd = NativeMethods.Open(path, 0);
        if (fd < 0)
        {
            throw new HarmonyException($"Cannot open '{path}' to flush it to disk: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0)
            {
                throw new HarmonyException($"Cannot flush '{path}' to disk: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    /// <summary>Flushes every directory of a tree, so that the entries created in it (hard links, moved files) survive a power cut.</summary>
    internal static void FlushDirectoryTree(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            Flush(dir);
        }

        Flush(root);
    }

    /// <summary>
    /// Hard-links every file under <paramref name="sourceRoot"/> into <paramref name="targetRoot"/> (created), with
    /// the same folders; <paramref name="skipTopLevelFile"/> is left out. Each folder is created once and each file
    /// linked relative to its open folder: a commit links every file of the lake, and a lookup of both paths from the
    /// root plus a create-folder call per file had cost more than the links themselves.
    /// </summary>
    internal static void LinkTree(string sourceRoot, string targetRoot, string? skipTopLevelFile)
    {
        Directory.CreateDirectory(targetRoot);
        LinkFolder(sourceRoot, targetRoot, skipTopLevelFile);
    }

    private static void LinkFolder(string source, string target, string? skipFile)
    {
        var sourceFolder = OpenFolder(source);
        try
        {
            var targetFolder = OpenFolder(target);
            try
            {
                foreach (var entry in Entries(source))
                {
                    var name = EntryName(entry, out var isFolder);
                    if (isFolder)
                    {
                        if (NativeMethods.MakeDirectoryAt(targetFolder, name, 0b111_111_111) != 0)
                        {
                            throw new IOException($"Cannot create the folder '{Path.Combine(target, name)}': {Marshal.GetLastPInvokeErrorMessage()}");
                        }

                        LinkFolder(Path.Combine(source, name), Path.Combine(target, name), skipFile: null);
                    }
                    else if (name != skipFile && NativeMethods.LinkAt(sourceFolder, name, targetFolder, name, 0) != 0)
                    {
                        // EXDEV, EPERM (some FUSE and SMB mounts) and the like: a copy is slower but equally correct.
                        var copy = Path.Combine(target, name);
                        File.Copy(Path.Combine(source, name), copy, overwrite: false);
                        Flush(copy);
                    }
                }
            }
            finally
            {
                _ = NativeMethods.Close(targetFolder);
            }
        }
        finally
        {
            _ = NativeMethods.Close(sourceFolder);
        }
    }

    /// <summary>
    /// Deletes a folder and everything in it, as Directory.Delete(path, true) does (a symbolic link is removed, never
    /// followed), each entry relative to its open folder and without a stat per file. With
    /// <paramref name="othersMayDelete"/> (old snapshots, which every committing run tidies once it has released the
    /// lake) entries already gone are skipped: nothing is ever added to such a tree, so whoever removes the last entry
    /// of a folder finds it empty.
    /// </summary>
    internal static void DeleteTree(string path, bool othersMayDelete = false)
    {
        int folder;
        List<string> entries;
        try
        {
            entries = Entries(path);
            folder = OpenFolder(path);
        }
        catch (DirectoryNotFoundException) when (othersMayDelete)
        {
            return;
        }

        try
        {
            foreach (var entry in entries)
            {
                var name = EntryName(entry, out var isFolder);
                if (isFolder)
                {
                    DeleteTree(Path.Combine(path, name), othersMayDelete);
                }
                else if (NativeMethods.UnlinkAt(folder, name, 0) != 0 && !(othersMayDelete && Marshal.GetLastPInvokeError() == NativeMethods.NoSuchEntry))
                {
                    throw new IOException($"Cannot remove '{Path.Combine(path, name)}': {Marshal.GetLastPInvokeErrorMessage()}");
                }
            }
        }
        finally
        {
            _ = NativeMethods.Close(folder);
        }

        if (NativeMethods.UnlinkAt(NativeMethods.CurrentFolder, path, NativeMethods.RemoveDirectory) != 0
            && !(othersMayDelete && Marshal.GetLastPInvokeError() == NativeMethods.NoSuchEntry))
        {
            throw new IOException($"Cannot remove the folder '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private static int OpenFolder(string path)
    {
        var fd = NativeMethods.Open(path, NativeMethods.CloseOnExec);
        if (fd < 0)
        {
            var message = $"Cannot open the folder '{path}': {Marshal.GetLastPInvokeErrorMessage()}";
            throw Marshal.GetLastPInvokeError() == NativeMethods.NoSuchEntry ? new DirectoryNotFoundException(message) : new IOException(message);
        }

        return fd;
    }

    // A folder's entries as names, a folder's with a trailing '/', from the directory listing alone: no stat per file
    // where the file system reports entry types (ext4, XFS, NFS, Lustre do). A symbolic link is a file here, whatever
    // it points to, so that a link to a folder is removed, never followed. Hidden (dot) entries included.
    private static List<string> Entries(string path)
    {
        var entries = new FileSystemEnumerable<string>(
            path,
            (ref FileSystemEntry entry) => entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0 ? entry.FileName.ToString() + "/" : entry.FileName.ToString(),
            AllEntries);
        return [.. entries];
    }

    private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    private static string EntryName(string entry, out bool isFolder)
    {
        isFolder = entry.EndsWith('/');
        return isFolder ? entry[..^1] : entry;
    }

    /// <summary>
    /// Asks Linux to start writing a file's bytes from <paramref name="offset"/> on to disk now, without waiting (RocksDB's
    /// <c>bytes_per_sync</c>): a Parquet part written batch by batch is then mostly on disk by the time the commit flushes
    /// it, instead of all of it waiting for that flush at the end of the run. Only a hint: errors are left to the flush,
    /// and other systems skip it. The written bytes must have left the stream's buffer. Returns whether Linux took it.
    /// </summary>
    internal static bool StartWriteback(SafeFileHandle file, long offset, long count)
    {
        if (count <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return NativeMethods.SyncFileRange((int)file.DangerousGetHandle(), offset, count, NativeMethods.SyncFileRangeWrite) == 0;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>rename(2): atomically replaces <paramref name="newPath"/> (a file or a symbolic link) with <paramref name="oldPath"/>.</summary>
    internal static void RenameOver(string oldPath, string newPath)
    {
        if (NativeMethods.Rename(oldPath, newPath) != 0)
        {
            throw new HarmonyException($"Cannot rename '{oldPath}' to '{newPath}': {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
