using System.Globalization;

namespace Harmony.Genomics.Core;

/// <summary>How many worker threads a job may use by default.</summary>
public static class ProcessorBudget
{
    /// <summary>
    /// The CPUs this process may use (<see cref="Environment.ProcessorCount"/> honours affinity and cgroup limits),
    /// capped by <c>SLURM_CPUS_PER_TASK</c> when a Slurm job sets it.
    /// </summary>
    public static int DefaultThreads() => DefaultThreads(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="DefaultThreads()"/>, reading the environment through <paramref name="getEnvironmentVariable"/>.</summary>
    public static int DefaultThreads(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var cpus = Environment.ProcessorCount;
        var slurm = getEnvironmentVariable("SLURM_CPUS_PER_TASK");
        if (int.TryParse(slurm, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            cpus = Math.Min(cpus, n);
        }

        return Math.Max(1, cpus);
    }
}
