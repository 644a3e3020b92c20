namespace Harmony.Genomics.Leukemia;

/// <summary>The annotation of one ALT allele of one record, as written to the per-ALT annotation columns of <c>variants</c>.</summary>
/// <param name="AltIndex">0-based ALT index.</param>
/// <param name="Gene">Gene from VEP/SnpEff, else the overlapping knowledge-base genes joined by <c>,</c>, else null.</param>
/// <param name="Consequence">Sequence Ontology terms from VEP/SnpEff, or null when the file is not annotated.</param>
/// <param name="HgvsC">HGVS c., or null.</param>
/// <param name="HgvsP">HGVS p., or null.</param>
/// <param name="Hotspot">The matching hotspot, or null.</param>
public sealed record VariantAnnotation(int AltIndex, string? Gene, string? Consequence, string? HgvsC, string? HgvsP, HotspotEntry? Hotspot);
