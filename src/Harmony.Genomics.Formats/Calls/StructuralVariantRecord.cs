namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// One structural-variant record reduced to the adjacency it describes: the breakend at
/// <see cref="Contig"/>:<see cref="Position"/> joined to <see cref="MateContig"/>:<see cref="MatePosition"/>, with
/// the side of each breakpoint the molecule keeps. For DEL/DUP/INV the mate is END on the same contig; for TRA it is
/// CHR2:END; for BND it comes from the bracket ALT. Insertions and other types have no mate.
/// </summary>
/// <param name="Line">1-based line in the VCF.</param>
/// <param name="Id">The VCF ID, or null.</param>
/// <param name="Type">The SVTYPE.</param>
/// <param name="Contig">CHROM as written.</param>
/// <param name="Position">POS (1-based).</param>
/// <param name="Side">Side kept at POS; null when the record does not say (INS, CNV, INV without INV3/INV5/CT).</param>
/// <param name="MateContig">The partner contig as written, or null.</param>
/// <param name="MatePosition">The partner position, or null.</param>
/// <param name="MateSide">Side kept at the partner; null when unknown.</param>
/// <param name="Length">SVLEN (absolute value), or null.</param>
/// <param name="MateId">INFO/MATEID, or null.</param>
/// <param name="EventId">INFO/EVENT, or null.</param>
/// <param name="PositionInterval">CIPOS as (low, high) offsets, or null when precise or absent.</param>
/// <param name="EndInterval">CIEND as (low, high) offsets, or null.</param>
/// <param name="Imprecise">INFO/IMPRECISE is set.</param>
/// <param name="Passed">FILTER is PASS or missing.</param>
/// <param name="Alt">The first ALT as written.</param>
public sealed record StructuralVariantRecord(
    long Line,
    string? Id,
    StructuralVariantType Type,
    string Contig,
    long Position,
    BreakendSide? Side,
    string? MateContig,
    long? MatePosition,
    BreakendSide? MateSide,
    long? Length,
    string? MateId,
    string? EventId,
    (int Low, int High)? PositionInterval,
    (int Low, int High)? EndInterval,
    bool Imprecise,
    bool Passed,
    string Alt)
{
    /// <summary>
    /// Each sample's FORMAT/GT as <c>bcftools query -f '[%GT]'</c> prints it (<c>0/1</c>, <c>1/1</c>, <c>./.</c>), in
    /// header order; null when the record has no GT (Manta's somatic and GRIDSS files give none).
    /// </summary>
    public IReadOnlyList<string>? Genotypes { get; init; }
}
