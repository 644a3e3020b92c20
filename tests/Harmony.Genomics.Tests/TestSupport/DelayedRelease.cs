namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// Lets go of a lake lock (or anything held) after a delay, from a thread of its own: a pool task's release could come
/// tens of seconds late on a loaded machine, when every pool thread was busy with the tests running beside it (a lock
/// released by a pool task after 300 ms was still held 30 s on).
/// </summary>
internal static class DelayedRelease
{
    /// <summary>Starts the thread that disposes <paramref name="holder"/> after <paramref name="delay"/>; join it when done.</summary>
    public static Thread After(TimeSpan delay, IDisposable holder)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(delay);
            holder.Dispose();
        })
        { IsBackground = true, Name = "test lock release" };
        thread.Start();
        return thread;
    }
}
