namespace Harmony.Genomics.Engine;

/// <summary>How <see cref="IngestJob"/> turns VCF files into lake tables.</summary>
public sealed class IngestOptions
{
    /// <summary>The lake directory (created when missing).</summary>
    public required string LakePath { get; init; }

    /// <summary>The cohort name: the Hive partition <c>cohort=NAME</c> of every table.</summary>
    public string Cohort { get; init; } = "default";

    /// <summary>
    /// Workers for BGZF inflation (at least 1); from 2, records are also decoded and pivoted on worker threads while the
    /// caller appends them to batches. An input file under 1 MiB is read on one thread.
    /// </summary>
    public int Threads { get; init; } = Core.ProcessorBudget.DefaultThreads();

    /// <summary>Decoder workers (0: the caller decodes) instead of those <see cref="Threads"/> implies; for tests.</summary>
    internal int? DecodeWorkers { get; init; }

    /// <summary>Records per decoded chunk; tests make it small so that decoder workers race.</summary>
    internal int ChunkRecords { get; init; } = RecordPipeline.DefaultChunkRecords;

    /// <summary>
    /// Input files smaller than this are read on one thread whatever <see cref="Threads"/>: starting inflate and decoder
    /// workers costs more than they save there (the lake is the same either way). 0: never; tests that compare thread
    /// counts on small files.
    /// </summary>
    internal long SmallInputBytes { get; init; } = 1 << 20;

    /// <summary>
    /// How long an ingest waits for the lake's lock while other runs hold it (<c>--lock-wait</c>). Plain ingests stage
    /// side by side and take the lock only to number a source and to commit; a sample-sheet ingest or one with
    /// <see cref="Stats"/> reads what the lake holds, so it waits for the lock once and keeps it for its whole run.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Store raw sample names (and source file names) instead of keyed pseudonyms.</summary>
    public bool KeepSampleIds { get; init; }

    /// <summary>A file holding the secret pseudonymisation key (else <c>HARMONY_PSEUDONYM_KEY</c>).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Keep going past malformed records, writing each to the <c>rejected</c> table.</summary>
    public bool Lenient { get; init; }

    /// <summary>INFO/FORMAT keys undefined in the header are errors rather than warnings.</summary>
    public bool Strict { get; init; }

    /// <summary>Write homozygous-reference calls too.</summary>
    public bool AllCalls { get; init; }

    /// <summary>
    /// Also compute <c>variant_stats</c> and <c>sample_qc</c> for the ingested sources, in the same commit
    /// (<c>--stats</c>; the rows equal what <c>harmony qc</c> computes from a lake holding just those sources).
    /// </summary>
    public bool Stats { get; init; }

    /// <summary>Where <see cref="Stats"/> runs the cohort-statistics kernel (<c>--device</c>).</summary>
    public Compute.Devices.DeviceChoice StatsDevice { get; init; } = Compute.Devices.DeviceChoice.Auto;

    /// <summary>
    /// Where a sample-sheet ingest runs the allele-depth (B-allele fraction) kernel over each small-variant file
    /// (<c>--device</c>). The CPU path by default: one CUDA context per file costs more than the kernel saves unless asked for.
    /// </summary>
    public Compute.Devices.DeviceChoice AlleleDepthDevice { get; init; } = Compute.Devices.DeviceChoice.Cpu;

    /// <summary>Genotype bytes per <see cref="Stats"/> chunk (tests make it small to force many chunks).</summary>
    internal long StatsChunkBytes { get; init; } = Qc.CohortStatsObserver.DefaultChunkBytes;

    /// <summary>Regions, targets and samples to read (bcftools <c>-r/-R/-t/-T/-s/-S</c>), or null for everything.</summary>
    public Formats.Selection.VariantSelection? Selection { get; init; }

    /// <summary>The command line, stored (scrubbed) in every file's metadata.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>Reads environment variables (replaceable in tests).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Receives warnings.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Receives progress reports every few thousand records.</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    /// <summary>Standard input, for the input name <c>-</c>.</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>
    /// With a sample sheet: the modal-number ranges of the ploidy classes (ALL-knowledge.md §2.3 asks for them to be
    /// configurable; sources differ). Named in every ploidy finding.
    /// </summary>
    public Leukemia.PloidyDefinition PloidyDefinition { get; init; } = Leukemia.PloidyDefinition.Default;

    /// <summary>
    /// With a sample sheet: the read support an RNA fusion call needs (split reads and spanning pairs each, or together);
    /// off (0, 0) by default, MD-ALL's rule is 2 and 5 (ALL-knowledge.md §3.5 rule 5; see
    /// <see cref="Leukemia.StructuralCallOptions.FusionReadsEach"/>). Calls with less are left out and named in a warning.
    /// </summary>
    public (int Each, int Total) FusionReads { get; init; }
}
