namespace Harmony.Genomics.Lake;

/// <summary>
/// A file held open exclusively as a lock: flock(2) through <see cref="FileShare.None"/> keeps other processes out and
/// is dropped by the kernel when the process dies; a process-wide registry keeps out this process's other holders,
/// which NFS's POSIX locks would let in (they never conflict within one process).
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

        try
        {
            return new LockFile(full, mode);
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
