using System.Globalization;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Gene deletions from an SV VCF (Manta, DELLY, GRIDSS …): every PASS (or unfiltered) <c>SVTYPE=DEL</c> record and every
/// deletion-type breakend pair (one chromosome, the bases up to the lower breakend and from the higher one kept, as
/// GRIDSS writes a deletion) becomes a deletion segment of the bases between, and the copy-number gene rule
/// (<see cref="CopyNumberCaller.GeneCall"/>: overlap, exons lost, whole-gene or intragenic, IKZF1 Δ4–7) calls the genes
/// from those segments, so both kinds of file give the same <c>GENE deletion</c> rows.
/// <list type="bullet">
/// <item>A junction is not a copy number: reading it as the loss of the bases between is ALL-knowledge.md §3.5 rule 4
/// [P], so a call is at best <see cref="Certainty.Partial"/>, and only deletions of
/// <see cref="StructuralCallOptions.StructuralDeletionMinimumLength"/> to
/// <see cref="StructuralCallOptions.StructuralDeletionMaximumLength"/> count (shorter: indels; longer: see there).</item>
/// <item>Zygosity comes from the specimen's GT where its column is known (not guessed): 1/1 is homozygous, 0/0 means
/// the specimen lacks the deletion; two different junctions over the same bases are homozygous there (one copy cannot
/// lose the same bases twice in one cell; subclones are not told apart); without GT, heterozygous (at least one copy).</item>
/// <item>The same junction written twice (a BND pair, or two callers' records with the same breakpoints) counts once.</item>
/// <item>A gene without such a deletion is <see cref="GeneCopyState.NotAssessable"/>, never "not deleted": SV callers
/// miss whole-chromosome and arm losses (no junction at the gene), panel and exome calls see only their targets, and
/// subclonal or repeat-flanked deletions go uncalled, so an SV file cannot show a gene intact.</item>
/// </list>
/// </summary>
public static class StructuralDeletionCaller
{
    // Two junctions whose ends lie this close (plus their confidence intervals) are one deletion written twice.
    private const long SameJunctionSlack = 100;

    /// <summary>Calls the genes of <see cref="CopyNumberCaller.Genes"/> from one SV file's deletions.</summary>
    /// <param name="file">The parsed SV VCF.</param>
    /// <param name="assembly">The reference the file is on.</param>
    /// <param name="sourceName">The file name used in evidence (the stored source_file).</param>
    /// <param name="options">Lengths and exons; defaults when null.</param>
    /// <param name="specimenType">Which column the specimen is when the header says (<c>##tumor_sample</c>/<c>##normal_sample</c>).</param>
    /// <param name="specimenId">The specimen id, to find a column named like it.</param>
    /// <param name="geneticOrigin">The origin written on abnormalities.</param>
    /// <param name="knowledgeBase">The knowledge base; the embedded one by default.</param>
    public static StructuralDeletionProfile Call(StructuralVariantFile file, GenomeAssembly assembly, string sourceName, StructuralCallOptions? options = null, SpecimenType specimenType = SpecimenType.Tumour, string? specimenId = null, string geneticOrigin = "unknown", KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= new StructuralCallOptions();
        var features = new GenomeFeatures(knowledgeBase ?? KnowledgeBase.Default, assembly, options.Exons);
        var sample = SampleChoice.For(file.Header, specimenType, specimenId);
        var junctions = Junctions(file, sample, options);
        var pieces = new Dictionary<SegmentCopyNumber, Piece>(ReferenceEqualityComparer.Instance);
        var counted = Segments(junctions.Where(j => j.Excluded is null).ToList(), pieces, overlaps: true);
        var excluded = Segments(junctions.Where(j => j.Excluded is not null).ToList(), pieces, overlaps: false);
        // The evidence text names the records; the description of the same segments goes into the detail.
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        string Evidence(IReadOnlyCollection<SegmentCopyNumber> used)
        {
            var records = used.SelectMany(s => pieces[s].Records).Distinct().OrderBy(r => r.Line).ToList();
            var ids = records.Where(r => r.Id is not null).Select(r => r.Id!).Distinct().ToList();
            var text = records.Count == 0 ? sourceName
                : $"{sourceName}:{string.Join(",", records.Select(r => r.Line.ToString(CultureInfo.InvariantCulture)))}" + (ids.Count > 0 ? $" ({string.Join(", ", ids)})" : string.Empty);
            descriptions[text] = string.Join("; ", used.OrderBy(s => s.Segment.Start).Select(s => pieces[s].Description));
            return text;
        }

        var rules = options.DescribeStructuralDeletions();
        var genes = new List<GeneCopyNumberCall>();
        foreach (var symbol in CopyNumberCaller.Genes)
        {
            if (CopyNumberCaller.GeneCall(symbol, counted, features, options, false, [], Evidence) is not { } call)
            {
                continue;
            }

            if (CopyNumberCaller.IsDeleted(call))
            {
                genes.Add(call with { Detail = $"{call.Detail}; {descriptions[call.Evidence]}", Certainty = (Certainty)Math.Max((int)call.Certainty, (int)Certainty.Partial) });
                continue;
            }

            // The same overlap rule over the deletions left out says whether one of them lies on the gene.
            var left = CopyNumberCaller.GeneCall(symbol, excluded, features, options, false, [], Evidence)!;
            var why = call.State == GeneCopyState.NotDeleted ? $"{call.Detail}; {descriptions[call.Evidence]}"
                : left.Coverage > 0 ? $"{descriptions[left.Evidence]}: not read as a deletion of {symbol}"
                : $"no PASS deletion in {sourceName} overlaps {symbol}";
            genes.Add(call with
            {
                State = GeneCopyState.NotAssessable,
                Extent = null,
                ExonsLost = [],
                Detail = $"{why}; not assessable from an SV file (a caller's silence is not two copies: whole-chromosome and arm losses leave no junction at the gene, panel and exome calls see only their targets)",
                Evidence = left.Coverage > 0 && call.Coverage == 0 ? left.Evidence : call.Evidence,
            });
        }

        var abnormalities = genes.Where(CopyNumberCaller.IsDeleted).Select(g => CopyNumberCaller.DeletionAbnormality(g, rules, geneticOrigin)).ToList();
        // GRIDSS writes GT '.' for every sample: nothing was lost by not reading it.
        var warning = sample.IsGuess && file.Records.Any(r => r.Genotypes?.Any(g => g.Any(char.IsAsciiDigit)) == true)
            ? $"{sourceName}: SV deletions: GT not read, the specimen's sample column is a guess ({sample.Reason}); every PASS deletion counted as the specimen's, heterozygous; name the column like the specimen or add ##{(specimenType == SpecimenType.Tumour ? "tumor_sample" : "normal_sample")}"
            : null;
        return new StructuralDeletionProfile(genes, abnormalities, rules, warning);
    }

