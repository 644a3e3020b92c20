using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>How <see cref="ConvertJob"/> writes one VCF to one file.</summary>
public sealed class ConvertOptions
{
    /// <summary>The output file; its format follows the extension (<c>.parquet</c>, or <c>.arrow</c>/<c>.feather</c>/<c>.ipc</c>) unless <see cref="Format"/> is set.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The output format, or null to choose by extension.</summary>
    public SingleFileFormat? Format { get; init; }

    /// <summary>Workers for BGZF inflation.</summary>
    public int Threads { get; init; } = Core.ProcessorBudget.DefaultThreads();

    /// <summary>Store raw sample names instead of keyed pseudonyms.</summary>
    public bool KeepSampleIds { get; init; }

    /// <summary>A file holding the secret pseudonymisation key (else <c>HARMONY_PSEUDONYM_KEY</c>).</summary>
    public string? KeyFile { get; init; }

    /// <summary>INFO/FORMAT keys undefined in the header are errors.</summary>
    public bool Strict { get; init; }

    /// <summary>Keep homozygous-reference calls too.</summary>
    public bool AllCalls { get; init; }

    /// <summary>Regions, targets and samples to read (bcftools <c>-r/-R/-t/-T/-s/-S</c>), or null for everything.</summary>
    public Formats.Selection.VariantSelection? Selection { get; init; }

    /// <summary>The command line, stored (scrubbed) in the file's metadata.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>Reads environment variables.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Receives warnings.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Standard input, for the input name <c>-</c>.</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;
}
