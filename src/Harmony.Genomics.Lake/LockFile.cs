namespace Harmony.Genomics.Lake;

/// <summary>
/// A file held open exclusively as a lock: flock(2) through <see cref="FileShare.None"/> keeps other processes out and
/// is dropped by the kernel when the process dies; a process-wide registry keeps out this process's other holders,
/// which NFS's POSIX locks would let in (they never conflict within one process). A file system that refuses flock is
/// refused in turn (<see cref="RefuseUnenforced"/>).
/// </summary>
internal sealed class LockFile : FileStream
{
    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);
    private readonly string _path;
    private bool _released;

    private LockFile(string path, FileMode mode)
        : base(path, mode, FileAccess.ReadWrite, FileShare.None)
    {
        _path = path;
    }

    /// <summary>Opens <paramref name="path"/> and locks it, or returns null when this process or another holds it.</summary>
    /// <exception cref="IOException">With <see cref="FileMode.CreateNew"/>: the file exists already.</exception>
    public static LockFile? TryHold(string path, FileMode mode)
    {
        var full = Path.GetFullPath(path);
        lock (HeldHere)
        {
            if (!HeldHere.Add(full))
            {
                return null;
            }
        }

        LockFile held;
        try
        {
            held = new LockFile(full, mode);
        }
        catch (IOException) when (mode != FileMode.CreateNew)
        {
            Forget(full);
            return null;
        }
        catch
        {
            Forget(full);
            throw;
        }

        try
        {
            RefuseUnenforced(held.SafeFileHandle, full);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return held;
    }

    /// <summary>
    /// Throws when the file system refuses flock(2) on the lock file just opened: .NET then opens it without a lock,
    /// silently (Lustre mounted without -o flock, some network file systems), and its holders would not be kept apart.
    /// Taking the lock again on the same descriptor succeeds wherever flock works (NFS included).
    /// </summary>
    internal static void RefuseUnenforced(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        if (NativeMethods.Flock((int)handle.DangerousGetHandle(), NativeMethods.LockExclusive | NativeMethods.LockNonBlocking) != 0)
        {
            throw new Core.HarmonyException(
                $"The file system of '{path}' refuses file locks (flock: {System.Runtime.InteropServices.Marshal.GetLastPInvokeErrorMessage()}), which keep the lake's writers apart; use a lake folder on a file system that has them (on Lustre, a mount with -o flock).");
        }
    }

    /// <summary>Whether a live holder, in this process or another, holds <paramref name="path"/> (a missing file: none).</summary>
    public static bool IsHeld(string path)
    {
        var full = Path.GetFullPath(path);
        lock (HeldHere)
        {
            if (HeldHere.Contains(full))
            {
                return true;
            }
        }

        try
        {
            using var probe = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_released)
        {
            _released = true;
            Forget(_path);
        }
    }

    private static void Forget(string path)
    {
        lock (HeldHere)
        {
            HeldHere.Remove(path);
        }
    }
}