    /// <summary>
    /// A deletion row of the same gene and specimen (from a copy-number file, or an earlier SV file) with this SV call
    /// added as evidence, so that one deletion seen in two files is one finding; the row keeps its own zygosity,
    /// extent and certainty (a copy-number file measures the loss) and its detail names what the SV file showed.
    /// </summary>
    /// <param name="owner">The row kept.</param>
    /// <param name="sv">The SV file's call of the same gene.</param>
    public static Abnormality Join(Abnormality owner, GeneCopyNumberCall sv)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(sv);
        var zygosity = sv.State == GeneCopyState.HomozygousDeletion ? "homozygous" : "heterozygous";
        var exons = sv.ExonText is { } e ? " " + e : string.Empty;
        return owner with
        {
            Evidence = $"{owner.Evidence}; {sv.Evidence}",
            Detail = $"{owner.Detail}; also an SV deletion: {sv.Extent} {zygosity}{exons} ({sv.Evidence})",
        };
    }

    private static List<Junction> Junctions(StructuralVariantFile file, SampleChoice sample, StructuralCallOptions options)
    {
        var byBases = new Dictionary<(string Contig, long Start, long End), Junction>();
        foreach (var r in file.Records)
        {
            if (!r.Passed || DeletedBases(r) is not { } bases)
            {
                continue;
            }

            var (present, homozygous, genotype) = Genotype(r, sample);
            if (!present)
            {
                continue;
            }

            if (byBases.TryGetValue(bases, out var same))
            {
                // A BND pair's second record, or the same deletion from a second caller: one deletion.
                byBases[bases] = same with { Records = [.. same.Records, r], Homozygous = same.Homozygous || homozygous, Genotype = same.Genotype == genotype ? genotype : $"{same.Genotype}; {genotype}" };
                continue;
            }

            var length = bases.End - bases.Start + 1;
            var excluded = length < options.StructuralDeletionMinimumLength ? $"shorter than {options.StructuralDeletionMinimumLength.ToString(CultureInfo.InvariantCulture)} bp, an indel"
                : length > options.StructuralDeletionMaximumLength ? $"longer than {options.StructuralDeletionMaximumLength.ToString(CultureInfo.InvariantCulture)} bp, not read as a focal deletion (a junction this long may belong to a complex rearrangement that keeps the bases between; a copy-number file decides)"
                : null;
            byBases[bases] = new Junction(bases.Contig, bases.Start, bases.End, [r], homozygous, genotype, excluded);
        }

        return [.. byBases.Values];
    }

    /// <summary>The bases a DEL record or a deletion-type breakend removes, 1-based closed, on the canonical contig; null for anything else.</summary>
    internal static (string Contig, long Start, long End)? DeletedBases(StructuralVariantRecord r)
    {
        if (r.MateContig is null || r.MatePosition is not { } mate || Canonical(r.MateContig) != Canonical(r.Contig))
        {
            return null;
        }

        var contig = Canonical(r.Contig);
        if (r.Type == StructuralVariantType.Deletion)
        {
            // POS is the base before the deletion (VCF 4.3 §5.3), END (or POS + SVLEN) its last base. A CT other than
            // 3to5 makes it some other junction.
            return r.Side == BreakendSide.Left && r.MateSide == BreakendSide.Right ? (contig, r.Position + 1, mate) : null;
        }

        if (r.Type != StructuralVariantType.Breakend)
        {
            return null;
        }

        // Both breakends are kept bases: the lower keeping its left side and the higher its right side joins them over the
        // bases between (t[p[ at the lower end, ]p]t at the higher). Adjacent breakends with inserted bases lose nothing.
        var (low, lowSide, high, highSide) = r.Position <= mate ? (r.Position, r.Side, mate, r.MateSide) : (mate, r.MateSide, r.Position, r.Side);
        return lowSide == BreakendSide.Left && highSide == BreakendSide.Right && high - low > 1 ? (contig, low + 1, high - 1) : null;
    }

    private static string Canonical(string contig) => ContigAliases.Canonical(contig) ?? contig;

    // Whether the specimen carries the record, whether on every copy, and how that was read.
    private static (bool Present, bool Homozygous, string How) Genotype(StructuralVariantRecord r, SampleChoice sample)
    {
        if (sample.IsGuess)
        {
            // Manta's somatic file puts NORMAL first: a guessed column would read the normal's genotype as the tumour's.
            return (true, false, $"GT not read, the specimen's column is a guess ({sample.Reason}): counted as heterozygous");
        }

        if (sample.Index < 0 || r.Genotypes is not { } genotypes || sample.Index >= genotypes.Count)
        {
            return (true, false, "no GT: counted as heterozygous (at least one copy lost)");
        }

        var gt = genotypes[sample.Index];
        var alleles = gt.Split('/', '|');
        var called = alleles.Where(a => a != ".").ToList();
        if (called.Count == alleles.Length && called.All(a => a == "0"))
        {
            return (false, false, $"GT {gt}");
        }

        return called.Count == alleles.Length && called.All(a => a != "0")
            ? (true, true, $"GT {gt}: homozygous")
            : (true, false, $"GT {gt}: heterozygous");
    }

    // One het or hom segment per junction, and (with overlaps) a homozygous one over the bases two different junctions
    // both remove.
    private static List<SegmentCopyNumber> Segments(List<Junction> junctions, Dictionary<SegmentCopyNumber, Piece> pieces, bool overlaps)
    {
        var segments = new List<SegmentCopyNumber>();
        void Add(string contig, long start, long end, bool homozygous, Piece piece)
        {
            var segment = new SegmentCopyNumber(new CopyNumberSegment((int)piece.Records[0].Line, null, contig, start, end, null, null, null, null, "DEL"), contig, null, homozygous ? "homozygous_deletion" : "heterozygous_deletion");
            segments.Add(segment);
            pieces[segment] = piece;
        }

        foreach (var j in junctions)
        {
            Add(j.Contig, j.Start, j.End, j.Homozygous, new Piece(j.Describe(), j.Records));
        }

        for (var a = 0; overlaps && a < junctions.Count; a++)
        {
            for (var b = a + 1; b < junctions.Count; b++)
            {
                var (x, y) = (junctions[a], junctions[b]);
                var (start, end) = (Math.Max(x.Start, y.Start), Math.Min(x.End, y.End));
                var slack = Math.Max(x.Slack, y.Slack);
                if (x.Contig != y.Contig || start > end || (Math.Abs(x.Start - y.Start) <= slack && Math.Abs(x.End - y.End) <= slack))
                {
                    continue;
                }

                Add(x.Contig, start, end, true, new Piece($"{x.Contig}:{start}-{end} lost on both copies: two different deletions over it (lines {x.Records[0].Line.ToString(CultureInfo.InvariantCulture)} and {y.Records[0].Line.ToString(CultureInfo.InvariantCulture)})", [.. x.Records, .. y.Records]));
            }
        }

        return segments;
    }

    private sealed record Piece(string Description, IReadOnlyList<StructuralVariantRecord> Records);

    private sealed record Junction(string Contig, long Start, long End, IReadOnlyList<StructuralVariantRecord> Records, bool Homozygous, string Genotype, string? Excluded)
    {
        public long Slack => SameJunctionSlack + Records.Max(r => Math.Max(Width(r.PositionInterval), Width(r.EndInterval)));

        public string Describe()
        {
            var first = Records[0];
            var what = first.Type == StructuralVariantType.Deletion ? "DEL" : "deletion-type breakend pair";
            var lines = string.Join(",", Records.Select(r => r.Line.ToString(CultureInfo.InvariantCulture)));
            var ids = Records.Where(r => r.Id is not null).Select(r => r.Id).ToList();
            var precision = Records.Any(r => r.Imprecise) ? ", imprecise" + (first.PositionInterval is { } ci ? $" (CIPOS {ci.Low},{ci.High})" : string.Empty) : string.Empty;
            var length = (End - Start + 1).ToString("N0", CultureInfo.InvariantCulture);
            return $"{what} {Contig}:{Start}-{End} ({length} bp lost; line {lines}{(ids.Count > 0 ? ", ID " + string.Join(", ", ids) : string.Empty)}{precision}; {Genotype})" + (Excluded is null ? string.Empty : $": {Excluded}");
        }

        private static long Width((int Low, int High)? interval) => interval is { } i ? Math.Max(Math.Abs(i.Low), Math.Abs(i.High)) : 0;
    }
}
