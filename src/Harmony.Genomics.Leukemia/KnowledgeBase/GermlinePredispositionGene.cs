namespace Harmony.Genomics.Leukemia;

/// <summary>A gene whose germline variants predispose to ALL.</summary>
/// <param name="Gene">Gene symbol.</param>
/// <param name="Alteration">The kind of alteration the literature describes.</param>
/// <param name="Certainty">The evidence tag of ALL-knowledge.md §6.</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record GermlinePredispositionGene(string Gene, string Alteration, Certainty Certainty, KbSource Source);
