using System.Runtime.InteropServices;
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

    /// <summary>Hard-links a file (no bytes copied), falling back to a copy where the file system refuses links.</summary>
    internal static void LinkOrCopy(string existingPath, string newPath)
    {
        if (NativeMethods.Link(existingPath, newPath) == 0)
        {
            return;
        }

        // EXDEV, EPERM (some FUSE and SMB mounts) and the like: a copy is slower but equally correct.
        File.Copy(existingPath, newPath, overwrite: false);
        Flush(newPath);
    }

    /// <summary>
    /// Deletes a folder and everything in it, as Directory.Delete(path, true) does (a symbolic link is removed, never
    /// followed), without the enumerator that call jits at the end of every run in the precompiled build.
    /// </summary>
    internal static void DeleteTree(string path)
    {
        foreach (var entry in new DirectoryInfo(path).GetFileSystemInfos())
        {
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                DeleteTree(entry.FullName);
            }
            else
            {
                // A file, or a link (to a folder too): unlink(2).
                File.Delete(entry.FullName);
            }
        }

        Directory.Delete(path);
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
