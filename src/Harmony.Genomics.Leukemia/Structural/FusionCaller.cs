using System.Globalization;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Turns DNA adjacencies (SV VCF records, BND pairs) and RNA fusion calls of one specimen into fusion findings named
/// 5'→3'. A partner's role follows from the side its breakpoint keeps and the strand transcribed there: a kept left
/// side on the plus strand (or right side on the minus strand) runs into the junction, so that partner is 5'; the
/// other way round it is 3' (VCF 4.3 §5.4 breakend semantics; ALL-knowledge.md §3.5 rule 1 [P]). A breakpoint in an
/// Ig/TCR locus names a juxtaposition <c>IGH::GENE</c> (locus first by convention, §3.5 rule 3), with the partner the
/// gene at, or nearest within <see cref="StructuralCallOptions.LocusPartnerWindow"/> of, the other breakpoint.
/// Evidence for the same name, from DNA or RNA, is one finding.
/// </summary>
public sealed class FusionCaller
{
    private readonly KnowledgeBase _kb;
    private readonly GenomeFeatures _features;
    private readonly IReadOnlyDictionary<string, GenomicInterval> _par;
    private readonly StructuralCallOptions _options;
    private readonly List<string> _lowSupport = [];
    private readonly Dictionary<string, List<FusionEvidence>> _byName = new(StringComparer.Ordinal);

    /// <summary>Prepares calling for one specimen on one assembly.</summary>
    /// <param name="assembly">The reference the files are on.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="knowledgeBase">The knowledge base; the embedded one by default.</param>
    public FusionCaller(GenomeAssembly assembly, StructuralCallOptions? options = null, KnowledgeBase? knowledgeBase = null)
    {
        _kb = knowledgeBase ?? KnowledgeBase.Default;
        _options = options ?? new StructuralCallOptions();
        _features = new GenomeFeatures(_kb, assembly, _options.Exons);
        _par = _kb.PseudoautosomalRegions.TryGetValue(assembly, out var par) ? par : new Dictionary<string, GenomicInterval>();
    }

    /// <summary>Annotates every record of an SV VCF and adds the fusions its PASS adjacencies make (a BND pair counts once).</summary>
    /// <param name="file">The parsed SV VCF.</param>
    /// <param name="sourceName">The file name used in evidence (the stored source_file).</param>
    public IReadOnlyList<StructuralVariantAnnotation> AddStructuralVariants(StructuralVariantFile file, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = new List<StructuralVariantAnnotation>();
        var seen = new Dictionary<string, FusionEvidence?>(StringComparer.Ordinal);
        var lineById = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in file.Records)
        {
            var contig = Canonical(r.Contig);
            var gene = PartnerName(r.Contig, r.Position);
            var mateGene = r.MateContig is null ? null : PartnerName(r.MateContig, r.MatePosition!.Value);
            if (r.MateContig is null || !r.Passed)
            {
                result.Add(new StructuralVariantAnnotation(r, gene, mateGene, null));
                continue;
            }

            // Both records of a BND pair describe one junction: the key is the same from either end.
            var here = $"{contig}:{r.Position}:{r.Side}";
            var there = $"{Canonical(r.MateContig)}:{r.MatePosition}:{r.MateSide}";
            var key = string.CompareOrdinal(here, there) <= 0 ? here + "|" + there : there + "|" + here;
            if (r.Id is not null)
            {
                lineById[r.Id] = r.Line;
            }

            if (seen.TryGetValue(key, out var earlier) || (r.MateId is not null && lineById.ContainsKey(r.MateId) && seen.TryGetValue(MateKey(r.MateId), out earlier)))
            {
                if (earlier is not null)
                {
                    // Every key of the junction must see the updated evidence, or a third record of it (two callers'
                    // files concatenated, a mate pair plus a single-record call) would extend the stale copy.
                    var updated = earlier with { Evidence = $"{earlier.Evidence},{r.Line.ToString(CultureInfo.InvariantCulture)}" };
                    Replace(earlier, updated);
                    foreach (var k in seen.Where(p => ReferenceEquals(p.Value, earlier)).Select(p => p.Key).ToList())
                    {
                        seen[k] = updated;
                    }

                    earlier = updated;
                }

                result.Add(new StructuralVariantAnnotation(r, gene, mateGene, earlier?.Fusion));
                continue;
            }

            var a = new Breakpoint(r.Contig, r.Position, r.Side, null, []);
            var b = new Breakpoint(r.MateContig, r.MatePosition!.Value, r.MateSide, null, []);
            var support = $"SVTYPE {r.Type}" + (r.Imprecise ? ", imprecise" : string.Empty)
                + (r.PositionInterval is { } ci ? $", CIPOS {ci.Low},{ci.High}" : string.Empty)
                + (r.EndInterval is { } ce ? $", CIEND {ce.Low},{ce.High}" : string.Empty);
            var evidence = Orient(a, b, "DNA", "sv_vcf", support, $"{sourceName}:{r.Line.ToString(CultureInfo.InvariantCulture)}", orderKnown: false);
            seen[key] = evidence;
            if (r.Id is not null)
            {
                seen[MateKey(r.Id)] = evidence;
            }

            if (evidence is not null)
            {
                Add(evidence);
            }

            result.Add(new StructuralVariantAnnotation(r, gene, mateGene, evidence?.Fusion));
        }

