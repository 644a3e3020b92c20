namespace Harmony.Genomics.Leukemia;

/// <summary>A TPMT or NUDT15 diplotype call with its CPIC phenotype.</summary>
/// <param name="Gene"><c>TPMT</c> or <c>NUDT15</c>.</param>
/// <param name="Diplotype">e.g. <c>*1/*3A</c>; alternatives joined by <c> or </c> when the data cannot decide.</param>
/// <param name="Phenotype">CPIC wording: <c>Normal Metabolizer</c>, <c>Intermediate Metabolizer</c>, <c>Possible Intermediate Metabolizer</c>, <c>Poor Metabolizer</c> or <c>Indeterminate</c>.</param>
/// <param name="Detail">Allele functions, phase, positions not called or absent, the data version.</param>
/// <param name="Evidence">The records that carried defining variants.</param>
/// <param name="Certainty">How sure the call is: <see cref="Certainty.Partial"/> when a defining position without a
/// record was taken as reference (a variant-only VCF is assumed), <see cref="Certainty.Derived"/> on GRCh37 (positions
/// from PyPGx, alleles from GRCh38), else <see cref="Certainty.VerifiedData"/>.</param>
/// <param name="Variants">Labels (rsID and change) of the defining variants the file carries or left uncalled.</param>
/// <param name="Absent">Labels of the defining variants whose position had no record in the file (taken as reference).</param>
/// <param name="Covered">False when the file has no record near the gene at all (a panel without it): nothing was
/// called, and the call must not stand for the patient's over another file's.</param>
public sealed record PgxCall(string Gene, string Diplotype, string Phenotype, string Detail, IReadOnlyList<string> Evidence, Certainty Certainty = Certainty.VerifiedData, IReadOnlyList<string>? Variants = null, IReadOnlyList<string>? Absent = null, bool Covered = true);
