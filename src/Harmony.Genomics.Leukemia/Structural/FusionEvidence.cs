namespace Harmony.Genomics.Leukemia;

/// <summary>
/// One piece of evidence for a fusion: a DNA adjacency (an SV record or BND pair) or an RNA fusion call, with the
/// partners oriented 5'→3'.
/// </summary>
/// <param name="Fusion">The fusion name, <c>5'GENE::3'GENE</c> (e.g. <c>ETV6::RUNX1</c>; <c>IGH::CRLF2</c> for Ig/TCR loci).</param>
/// <param name="Gene5">The 5' partner (or the Ig/TCR locus).</param>
/// <param name="Gene3">The 3' partner.</param>
/// <param name="Molecule"><c>DNA</c> or <c>RNA</c>.</param>
/// <param name="Caller"><c>sv_vcf</c>, <c>arriba</c>, <c>star-fusion</c>.</param>
/// <param name="Chrom5">Contig of the 5' breakpoint as written.</param>
/// <param name="Pos5">Position of the 5' breakpoint.</param>
/// <param name="Chrom3">Contig of the 3' breakpoint.</param>
/// <param name="Pos3">Position of the 3' breakpoint.</param>
/// <param name="InSense">True when the sides and strands make a sense fusion 5'→3'; null when orientation is unknown or not applicable (Ig/TCR juxtaposition).</param>
/// <param name="Support">Reads, filter and confidence, in words.</param>
/// <param name="Evidence">File and line(s), e.g. <c>a.vcf:14,15</c>.</param>
/// <param name="Detail">How the partners and direction were decided.</param>
public sealed record FusionEvidence(string Fusion, string Gene5, string Gene3, string Molecule, string Caller, string Chrom5, long Pos5, string Chrom3, long Pos3, bool? InSense, string Support, string Evidence, string Detail)
{
    /// <summary>
    /// True when both breakpoints lie on one chromosome and keep opposite sides (a deletion- or duplication-type
    /// junction). Such a junction is never the reciprocal junction of a balanced rearrangement, so it is not folded
    /// into the fusion named the other way round (a tandem duplication's PDGFRB::EBF1 is not EBF1::PDGFRB).
    /// </summary>
    public bool Collinear { get; init; }
}
