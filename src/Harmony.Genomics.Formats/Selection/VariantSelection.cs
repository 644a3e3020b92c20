namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// Which records and samples of an input to read, with <c>bcftools view</c>'s options and semantics:
/// regions (<c>-r/-R</c>, through a tabix or CSI index), targets (<c>-t/-T</c>, streamed, no index) and samples
/// (<c>-s/-S</c>, <c>^</c> to exclude).
/// </summary>
public sealed class VariantSelection
{
    /// <summary>
    /// <c>-r</c>: comma-separated regions <c>chr</c>, <c>chr:pos</c>, <c>chr:beg-end</c> or <c>chr:beg-</c> (1-based, inclusive).
    /// A record is read when its [POS, END] overlaps a region (END from INFO/END, else POS + len(REF) - 1). Needs an index.
    /// </summary>
    public string? Regions { get; init; }

    /// <summary>
    /// <c>-R</c>: a file of regions, one per line: <c>chr</c>, <c>beg</c>[, <c>end</c>] separated by tabs, 1-based inclusive;
    /// a file named <c>.bed</c> or <c>.bed.gz</c> is BED (0-based, half-open). Lines starting with '#' are ignored.
    /// </summary>
    public string? RegionsFile { get; init; }

    /// <summary><c>-t</c>: as <see cref="Regions"/>, but streamed (no index) and matched by POS only; a leading <c>^</c> excludes.</summary>
    public string? Targets { get; init; }

    /// <summary><c>-T</c>: as <see cref="RegionsFile"/>, streamed and matched by POS; a leading <c>^</c> on the name excludes.</summary>
    public string? TargetsFile { get; init; }

    /// <summary><c>--regions-overlap</c>: how records match <see cref="Regions"/>/<see cref="RegionsFile"/> (default: the record's span, as bcftools).</summary>
    public RegionOverlap RegionsOverlap { get; init; } = RegionOverlap.Record;

    /// <summary><c>--targets-overlap</c>: how records match <see cref="Targets"/>/<see cref="TargetsFile"/> (default: POS only, as bcftools).</summary>
    public RegionOverlap TargetsOverlap { get; init; } = RegionOverlap.Position;

    /// <summary><c>-s</c>: comma-separated sample names to keep, in this order; a leading <c>^</c> excludes them instead.</summary>
    public string? Samples { get; init; }

    /// <summary><c>-S</c>: a file of sample names, one per line; a leading <c>^</c> on the name excludes them.</summary>
    public string? SamplesFile { get; init; }

    /// <summary><c>--force-samples</c>: unknown sample names are warnings instead of errors.</summary>
    public bool ForceSamples { get; init; }

    /// <summary>
    /// A canonical description of the selection (with the SHA-256 of any regions, targets or samples file), so that a
    /// lake can tell one selection of a file from another; empty when nothing is selected.
    /// </summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        // The overlap rules are described only when not the default, so selections made before they existed keep their identity.
        var overlap = (RegionsOverlap == RegionOverlap.Record ? string.Empty : $"\nregions-overlap={(int)RegionsOverlap}")
            + (TargetsOverlap == RegionOverlap.Position ? string.Empty : $"\ntargets-overlap={(int)TargetsOverlap}");
        return string.Join('\n',
            $"regions={Regions}",
            $"regions-file={FileKey(RegionsFile)}",
            $"targets={Targets}",
            $"targets-file={FileKey(TargetsFile)}",
            $"samples={Samples}",
            $"samples-file={FileKey(SamplesFile)}",
            $"force-samples={ForceSamples}",
            $"no-update={NoUpdate}") + overlap;
    }

    /// <summary><c>-I/--no-update</c>: with a sample selection, keep INFO/AC and INFO/AN as they are instead of recomputing them.</summary>
    public bool NoUpdate { get; init; }

    /// <summary>Whether any option is set.</summary>
    public bool IsEmpty => Regions is null && RegionsFile is null && Targets is null && TargetsFile is null && Samples is null && SamplesFile is null;

    /// <summary>Whether records are chosen through an index.</summary>
    public bool NeedsIndex => Regions is not null || RegionsFile is not null;

    private static string FileKey(string? name)
    {
        var file = name?.TrimStart('^');
        if (file is null || !File.Exists(file))
        {
            return name ?? string.Empty;
        }

        using var stream = File.OpenRead(file);
        return $"{name}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream))}";
    }
}
