using System.Globalization;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// The coordinates the generator plants into, read from the knowledge base for one assembly: primary chromosomes
/// with their lengths and the names files use (<c>chr1</c> on GRCh38, <c>1</c> on GRCh37 as b37 pipelines write),
/// gene spans and exons, and the hotspots that have a position on the assembly. Reading the knowledge base's
/// coordinates is allowed; calling the annotator is not (the generator must not share its mistakes).
/// </summary>
internal sealed class GenomeLayout
{
    // Hotspot genes planted as secondary mutations; subtype-defining ones (PAX5 P80R, IKZF1 N159Y) are planted as subtypes.
    private static readonly string[] SecondaryHotspotGenes = ["NRAS", "KRAS", "PTPN11", "FLT3", "JAK2", "IL7R", "TP53", "CREBBP", "JAK1"];

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly IntervalIndex<GeneEntry> _genes;
    private readonly List<GenomicInterval> _centromeres;

    public GenomeLayout(GenomeAssembly assembly, KnowledgeBase kb)
    {
        Assembly = assembly;
        Kb = kb;
        var sizes = kb.ChromosomeSizes[assembly];
        var names = Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)).Concat(["chrX", "chrY"]).ToList();
        Canonical = names;
        Lengths = names.Select(n => sizes[n]).ToArray();
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }

        // Passengers and fingerprint SNPs keep 20 kb away from every ALL gene, so no noise lands where a rule looks.
        _genes = new IntervalIndex<GeneEntry>(kb.Genes.Where(g => g.On(assembly) is not null).Select(g =>
        {
            var span = g.On(assembly)!.Value;
            return (span with { Start = span.Start - 20_000, End = span.End + 20_000 }, g);
        }));
        _centromeres = [.. kb.Centromeres[assembly]];

        var ambiguous = kb.Hotspots.Where(h => h.Assembly == assembly)
            .GroupBy(h => (h.Contig, h.Position, h.Reference, h.Alternate)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        AllHotspots = kb.Hotspots.Where(h => h.Assembly == assembly && !ambiguous.Contains((h.Contig, h.Position, h.Reference, h.Alternate))).ToList();
        SecondaryHotspots = AllHotspots
            .Where(h => SecondaryHotspotGenes.Contains(h.Gene) && h.VariantType == "missense" && h.Reference.Length == 1 && h.Alternate.Length == 1 && h.CohortCount >= 5 && h.SubtypeSignature.Length == 0)
            .ToList();
        SecondaryWeights = SecondaryHotspots.Select(h => (double)h.CohortCount).ToList();
        GenomeLength = Lengths.Take(22).Sum();
    }

    public GenomeAssembly Assembly { get; }

    public KnowledgeBase Kb { get; }

    /// <summary>chr1 … chr22, chrX, chrY in file order.</summary>
    public IReadOnlyList<string> Canonical { get; }

    public IReadOnlyList<long> Lengths { get; }

    /// <summary>Autosomal length, for drawing positions.</summary>
    public long GenomeLength { get; }

    public IReadOnlyList<HotspotEntry> AllHotspots { get; }

    public IReadOnlyList<HotspotEntry> SecondaryHotspots { get; }

    /// <summary>MD-ALL cohort counts of <see cref="SecondaryHotspots"/> [V-data], used as relative weights.</summary>
    public IReadOnlyList<double> SecondaryWeights { get; }

    /// <summary>The name files use for a canonical contig.</summary>
    public string FileName(string canonical) => Assembly == GenomeAssembly.GRCh38 ? canonical : canonical[3..];

    public int Order(string canonical) => _index[canonical];

    public long Length(string canonical) => Lengths[_index[canonical]];

    public GeneEntry Gene(string symbol) => Kb.Gene(symbol) ?? throw new InvalidOperationException($"{symbol} is not in the knowledge base");

    public GenomicInterval Span(string symbol) => Gene(symbol).On(Assembly) ?? throw new InvalidOperationException($"{symbol} has no span on {Assembly}");

    /// <summary>The gene's exons on this assembly in transcript order (exon 1 first), or empty when the KB has none.</summary>
    public List<ExonEntry> Exons(string symbol) => Kb.Exons.Where(e => e.Assembly == Assembly && e.Symbol == symbol).OrderBy(e => e.Number).ToList();

    /// <summary>A hotspot by gene and protein change, or null when the assembly has no position for it.</summary>
    public HotspotEntry? Hotspot(string gene, string protein) => AllHotspots.FirstOrDefault(h => h.Gene == gene && h.ProteinChange == protein);

    /// <summary>Whether a position is near an ALL gene or inside a centromere (noise avoids both).</summary>
    public bool Reserved(string canonical, long position) =>
        _genes.Query(canonical, position, position).Count > 0 || _centromeres.Any(c => c.Overlaps(canonical, position, position));

    /// <summary>A uniformly drawn autosomal position outside <see cref="Reserved"/> regions and 1 Mb from telomeres.</summary>
    public (string Contig, long Position) RandomNeutralPosition(Xoshiro256StarStar random)
    {
        while (true)
        {
            var x = random.NextLong(GenomeLength);
            var c = 0;
            while (x >= Lengths[c])
            {
                x -= Lengths[c];
                c++;
            }

            var position = x + 1;
            if (position > 1_000_000 && position < Lengths[c] - 1_000_000 && !Reserved(Canonical[c], position))
            {
                return (Canonical[c], position);
            }
        }
    }
}
