namespace Harmony.Genomics.Leukemia;

/// <summary>One exon of a pinned transcript on one assembly.</summary>
/// <param name="Assembly">The assembly.</param>
/// <param name="Symbol">The gene.</param>
/// <param name="Transcript">The transcript the exon numbering follows (Ensembl, or RefSeq where the source is RefSeq).</param>
/// <param name="Number">The exon number on that transcript.</param>
/// <param name="Interval">The exon's span.</param>
/// <param name="Source">Where the entry was read.</param>
/// <param name="Certainty">VerifiedData when read from the source file; Derived when computed (e.g. IKZF1 exons 4–7 on GRCh38).</param>
public sealed record ExonEntry(GenomeAssembly Assembly, string Symbol, string Transcript, int Number, GenomicInterval Interval, KbSource Source, Certainty Certainty = Certainty.VerifiedData);
