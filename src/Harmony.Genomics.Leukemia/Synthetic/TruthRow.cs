namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>One planted abnormality as the truth table lists it.</summary>
/// <param name="Patient">Patient id.</param>
/// <param name="Specimen">The specimen whose file carries it.</param>
/// <param name="Abnormality">Canonical name (issues 4 and 6): <c>KRAS p.G12D</c>, <c>ETV6::RUNX1</c>, <c>IKZF1 deletion</c>, <c>high hyperdiploidy</c>, <c>TPMT *1/*3A</c>.</param>
/// <param name="Category">mutation, fusion, deletion, ploidy or pharmacogenomic.</param>
/// <param name="ExpectedClassification">The subtype or phenotype it implies, or empty.</param>
/// <param name="Evidence">Where it is planted (file kind and coordinates).</param>
/// <param name="Basis">The frequency it was drawn with and that number's certainty ([V] section or [U] parameter).</param>
internal sealed record TruthRow(string Patient, string Specimen, string Abnormality, string Category, string ExpectedClassification, string Evidence, string Basis);
