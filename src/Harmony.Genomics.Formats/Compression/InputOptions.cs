namespace Harmony.Genomics.Formats.Compression;

/// <summary>How an input file is opened and decompressed.</summary>
public sealed class InputOptions
{
    /// <summary>
    /// Threads used to inflate BGZF blocks. Defaults to the CPUs the process may use
    /// (<see cref="Environment.ProcessorCount"/>), lowered to <c>SLURM_CPUS_PER_TASK</c> when that is set and smaller.
    /// With 1, blocks are inflated inline on the reading thread.
    /// </summary>
    public int Threads { get; init; } = Core.ProcessorBudget.DefaultThreads();

    /// <summary>
    /// When <c>true</c> (the default), recoverable oddities such as a missing BGZF end-of-file marker are errors;
    /// when <c>false</c> they are reported through <see cref="Warning"/>.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>Receives warnings in lenient mode; <c>null</c> drops them.</summary>
    public Action<string>? Warning { get; init; }
}
