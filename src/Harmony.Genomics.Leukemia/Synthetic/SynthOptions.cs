namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>What <c>harmony synth</c> writes.</summary>
public sealed record SynthOptions
{
    /// <summary>Number of patients (at least 1).</summary>
    public required long Patients { get; init; }

    /// <summary>The assembly every coordinate is on.</summary>
    public GenomeAssembly Assembly { get; init; } = GenomeAssembly.GRCh38;

    /// <summary>The seed: the same seed and version give byte-identical files.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The output folder (created; existing files of the same names are overwritten).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Also write an Arriba-like <c>fusions.tsv</c> per patient.</summary>
    public bool Fusions { get; init; } = true;

    /// <summary>Patients written in parallel per batch (memory stays bounded by one batch).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Called after each batch with the number of patients written so far.</summary>
    public Action<long>? Progress { get; init; }
}
