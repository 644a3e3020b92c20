namespace Harmony.Genomics.Leukemia;

/// <summary>A fusion or fusion partner that points to a B-ALL subtype (MD-ALL's table).</summary>
/// <param name="Subtype">The subtype label.</param>
/// <param name="Feature">The gene or fusion, e.g. <c>KMT2A</c> or <c>ETV6::RUNX1</c>.</param>
/// <param name="Note">MD-ALL's note (e.g. <c>signature fusion</c>).</param>
/// <param name="Significance"><c>Definitive</c>, <c>High</c> or <c>Medium</c>.</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record FusionFeature(string Subtype, string Feature, string Note, string Significance, KbSource Source);
