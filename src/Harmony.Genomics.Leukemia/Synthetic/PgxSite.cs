namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>One genotyped TPMT/NUDT15 position: REF and the ALTs of the star alleles the generator plants there.</summary>
/// <param name="Gene">TPMT or NUDT15.</param>
/// <param name="Contig">Canonical contig.</param>
/// <param name="Position">VCF POS on the cohort's assembly.</param>
/// <param name="Reference">REF (genomic + strand, from the allele table).</param>
/// <param name="Alternates">ALTs in order.</param>
/// <param name="RsId">dbSNP id or '.'.</param>
internal sealed record PgxSite(string Gene, string Contig, long Position, string Reference, IReadOnlyList<string> Alternates, string RsId);
