namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>A focal deletion in the tumour, 1-based closed, over the exons it names.</summary>
/// <param name="Gene">The gene whose deletion is the finding.</param>
/// <param name="Contig">Canonical contig.</param>
/// <param name="Start">First deleted base.</param>
/// <param name="End">Last deleted base.</param>
/// <param name="Homozygous">Both copies lost (copy number 0) rather than one.</param>
/// <param name="Extent">What is lost, e.g. <c>whole gene</c> or <c>exons 2-6 of ENST…</c>.</param>
/// <param name="AlsoDeleted">Other genes the same segment removes (e.g. CDKN2B with CDKN2A).</param>
internal sealed record PlantedDeletion(string Gene, string Contig, long Start, long End, bool Homozygous, string Extent, IReadOnlyList<string> AlsoDeleted);
