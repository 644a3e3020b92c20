namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>A germline TPMT or NUDT15 diplotype, phased: <see cref="Allele1"/> on haplotype 0.</summary>
/// <param name="Gene">TPMT or NUDT15.</param>
/// <param name="Allele1">Star allele on the first haplotype.</param>
/// <param name="Allele2">Star allele on the second haplotype.</param>
internal sealed record PlantedDiplotype(string Gene, string Allele1, string Allele2)
{
    /// <summary>The canonical name, alleles ordered as the knowledge base orders them (<c>TPMT *1/*3A</c>).</summary>
    public string Name => $"{Gene} {KnowledgeBase.DiplotypeKey(Allele1, Allele2)}";
}
