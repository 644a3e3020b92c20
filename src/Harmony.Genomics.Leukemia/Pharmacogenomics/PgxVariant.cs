namespace Harmony.Genomics.Leukemia;

/// <summary>One distinct defining variant of a gene's star alleles, placed on the file's assembly.</summary>
/// <param name="Gene">The gene.</param>
/// <param name="Contig">Canonical contig.</param>
/// <param name="Position">VCF POS on the assembly.</param>
/// <param name="Allele">Trimmed REF/ALT on the assembly.</param>
/// <param name="Label">rsID and change for messages.</param>
/// <param name="DefinitionReference">The REF of the definition as written at <paramref name="Position"/>: the only
/// reference bases the collector knows, used to recognise an indel written elsewhere in a repeat.</param>
internal sealed record PgxVariant(string Gene, string Contig, long Position, TrimmedAllele Allele, string Label, string DefinitionReference = "");
