using System.Globalization;

namespace Harmony.Genomics.Core;

/// <summary>How many worker threads a job may use by default.</summary>
public static class ProcessorBudget
{
    /// <summary>
    /// The CPUs this process may use (<see cref="Environment.ProcessorCount"/> honours affinity and cgroup limits),
    /// lowered to <c>SLURM_CPUS_PER_TASK</c> when a Slurm job sets a smaller value.
    /// </summary>
    public static int DefaultThreads() =>
        DefaultThreads(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), Environment.ProcessorCount);

    /// <summary>Pure form of <see cref="DefaultThreads()"/>, for tests.</summary>
    internal static int DefaultThreads(string? slurmCpusPerTask, int processorCount)
    {
        var cpus = Math.Max(1, processorCount);

        // Slurm may grant fewer CPUs than the node's affinity mask reports; an unparsable value is ignored.
        if (int.TryParse(slurmCpusPerTask, NumberStyles.None, CultureInfo.InvariantCulture, out var slurm) && slurm > 0 && slurm < cpus)
        {
            return slurm;
        }

        return cpus;
    }
}
