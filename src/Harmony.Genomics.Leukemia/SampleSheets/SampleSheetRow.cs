namespace Harmony.Genomics.Leukemia;

/// <summary>One row of a sample sheet.</summary>
/// <param name="Line">1-based line in the sheet.</param>
/// <param name="Patient">Patient id as written (pseudonymised on ingest).</param>
/// <param name="Specimen">Specimen id as written (pseudonymised on ingest).</param>
/// <param name="SpecimenType">Tumour, normal or germline.</param>
/// <param name="File">Full path, resolved against the sheet's folder.</param>
/// <param name="Kind">What the file holds.</param>
/// <param name="KindSniffed">Whether <see cref="Kind"/> was sniffed because the column was empty or absent.</param>
/// <param name="Clinical">The other columns of the row, by header name (empty values left out).</param>
public sealed record SampleSheetRow(int Line, string Patient, string Specimen, SpecimenType SpecimenType, string File, DataKind Kind, bool KindSniffed, IReadOnlyDictionary<string, string> Clinical);
