namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>The names of this process's threads, as Linux shows them in /proc (at most 15 bytes each).</summary>
internal static class ProcessThreads
{
    public static List<string> Names()
    {
        var names = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).Trim());
            }
            catch (IOException)
            {
                // The thread ended while the tasks were listed.
            }
        }

        return names;
    }
}
