namespace Harmony.Genomics.Leukemia;

/// <summary>The gene deletions <see cref="StructuralDeletionCaller"/> reads from one SV VCF.</summary>
/// <param name="Genes">One call per gene of <see cref="CopyNumberCaller.Genes"/>: a deletion, or not assessable (an SV file never shows a gene intact).</param>
/// <param name="Abnormalities">The deletions as <c>abnormalities</c> rows (category <c>deletion</c>).</param>
/// <param name="Rules">The rules applied (<see cref="StructuralCallOptions.DescribeStructuralDeletions"/>).</param>
/// <param name="Warning">Said once for the file when its genotypes could not be read for the specimen, else null.</param>
public sealed record StructuralDeletionProfile(IReadOnlyList<GeneCopyNumberCall> Genes, IReadOnlyList<Abnormality> Abnormalities, string Rules, string? Warning);
