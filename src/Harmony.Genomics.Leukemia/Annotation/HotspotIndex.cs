namespace Harmony.Genomics.Leukemia;

/// <summary>Exact hotspot lookup on assembly, canonical contig and trimmed alleles.</summary>
internal sealed class HotspotIndex
{
    private readonly Dictionary<(GenomeAssembly, string, TrimmedAllele), HotspotEntry> _entries = [];

    public HotspotIndex(IEnumerable<HotspotEntry> hotspots)
    {
        foreach (var h in hotspots)
        {
            // First entry wins: the MD-ALL table lists each variant once per assembly.
            _entries.TryAdd((h.Assembly, h.Contig, TrimmedAllele.Trim(h.Position, h.Reference, h.Alternate)), h);
        }
    }

    public HotspotEntry? Find(GenomeAssembly assembly, string contig, TrimmedAllele allele) =>
        _entries.TryGetValue((assembly, contig, allele), out var h) ? h : null;
}
