namespace Harmony.Genomics.Leukemia;

/// <summary>A fusion or Ig/TCR rearrangement of one specimen with all its DNA and RNA evidence.</summary>
/// <param name="Fusion">The name, 5'→3'.</param>
/// <param name="Genes">The partners.</param>
/// <param name="Evidence">Every piece of evidence (DNA and RNA of the same event are one finding).</param>
/// <param name="Subtype">The B-ALL subtype the knowledge base links to the fusion or its anchor gene, or null.</param>
/// <param name="Certainty">The weakest certainty of the facts used.</param>
public sealed record FusionFinding(string Fusion, IReadOnlyList<string> Genes, IReadOnlyList<FusionEvidence> Evidence, FusionFeature? Subtype, Certainty Certainty);
