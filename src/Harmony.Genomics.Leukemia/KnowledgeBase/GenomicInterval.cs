namespace Harmony.Genomics.Leukemia;

/// <summary>A closed 1-based interval on a canonical contig name (<c>chr1</c> … <c>chrX</c>, <c>chrY</c>, <c>chrM</c>).</summary>
/// <param name="Contig">The canonical contig name.</param>
/// <param name="Start">First base, 1-based.</param>
/// <param name="End">Last base, 1-based inclusive.</param>
public readonly record struct GenomicInterval(string Contig, long Start, long End)
{
    /// <summary>Whether the interval shares at least one base with [start, end] on the same contig.</summary>
    public bool Overlaps(string contig, long start, long end) => Contig == contig && Start <= end && start <= End;

    /// <inheritdoc/>
    public override string ToString() => $"{Contig}:{Start}-{End}";
}
