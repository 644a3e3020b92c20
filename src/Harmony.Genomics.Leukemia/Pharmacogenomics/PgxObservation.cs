namespace Harmony.Genomics.Leukemia;

/// <summary>What the specimen's genotype says about one defining variant.</summary>
/// <param name="Copies">ALT copies (0–2), or null for a no-call.</param>
/// <param name="Haplotypes">For a phased genotype, the haplotype indexes (0 or 1) carrying the ALT; null when unphased.</param>
/// <param name="PhaseSet">The phase set (FORMAT/PS, or the contig when PS is absent), or null when unphased.</param>
/// <param name="Evidence">File and line.</param>
internal sealed record PgxObservation(int? Copies, int[]? Haplotypes, string? PhaseSet, string Evidence);
