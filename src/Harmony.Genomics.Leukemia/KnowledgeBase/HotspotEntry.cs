namespace Harmony.Genomics.Leukemia;

/// <summary>A recurrent B-ALL coding variant at VCF-style coordinates on one assembly.</summary>
/// <param name="Assembly">The assembly of <see cref="Position"/>.</param>
/// <param name="Contig">Canonical contig name.</param>
/// <param name="Position">VCF POS, 1-based.</param>
/// <param name="Reference">REF as in the source.</param>
/// <param name="Alternate">ALT as in the source.</param>
/// <param name="Gene">Gene symbol.</param>
/// <param name="Transcript">RefSeq transcript the protein change refers to.</param>
/// <param name="ProteinChange">HGVS protein change, e.g. <c>p.G12D</c>.</param>
/// <param name="VariantType">e.g. <c>missense</c>, <c>in-frame_del</c>.</param>
/// <param name="CohortCount">Occurrences in the MD-ALL cohort (a prior, not a threshold).</param>
/// <param name="SubtypeSignature">The subtype this variant defines (e.g. <c>PAX5 P80R</c>), or empty.</param>
/// <param name="Certainty">VerifiedData on GRCh38; Derived on GRCh37 (placed by a constant gene offset).</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record HotspotEntry(GenomeAssembly Assembly, string Contig, long Position, string Reference, string Alternate, string Gene, string Transcript, string ProteinChange, string VariantType, int CohortCount, string SubtypeSignature, Certainty Certainty, KbSource Source);
