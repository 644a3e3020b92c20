namespace Harmony.Genomics.Leukemia;

/// <summary>One transcript consequence read from a VEP <c>CSQ</c> or SnpEff <c>ANN</c> entry.</summary>
/// <param name="Allele">The allele as the annotator wrote it.</param>
/// <param name="Gene">Gene symbol.</param>
/// <param name="Consequence">Sequence Ontology terms joined by <c>&amp;</c>.</param>
/// <param name="Transcript">Feature (transcript) id.</param>
/// <param name="HgvsC">HGVS c. with transcript prefix, or empty.</param>
/// <param name="HgvsP">HGVS p. with protein prefix, or empty.</param>
/// <param name="Preferred">VEP PICK=1 or CANONICAL=YES (SnpEff: the first entry of the allele).</param>
/// <param name="Annotator"><c>VEP</c> or <c>SnpEff</c>.</param>
public sealed record ConsequenceAnnotation(string Allele, string Gene, string Consequence, string Transcript, string HgvsC, string HgvsP, bool Preferred, string Annotator);
