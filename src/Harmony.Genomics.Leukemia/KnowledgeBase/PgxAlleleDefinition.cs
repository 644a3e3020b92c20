namespace Harmony.Genomics.Leukemia;

/// <summary>One defining variant of a TPMT or NUDT15 star allele.</summary>
/// <param name="Gene"><c>TPMT</c> or <c>NUDT15</c>.</param>
/// <param name="StarAllele">e.g. <c>*3A</c>.</param>
/// <param name="Function">CPIC function, e.g. <c>No function</c>, or <c>not assigned by CPIC …</c>.</param>
/// <param name="RsId">dbSNP id, or empty.</param>
/// <param name="Contig">Canonical contig name.</param>
/// <param name="PositionGrch38">VCF POS on GRCh38.</param>
/// <param name="PositionGrch37">VCF POS on GRCh37 (PyPGx), or 0 when not given.</param>
/// <param name="Reference">REF (genomic + strand).</param>
/// <param name="Alternate">ALT (genomic + strand).</param>
/// <param name="ProteinImpact">Protein change as PyPGx writes it.</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record PgxAlleleDefinition(string Gene, string StarAllele, string Function, string RsId, string Contig, long PositionGrch38, long PositionGrch37, string Reference, string Alternate, string ProteinImpact, KbSource Source)
{
    /// <summary>The VCF POS on an assembly (0 when unknown).</summary>
    public long PositionOn(GenomeAssembly assembly) => assembly == GenomeAssembly.GRCh38 ? PositionGrch38 : PositionGrch37;
}