        return result;
    }

    /// <summary>
    /// RNA calls left out for too little read support (<see cref="StructuralCallOptions.FusionReadsEach"/>), as
    /// <c>file:line GENES (n split, m spanning)</c>, in the order met.
    /// </summary>
    public IReadOnlyList<string> LowSupportCalls => _lowSupport;

    // MD-ALL's rule (ALL-knowledge.md §3.5 rule 5): both counts at least FusionReadsEach, or their sum at least
    // FusionReadsTotal. A count the caller does not give is taken as 0.
    private bool EnoughReads(FusionCallRecord call)
    {
        var split = call.SplitReads ?? 0;
        var spanning = call.SpanningPairs ?? 0;
        return (split >= _options.FusionReadsEach && spanning >= _options.FusionReadsEach) || split + spanning >= _options.FusionReadsTotal;
    }

    /// <summary>Adds the calls of an RNA fusion table; returns the evidence each call gave (null where no KB/named partner pair).</summary>
    /// <param name="file">The parsed table.</param>
    /// <param name="sourceName">The file name used in evidence.</param>
    public IReadOnlyList<FusionEvidence?> AddFusionCalls(FusionTableFile file, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var caller = file.Format == FusionTableFormat.Arriba ? "arriba" : "star-fusion";
        var result = new List<FusionEvidence?>();
        foreach (var call in file.Calls)
        {
            if (!EnoughReads(call))
            {
                _lowSupport.Add($"{sourceName}:{call.Line.ToString(CultureInfo.InvariantCulture)} {string.Join(',', call.GeneA)}::{string.Join(',', call.GeneB)} ({call.SplitReads?.ToString(CultureInfo.InvariantCulture) ?? "?"} split, {call.SpanningPairs?.ToString(CultureInfo.InvariantCulture) ?? "?"} spanning)");
                result.Add(null);
                continue;
            }

            var a = new Breakpoint(call.ContigA, call.PositionA, call.SideA, call.StrandA, call.GeneA);
            var b = new Breakpoint(call.ContigB, call.PositionB, call.SideB, call.StrandB, call.GeneB);
            var support = string.Join(", ", new[]
            {
                call.SplitReads is { } s ? $"split reads {s}" : null,
                call.SpanningPairs is { } p ? $"spanning pairs {p}" : null,
                call.Confidence is { } c ? $"confidence {c}" + (c == "low" ? " [P]" : string.Empty) : null,
                call.ReadingFrame is { } f ? $"frame {f}" : null,
            }.Where(x => x is not null));
            var evidence = Orient(a, b, "RNA", caller, support, $"{sourceName}:{call.Line.ToString(CultureInfo.InvariantCulture)}", orderKnown: true);
            if (evidence is not null)
            {
                Add(evidence);
            }

            result.Add(evidence);
        }

        return result;
    }

    /// <summary>
    /// The findings: one per fusion name with all its evidence. The knowledge base names a fusion 5'::3'; a junction
    /// seen the other way round (the reciprocal B::A of a translocation or inversion, next to A::B or alone) belongs to
    /// the same balanced rearrangement and is folded into the named fusion, so a balanced translocation is one finding
    /// under its name. A deletion- or duplication-type junction (<see cref="FusionEvidence.Collinear"/>) is the
    /// reciprocal of nothing: it keeps its own name.
    /// </summary>
    public IReadOnlyList<FusionFinding> Findings()
    {
        foreach (var name in _byName.Keys.ToList())
        {
            var parts = name.Split("::");
            if (parts.Length != 2 || IsNamedFusion(name) || !IsNamedFusion($"{parts[1]}::{parts[0]}"))
            {
                continue;
            }

            var reciprocal = _byName[name].Where(e => !e.Collinear).ToList();
            if (reciprocal.Count == 0)
            {
                continue;
            }

            var named = $"{parts[1]}::{parts[0]}";
            if (!_byName.TryGetValue(named, out var kept))
            {
                _byName[named] = kept = [];
            }

            kept.AddRange(reciprocal.Select(e => e with { Detail = $"reciprocal junction {e.Fusion}; {e.Detail}" }));
            _byName[name].RemoveAll(reciprocal.Contains);
            if (_byName[name].Count == 0)
            {
                _byName.Remove(name);
            }
        }

        return _byName.Select(pair =>
        {
            var feature = Feature(pair.Key);
            var certainty = pair.Value.Select(Certainty).Aggregate(Leukemia.Certainty.VerifiedData, Weakest);
            return new FusionFinding(pair.Key, pair.Key.Split("::"), pair.Value, feature, certainty);
        }).OrderBy(f => f.Fusion, StringComparer.Ordinal).ToList();
    }

    private bool IsNamedFusion(string name) => _kb.FusionFeatures.Any(f => f.Feature == name);

    /// <summary>How a fusion row's detail starts when DNA (an SV file) is among its evidence ("evidence from DNA and RNA" too).</summary>
    internal const string DnaEvidence = "evidence from DNA";

    /// <summary>The findings as <c>abnormalities</c> rows (category <c>fusion</c>).</summary>
    /// <param name="geneticOrigin">The origin written (tumour-only data: <c>unknown</c>).</param>
    public IReadOnlyList<Abnormality> Abnormalities(string geneticOrigin) =>
        Findings().Select(f =>
        {
            var molecules = f.Evidence.Select(e => e.Molecule).Distinct().OrderBy(m => m, StringComparer.Ordinal);
            var details = new List<string> { $"evidence from {string.Join(" and ", molecules)}" };
            if (f.Subtype is { } s)
            {
                details.Add($"B-ALL subtype {s.Subtype} ({s.Note}, {s.Significance}; {s.Source})");
            }

            details.AddRange(f.Evidence.Select(e => $"{e.Molecule} {e.Caller} {e.Chrom5}:{e.Pos5}→{e.Chrom3}:{e.Pos3} ({e.Support}; {e.Detail})"));
            return new Abnormality(f.Fusion, "fusion", f.Genes, string.Join("; ", details), string.Join("; ", f.Evidence.Select(e => e.Evidence)), geneticOrigin, f.Certainty);
        }).ToList();

    private static string MateKey(string id) => "id:" + id;

    private static string Canonical(string contig) => ContigAliases.Canonical(contig) ?? contig;

    private static Certainty Weakest(Certainty a, Certainty b) => (Certainty)Math.Max((int)a, (int)b);

    private Certainty Certainty(FusionEvidence e)
    {
        // A rule marked [P]/[U] in the detail, or a caller's own low confidence in the support, weakens the evidence.
        var marked = $"{e.Detail} {e.Support}";
        var certainty = marked.Contains("[P]", StringComparison.Ordinal) || marked.Contains("[U]", StringComparison.Ordinal) ? Leukemia.Certainty.Partial : Leukemia.Certainty.VerifiedData;
        foreach (var gene in new[] { e.Gene5, e.Gene3 })
        {
            if (_features.Gene(gene) is { } g)
            {
                certainty = Weakest(certainty, g.Certainty);
            }
            else if (_features.Gene(gene + "_locus") is { } locus)
            {
                certainty = Weakest(certainty, locus.Certainty);
            }
        }

        return certainty;
    }

    private FusionFeature? Feature(string name)
    {
        // A fusion can head several rows (P2RY8::CRLF2: a Ph-like featured fusion, and a lesion featured in iAMP21,
        // which it accompanies but does not define): a signature fusion first, a lesion merely featured last.
        var exact = _kb.FusionFeatures.Where(f => f.Feature == name)
            .OrderBy(f => f.Note switch { "signature fusion" => 0, "featured lesion" => 2, _ => 1 })
            .ThenBy(f => f.Significance switch { "Definitive" => 0, "High" => 1, _ => 2 })
            .FirstOrDefault();
        if (exact is not null)
        {
            return exact;
        }

        // Promiscuous anchors (KMT2A, ZNF384, CRLF2, DUX4 …) name the subtype alone (§3.5 rule 2); the strongest row wins.
        var genes = name.Split("::");
        return _kb.FusionFeatures
            .Where(f => !f.Feature.Contains("::", StringComparison.Ordinal) && genes.Contains(f.Feature))
            .OrderBy(f => f.Significance switch { "Definitive" => 0, "High" => 1, _ => 2 })
            .FirstOrDefault();
    }

    private void Add(FusionEvidence evidence)
    {
        if (!_byName.TryGetValue(evidence.Fusion, out var list))
        {
            _byName[evidence.Fusion] = list = [];
        }

        list.Add(evidence);
    }

    private void Replace(FusionEvidence old, FusionEvidence updated)
    {
        if (_byName.TryGetValue(old.Fusion, out var list) && list.IndexOf(old) is var i and >= 0)
        {
            list[i] = updated;
        }
    }

    private string? PartnerName(string written, long at)
    {
        var (contig, position) = OnX(written, at);
        return _features.LocusAt(contig, position) is { } locus ? GenomeFeatures.LocusName(locus) : _features.GeneAt(contig, position)?.Symbol;
    }

    /// <summary>
    /// The canonical contig and position whose knowledge-base genes apply: a chrY pseudo-autosomal position is read as
    /// the same base of its chrX copy (the knowledge base places PAR genes such as CRLF2 and P2RY8 on chrX only; on a
    /// reference whose Y PAR is not masked, or in t(Y;14), a caller reports them on chrY, ALL-knowledge.md §3.4).
    /// </summary>
    private (string Contig, long Position) OnX(string written, long position)
    {
        var contig = Canonical(written);
        if (contig == "chrY")
        {
            foreach (var (name, y) in _par)
            {
                if (y.Contig == "chrY" && position >= y.Start && position <= y.End && _par.TryGetValue(name.Replace("chrY", "chrX", StringComparison.Ordinal), out var x))
                {
                    return (x.Contig, x.Start + (position - y.Start));
                }
            }
        }

        return (contig, position);
    }

    private FusionEvidence? Orient(Breakpoint a, Breakpoint b, string molecule, string caller, string support, string evidence, bool orderKnown)
    {
        var pa = Resolve(a);
        var pb = Resolve(b);
        if (pa.Locus is not null || pb.Locus is not null)
        {
            if (pa.Locus is not null && pb.Locus is not null)
            {
                return null;
            }

            var (locus, other, locusPoint, otherPoint) = pa.Locus is not null ? (pa, pb, a, b) : (pb, pa, b, a);
            var partner = other.Gene?.Symbol ?? other.CallerName;
            var how = other.Upstream > 0 ? $"partner gene {other.Upstream.ToString(CultureInfo.InvariantCulture)} bp downstream of the breakpoint (promoter window [P])"
                : other.Gene is not null || other.CallerName is not null ? "partner gene at the breakpoint" : null;
            if (partner is null && OnX(otherPoint.Contig, otherPoint.Position) is var onX && _features.NearestGene(onX.Contig, onX.Position, _options.LocusPartnerWindow) is { } near)
            {
                partner = near.Gene.Symbol;
                how = $"nearest knowledge-base gene, {near.Distance.ToString(CultureInfo.InvariantCulture)} bp from the breakpoint (window {_options.LocusPartnerWindow.ToString(CultureInfo.InvariantCulture)} bp) [U]";
            }

            if (partner is null)
            {
                return null;
            }

            var name = $"{locus.Locus}::{partner}";
            return new FusionEvidence(name, locus.Locus!, partner, molecule, caller, locusPoint.Contig, locusPoint.Position, otherPoint.Contig, otherPoint.Position, null, support, evidence, $"Ig/TCR locus juxtaposition, locus named first (ALL-knowledge.md §3.5 rule 3 [P]); {how}");
        }

        var geneA = pa.Gene?.Symbol ?? pa.CallerName;
        var geneB = pb.Gene?.Symbol ?? pb.CallerName;
        if ((geneA is null) != (geneB is null))
        {
            return geneA is not null
                ? AnchorAlone(pa, a, b, molecule, caller, support, evidence)
                : AnchorAlone(pb, b, a, molecule, caller, support, evidence);
        }

        if (geneA is null || geneB is null || geneA == geneB)
        {
            return null;
        }

        var strandA = a.TranscribedStrand ?? Strand(pa.Gene);
        var strandB = b.TranscribedStrand ?? Strand(pb.Gene);
        if (a.Side is { } sideA && b.Side is { } sideB && strandA is not null && strandB is not null)
        {
            var aIsFive = IsFivePrimePart(sideA, strandA.Value);
            var bIsFive = IsFivePrimePart(sideB, strandB.Value);
            var how = $"{geneA} ({strandA}) keeps its {Word(sideA)} side, {geneB} ({strandB}) its {Word(sideB)} side";
            if (aIsFive == bIsFive || (pa.Upstream > 0 && aIsFive) || (pb.Upstream > 0 && bIsFive))
            {
                // Both partners run into (or away from) the junction: no sense transcript from this adjacency. A gene
                // named from upstream of its 5' end is in the junction only when the kept side holds all of it.
                return null;
            }

            if (pa.Upstream > 0 || pb.Upstream > 0)
            {
                var (upstreamGene, distance) = pa.Upstream > 0 ? (geneA, pa.Upstream) : (geneB, pb.Upstream);
                how += $"; the {upstreamGene} breakpoint lies {distance.ToString(CultureInfo.InvariantCulture)} bp upstream of {upstreamGene}, which is kept whole (promoter window {_options.PromoterWindow.ToString(CultureInfo.InvariantCulture)} bp [P])";
            }

            // Both ends on one chromosome with opposite sides kept: a deletion- or duplication-type junction.
            var collinear = OnX(a.Contig, a.Position).Contig == OnX(b.Contig, b.Position).Contig && sideA != sideB;
            return aIsFive
                ? new FusionEvidence($"{geneA}::{geneB}", geneA, geneB, molecule, caller, a.Contig, a.Position, b.Contig, b.Position, true, support, evidence, how) { Collinear = collinear }
                : new FusionEvidence($"{geneB}::{geneA}", geneB, geneA, molecule, caller, b.Contig, b.Position, a.Contig, a.Position, true, support, evidence, how) { Collinear = collinear };
        }

        // Orientation unknown: RNA callers list the 5' partner first; for DNA the knowledge base's order is used. A gene
        // taken from upstream of its 5' end needs the orientation to show that it is kept whole.
        if (pa.Upstream > 0 || pb.Upstream > 0)
        {
            return null;
        }

        if (orderKnown || Feature($"{geneA}::{geneB}") is { Feature: var fa } && fa == $"{geneA}::{geneB}")
        {
            return new FusionEvidence($"{geneA}::{geneB}", geneA, geneB, molecule, caller, a.Contig, a.Position, b.Contig, b.Position, null, support, evidence, orderKnown ? "orientation not given: 5' partner as listed by the caller [P]" : "orientation not given: named in the knowledge base's order [P]");
        }

        if (Feature($"{geneB}::{geneA}") is { Feature: var fb } && fb == $"{geneB}::{geneA}")
        {
            return new FusionEvidence($"{geneB}::{geneA}", geneB, geneA, molecule, caller, b.Contig, b.Position, a.Contig, a.Position, null, support, evidence, "orientation not given: named in the knowledge base's order [P]");
        }

        return null;
    }

    // The promiscuous anchor genes of ALL-knowledge.md §3.5 rule 2 [V-data] (IGH is a locus, named above); one names a
    // subtype when the fusion table has a row of its own for it ('KMT2A fusion', 'featured fusion' ...).
    private static readonly HashSet<string> AnchorGenes = new(StringComparer.Ordinal)
    {
        "KMT2A", "ZNF384", "MEF2D", "NUTM1", "PAX5", "ABL1", "ABL2", "CSF1R", "PDGFRB", "PDGFRA", "JAK2", "CRLF2", "EPOR", "DUX4", "HLF",
    };

    private const long AnchorLocalWindow = 1_000_000;

    // A breakpoint in a promiscuous anchor gene (KMT2A, ZNF384, DUX4, ABL1 ...) joined to a place where the knowledge base
    // has no gene: the anchor alone names the subtype, as a break-apart FISH probe would (§3.5 rule 2 [V-data]), under
    // the name ANCHOR::? (or ?::ANCHOR when the anchor is the 3' part). A kinase or receptor anchor of Ph-like ALL
    // ('featured fusion') counts only when it can be the 3' part, which keeps its kinase or receptor domain.
    private FusionEvidence? AnchorAlone((GeneEntry? Gene, string? Locus, string? CallerName, long Upstream) anchor, Breakpoint anchorPoint, Breakpoint otherPoint, string molecule, string caller, string support, string evidence)
    {
        // A junction within 1 Mb on the anchor's own chromosome is most likely a local deletion or duplication (the
        // knowledge base lists few genes, so the other end is often "no gene"), or a DUX4 repeat artefact: not counted.
        var (anchorContig, anchorPosition) = OnX(anchorPoint.Contig, anchorPoint.Position);
        var (otherContig, otherPosition) = OnX(otherPoint.Contig, otherPoint.Position);
        if (anchorContig == otherContig && Math.Abs(anchorPosition - otherPosition) < AnchorLocalWindow)
        {
            return null;
        }

        var symbol = anchor.Gene?.Symbol ?? anchor.CallerName;
        if (symbol is null || anchor.Upstream > 0 || !AnchorGenes.Contains(symbol)
            || !_kb.FusionFeatures.Any(f => f.Feature == symbol && f.Note.Contains("fusion", StringComparison.Ordinal)))
        {
            return null;
        }

        var strand = anchorPoint.TranscribedStrand ?? Strand(anchor.Gene);
        bool? anchorIsFive = anchorPoint.Side is { } side && strand is { } s ? IsFivePrimePart(side, s) : null;
        if (anchorIsFive == true && _kb.FusionFeatures.Any(f => f.Feature == symbol && f.Note == "featured fusion"))
        {
            return null;
        }

        var partner = $"partner at {otherPoint.Contig}:{otherPoint.Position.ToString(CultureInfo.InvariantCulture)}, where the knowledge base has no gene [P]";
        var how = anchorIsFive is null ? "orientation not given" : $"{symbol} ({strand}) keeps its {Word(anchorPoint.Side!.Value)} side, the {(anchorIsFive.Value ? "5'" : "3'")} part";
        var detail = $"{symbol} rearrangement: the anchor gene alone names the subtype (ALL-knowledge.md §3.5 rule 2 [V-data]); {partner}; {how}";
        return anchorIsFive == false
            ? new FusionEvidence($"?::{symbol}", "?", symbol, molecule, caller, otherPoint.Contig, otherPoint.Position, anchorPoint.Contig, anchorPoint.Position, null, support, evidence, detail)
            : new FusionEvidence($"{symbol}::?", symbol, "?", molecule, caller, anchorPoint.Contig, anchorPoint.Position, otherPoint.Contig, otherPoint.Position, null, support, evidence, detail);
    }

    // A breakend keeps a gene's 5' part when it keeps the side upstream in the gene's transcription: the left side of a
    // plus-strand gene, the right side of a minus-strand one.
    private static bool IsFivePrimePart(Formats.Calls.BreakendSide side, char strand) => (side == Formats.Calls.BreakendSide.Left) == (strand == '+');

    private static string Word(Formats.Calls.BreakendSide side) => side == Formats.Calls.BreakendSide.Left ? "left" : "right";

    private static char? Strand(GeneEntry? gene) => gene?.Strand switch
    {
        "+" => '+',
        "-" => '-',
        _ => null,
    };

    // The gene, Ig/TCR locus or caller-named gene at a breakpoint; Upstream is the distance when the gene was taken from
    // just upstream of its 5' end (PromoterWindow), which only a fusion keeping the whole gene as its 3' partner can use.
    private (GeneEntry? Gene, string? Locus, string? CallerName, long Upstream) Resolve(Breakpoint point)
    {
        var (contig, position) = OnX(point.Contig, point.Position);
        if (_features.LocusAt(contig, position) is { } locus)
        {
            return (null, GenomeFeatures.LocusName(locus), null, 0);
        }

        if (_features.GeneAt(contig, position) is { } gene)
        {
            return (gene, null, null, 0);
        }

        // Intergenic by the knowledge base: a caller-named neighbour that the knowledge base knows, else its first name.
        var known = point.CallerGenes.Select(n => _features.Gene(n)).FirstOrDefault(g => g is not null && !GenomeFeatures.IsLocus(g));
        if (known is not null)
        {
            return (known, null, null, 0);
        }

        // A caller's IGH gene names the IGH locus on chr14 (outside the knowledge base's span) or on a contig the
        // knowledge base does not place (alt/unplaced); elsewhere it is another gene (IGHMBP2 on chr11) or an orphon.
        if (point.CallerGenes.Any(n => n.StartsWith("IGH", StringComparison.Ordinal)) && ContigAliases.Canonical(point.Contig) is null or "chr14")
        {
            return (null, "IGH", null, 0);
        }

        if (point.CallerGenes.Count > 0)
        {
            return (null, null, point.CallerGenes[0], 0);
        }

        return _features.GeneUpstreamOf(contig, position, _options.PromoterWindow) is { } upstream
            ? (upstream.Gene, null, null, upstream.Distance)
            : (null, null, null, 0);
    }

    private sealed record Breakpoint(string Contig, long Position, Formats.Calls.BreakendSide? Side, char? TranscribedStrand, IReadOnlyList<string> CallerGenes);
}
