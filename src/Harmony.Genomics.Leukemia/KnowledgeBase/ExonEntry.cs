namespace Harmony.Genomics.Leukemia;

/// <summary>One exon of a pinned transcript on one assembly.</summary>
/// <param name="Assembly">The assembly.</param>
/// <param name="Symbol">The gene.</param>
/// <param name="Transcript">The Ensembl transcript the exon numbering follows.</param>
/// <param name="Number">The exon number on that transcript.</param>
/// <param name="Interval">The exon's span.</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record ExonEntry(GenomeAssembly Assembly, string Symbol, string Transcript, int Number, GenomicInterval Interval, KbSource Source);
