namespace Harmony.Genomics.Engine;

/// <summary>A copy of a non-seekable input (standard input) in a temporary file, deleted on dispose.</summary>
internal sealed class SpooledInput : IDisposable
{
    private SpooledInput(string path) => Path = path;

    public string Path { get; }

    public static SpooledInput FromStream(Stream stream)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"harmony-stdin-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var spool = new SpooledInput(path);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            stream.CopyTo(file, 1 << 20);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless; the ingest result matters more.
        }
    }
}
