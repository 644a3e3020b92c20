using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Leukemia;

/// <summary>An SV record with the knowledge-base genes at its breakends, as written to <c>structural_variants</c>.</summary>
/// <param name="Record">The record.</param>
/// <param name="Gene">The gene (or Ig/TCR locus) at POS, or null.</param>
/// <param name="MateGene">The gene at the mate breakend, or null.</param>
/// <param name="Fusion">The fusion this adjacency makes, or null.</param>
public sealed record StructuralVariantAnnotation(StructuralVariantRecord Record, string? Gene, string? MateGene, string? Fusion);
