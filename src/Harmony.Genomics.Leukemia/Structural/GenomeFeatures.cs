namespace Harmony.Genomics.Leukemia;

/// <summary>
/// The knowledge base's genes, Ig/TCR loci and exons on one assembly, indexed for breakpoint and segment lookups.
/// Loci are the <c>*_locus</c> rows (IGH, IGK, IGL, TRA/TRD, TRB, TRG spans, ALL-knowledge.md §7.2 [D]).
/// </summary>
internal sealed class GenomeFeatures
{
    private readonly IntervalIndex<GeneEntry> _genes;
    private readonly IntervalIndex<GeneEntry> _loci;
    private readonly List<GeneEntry> _all;
    private readonly ILookup<string, ExonEntry> _exons;

    public GenomeFeatures(KnowledgeBase kb, GenomeAssembly assembly, IReadOnlyList<ExonEntry>? exons = null)
    {
        Assembly = assembly;
        _all = kb.Genes.Where(g => g.On(assembly) is not null).ToList();
        _genes = new IntervalIndex<GeneEntry>(_all.Where(g => !IsLocus(g)).Select(g => (g.On(assembly)!.Value, g)));
        _loci = new IntervalIndex<GeneEntry>(_all.Where(IsLocus).Select(g => (g.On(assembly)!.Value, g)));
        // Exons given by the caller replace the knowledge base's for the genes they cover, not for all genes.
        var given = exons?.Where(e => e.Assembly == assembly).ToList() ?? [];
        var givenGenes = given.Select(e => e.Symbol).ToHashSet(StringComparer.Ordinal);
        _exons = kb.Exons.Where(e => e.Assembly == assembly && !givenGenes.Contains(e.Symbol)).Concat(given).ToLookup(e => e.Symbol, StringComparer.Ordinal);
    }

    public GenomeAssembly Assembly { get; }

    public static bool IsLocus(GeneEntry gene) => gene.Symbol.EndsWith("_locus", StringComparison.Ordinal);

    /// <summary>The locus name as fusions write it: <c>IGH</c>, <c>IGK</c>, <c>IGL</c>, <c>TRA</c>, <c>TRB</c>, <c>TRG</c>.</summary>
    public static string LocusName(GeneEntry locus) => locus.Symbol.Split('_')[0];

    public GeneEntry? Gene(string symbol) => _all.FirstOrDefault(g => g.Symbol == symbol);

    /// <summary>The gene at a position (the shortest when genes overlap, so a nested gene wins over its host).</summary>
    public GeneEntry? GeneAt(string contig, long position) =>
        _genes.Query(contig, position, position).OrderBy(g => g.On(Assembly)!.Value.End - g.On(Assembly)!.Value.Start).FirstOrDefault();

    public GeneEntry? LocusAt(string contig, long position) => _loci.Query(contig, position, position).FirstOrDefault();

    /// <summary>The nearest gene within <paramref name="window"/> bases, and its distance.</summary>
    public (GeneEntry Gene, long Distance)? NearestGene(string contig, long position, long window)
    {
        var candidates = _genes.Query(contig, position - window, position + window);
        return candidates.Count == 0 ? null : candidates
            .Select(g => (Gene: g, Distance: Distance(g.On(Assembly)!.Value, position)))
            .OrderBy(c => c.Distance)
            .First();
    }

    /// <summary>The nearest gene whose 5' end lies within <paramref name="window"/> bases downstream of the position (its promoter side), and the distance.</summary>
    public (GeneEntry Gene, long Distance)? GeneUpstreamOf(string contig, long position, long window) =>
        _genes.Query(contig, position - window, position + window)
            .Select(g => (Gene: g, Span: g.On(Assembly)!.Value))
            .Select(g => (g.Gene, Distance: g.Gene.Strand == "+" ? g.Span.Start - position : g.Gene.Strand == "-" ? position - g.Span.End : -1))
            .Where(g => g.Distance > 0 && g.Distance <= window)
            .OrderBy(g => g.Distance)
            .Select(g => ((GeneEntry, long)?)(g.Gene, g.Distance))
            .FirstOrDefault();

    public IReadOnlyList<GeneEntry> GenesOverlapping(string contig, long start, long end) => _genes.Query(contig, start, end);

    /// <summary>The exons of a gene on this assembly (one transcript per gene in the knowledge base), by number.</summary>
    public IReadOnlyList<ExonEntry> Exons(string symbol) => _exons[symbol].OrderBy(e => e.Number).ToList();

    private static long Distance(GenomicInterval interval, long position) =>
        position < interval.Start ? interval.Start - position : position > interval.End ? position - interval.End : 0;
}
