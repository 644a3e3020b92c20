namespace Harmony.Genomics.Formats.Compression;

/// <summary>How an input file is opened and decompressed.</summary>
public sealed class InputOptions
{
    /// <summary>
    /// Threads used to inflate BGZF blocks. Defaults to the CPUs the process may use
    /// (<see cref="Environment.ProcessorCount"/>), lowered to <c>SLURM_CPUS_PER_TASK</c> when that is set and smaller.
    /// With 1, blocks are inflated inline on the reading thread.
    /// </summary>
    public int Threads { get; init; } = DefaultThreads();

    /// <summary>
    /// When <c>true</c> (the default), recoverable oddities such as a missing BGZF end-of-file marker are errors;
    /// when <c>false</c> they are reported through <see cref="Warning"/>.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>Receives warnings in lenient mode; <c>null</c> drops them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>The CPUs the process may use, honouring a smaller <c>SLURM_CPUS_PER_TASK</c>.</summary>
    internal static int DefaultThreads() => DefaultThreads(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), Environment.ProcessorCount);

    /// <summary>Pure form of <see cref="DefaultThreads()"/> for tests.</summary>
    internal static int DefaultThreads(string? slurmCpusPerTask, int processorCount)
    {
        var cpus = Math.Max(1, processorCount);
        // Slurm may grant fewer CPUs than the node's affinity mask reports; an unparsable value is ignored.
        if (int.TryParse(slurmCpusPerTask, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slurm)
            && slurm > 0 && slurm < cpus)
        {
            return slurm;
        }

        return cpus;
    }
}
