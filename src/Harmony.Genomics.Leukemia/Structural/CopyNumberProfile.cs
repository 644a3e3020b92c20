namespace Harmony.Genomics.Leukemia;

/// <summary>Everything <see cref="CopyNumberCaller"/> derives from one segment file.</summary>
/// <param name="Segments">Segments with normalised copy number.</param>
/// <param name="Genes">Gene-level calls, one per gene of <see cref="CopyNumberCaller.Genes"/>.</param>
/// <param name="Chromosomes">Per arm and whole chromosome.</param>
/// <param name="Ploidy">Modal number and class.</param>
/// <param name="Abnormalities">Deletions, aneuploidies, ploidy class, iAMP21 and their caveats as <c>abnormalities</c> rows.</param>
/// <param name="Thresholds">The thresholds applied (<see cref="StructuralCallOptions.Describe"/>).</param>
public sealed record CopyNumberProfile(IReadOnlyList<SegmentCopyNumber> Segments, IReadOnlyList<GeneCopyNumberCall> Genes, IReadOnlyList<ChromosomeCopyNumber> Chromosomes, PloidyCall Ploidy, IReadOnlyList<Abnormality> Abnormalities, string Thresholds);
