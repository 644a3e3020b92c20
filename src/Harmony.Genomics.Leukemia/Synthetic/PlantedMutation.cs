namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>A hotspot SNV planted in the tumour, at the knowledge base's coordinates for the cohort's assembly.</summary>
/// <param name="Hotspot">The hotspot entry (position, REF, ALT, gene, protein change).</param>
/// <param name="Vaf">Expected tumour allele fraction (purity and clonality applied).</param>
internal sealed record PlantedMutation(HotspotEntry Hotspot, double Vaf)
{
    /// <summary>The canonical name issue 4 uses: <c>GENE p.X123Y</c>.</summary>
    public string Name => $"{Hotspot.Gene} {Hotspot.ProteinChange}";
}
