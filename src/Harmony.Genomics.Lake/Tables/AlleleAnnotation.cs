namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// What an annotator says about one ALT allele, stored in the <c>variants</c> row's per-ALT annotation columns
/// (<c>gene</c>, <c>consequence</c>, <c>hgvs_c</c>, <c>hgvs_p</c>, <c>hotspot</c>, <c>hotspot_name</c>).
/// </summary>
/// <param name="Gene">The gene, or null.</param>
/// <param name="Consequence">Sequence Ontology terms from VEP/SnpEff, or null.</param>
/// <param name="HgvsC">HGVS coding notation, or null.</param>
/// <param name="HgvsP">HGVS protein notation, or null.</param>
/// <param name="Hotspot">Whether the allele matches a knowledge-base hotspot.</param>
/// <param name="HotspotName">The hotspot's name (e.g. <c>KRAS p.G12D</c>), or null.</param>
public readonly record struct AlleleAnnotation(string? Gene, string? Consequence, string? HgvsC, string? HgvsP, bool Hotspot, string? HotspotName);
