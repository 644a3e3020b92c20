using System.Globalization;
using Harmony.Genomics.Formats.Calls;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Copy-number rules on one segment file: gene deletions (heterozygous/homozygous, whole-gene or intragenic with the
/// exons lost; deleted means at least one exon lost where exons are known, as MLPA counts it, ALL-knowledge.md §2.1),
/// copy state per chromosome arm and whole chromosome, the modal number and ploidy class under a named definition
/// (§2.3), masked hypodiploidy from genome-wide LOH when BAF is present [P], and iAMP21 by its chr21 pattern, kept
/// apart from whole-chromosome +21 (§2.3 [P]).
/// </summary>
public static class CopyNumberCaller
{
    /// <summary>The genes and regions called: the UKALL CNA and IKZF1plus set (§2.1, §2.2), ERG, and PTEN/TP53 for the T-ALL and hypodiploid rules.</summary>
    public static IReadOnlyList<string> Genes { get; } = ["IKZF1", "CDKN2A", "CDKN2B", "PAX5", "ETV6", "RB1", "BTG1", "EBF1", "ERG", "PAR1", "PTEN", "TP53"];

    private const double ArmMinimumCoverage = 0.5;
    private const int MaskedHypodiploidyLohChromosomes = 5;
    private const double WholeChromosomeUniformity = 0.8;

    /// <summary>Calls everything from one segment file.</summary>
    /// <param name="file">The segments.</param>
    /// <param name="assembly">The reference the segments are on.</param>
    /// <param name="sourceName">The file name used in evidence.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="hasEtv6Runx1">An ETV6::RUNX1 fusion was found in the specimen (excludes iAMP21, §2.3).</param>
    /// <param name="geneticOrigin">The origin written on abnormalities.</param>
    /// <param name="knowledgeBase">The knowledge base; the embedded one by default.</param>
    public static CopyNumberProfile Call(SegmentFile file, GenomeAssembly assembly, string sourceName, StructuralCallOptions? options = null, bool hasEtv6Runx1 = false, string geneticOrigin = "unknown", KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var kb = knowledgeBase ?? KnowledgeBase.Default;
        options ??= new StructuralCallOptions();
        var features = new GenomeFeatures(kb, assembly, options.Exons);
        var segments = file.Segments.Select(s => Normalise(s, options)).ToList();
        var chromosomes = Chromosomes(segments, kb, assembly, options, file.ReportsOnlyChanges);
        var genes = Genes.Select(g => GeneCall(g, segments, features, options, file.ReportsOnlyChanges, chromosomes, used => Lines(sourceName, used))).Where(g => g is not null).Select(g => g!).ToList();
        var ploidy = Ploidy(chromosomes, options);
        var thresholds = options.Describe();
        var abnormalities = genes.Where(IsDeleted).Select(g => DeletionAbnormality(g, thresholds, geneticOrigin)).ToList();

        abnormalities.AddRange(Aneuploidies(chromosomes, options, contig => SegmentLines(sourceName, segments, contig), geneticOrigin));
        if (ploidy.Class is { } cls && cls != PloidyClass.NearDiploid)
        {
            abnormalities.Add(new Abnormality(AbnormalityName(cls), "ploidy", [], $"modal number {ploidy.ModalNumber}; definition {ploidy.Definition}; {ploidy.Detail}", sourceName, geneticOrigin, ploidy.Certainty));
        }

        if (MaskedHypodiploidy(chromosomes, ploidy) is { } masked)
        {
            abnormalities.Add(new Abnormality("possible masked hypodiploidy", "ploidy", [], masked, sourceName, geneticOrigin, Certainty.Partial));
        }

        if (Chromosome21(segments, chromosomes, features, kb, assembly, hasEtv6Runx1, file) is { } chr21)
        {
            abnormalities.Add(chr21 with { Evidence = SegmentLines(sourceName, segments, "chr21"), GeneticOrigin = geneticOrigin });
        }

        return new CopyNumberProfile(segments, genes, chromosomes, ploidy, abnormalities, thresholds);
    }

    /// <summary>The canonical abnormality name of a class (issue 4's vocabulary), e.g. <c>high hyperdiploidy</c>.</summary>
    /// <param name="value">The class.</param>
    public static string AbnormalityName(PloidyClass value) => value switch
    {
        PloidyClass.NearHaploid => "near-haploidy",
        PloidyClass.LowHypodiploid => "low hypodiploidy",
        PloidyClass.HighHypodiploid => "high hypodiploidy",
        PloidyClass.LowHyperdiploid => "low hyperdiploidy",
        PloidyClass.HighHyperdiploid => "high hyperdiploidy",
        PloidyClass.AboveHighHyperdiploid => "near-triploidy/tetraploidy",
        PloidyClass.Unclassified => "unclassified ploidy",
        _ => "near-diploidy",
    };

    /// <summary>The display name of a class, e.g. <c>High hyperdiploid</c>.</summary>
    /// <param name="value">The class.</param>
    public static string ClassName(PloidyClass value) => value switch
    {
        PloidyClass.NearHaploid => "Near haploid",
        PloidyClass.LowHypodiploid => "Low hypodiploid",
        PloidyClass.HighHypodiploid => "High hypodiploid",
        PloidyClass.LowHyperdiploid => "Low hyperdiploid",
        PloidyClass.HighHyperdiploid => "High hyperdiploid",
        PloidyClass.AboveHighHyperdiploid => "Near-triploid/tetraploid (above high hyperdiploid)",
        PloidyClass.Unclassified => "Unclassified (between the definition's ranges)",
        _ => "Near diploid",
    };

    /// <summary>Whether the call is a deletion (heterozygous or homozygous).</summary>
    internal static bool IsDeleted(GeneCopyNumberCall gene) => gene.State is GeneCopyState.HeterozygousDeletion or GeneCopyState.HomozygousDeletion;

    /// <summary>
    /// The <c>abnormalities</c> row of a gene deletion, from segments or from SV deletions alike: the name stays canonical
    /// (issue 4: 'GENE deletion'); the extent and the exons lost lead the detail, the rules applied close it.
    /// </summary>
    internal static Abnormality DeletionAbnormality(GeneCopyNumberCall gene, string rules, string geneticOrigin)
    {
        var extent = gene.Extent == "intragenic" && gene.ExonText is { } exons ? $"intragenic {exons}; " : string.Empty;
        return new Abnormality($"{gene.Gene} deletion", "deletion", [gene.Gene], $"{extent}{gene.Detail}; {rules}", gene.Evidence, geneticOrigin, gene.Certainty);
    }

    internal static SegmentCopyNumber Normalise(CopyNumberSegment segment, StructuralCallOptions options)
    {
        var contig = ContigAliases.Canonical(segment.Contig) ?? segment.Contig;
        double? cn = segment.CopyNumber;
        if (cn is null && segment.Log2 is { } log2)
        {
            var ratio = Math.Pow(2, log2);
            cn = options.Purity is { } p and > 0 ? Math.Max(0, 2 * (ratio - (1 - p)) / p) : 2 * ratio;
        }

        string state;
        if (segment.CopyNumber is not null || (options.Purity is not null && cn is not null))
        {
            state = cn < 0.5 ? "homozygous_deletion" : cn < 1.5 ? "heterozygous_deletion" : cn >= 2.5 ? "gain" : "neutral";
        }
        else if (segment.Log2 is { } l)
        {
            state = l <= options.HomozygousDeletionLog2 ? "homozygous_deletion" : l <= options.HeterozygousDeletionLog2 ? "heterozygous_deletion" : l >= options.GainLog2 ? "gain" : "neutral";
        }
        else
        {
            state = "unknown";
        }

        return new SegmentCopyNumber(segment, contig, cn, state);
    }

    // file:line,line of the segments a call rests on (the file alone when none).
    private static string Lines(string source, IReadOnlyCollection<SegmentCopyNumber> used) =>
        used.Count == 0 ? source : $"{source}:{string.Join(",", used.Select(s => s.Segment.Line.ToString(CultureInfo.InvariantCulture)))}";

    /// <summary>
    /// One gene's (or PAR1's) copy state from deletion/neutral/gain segments: the one overlap and exon rule for segment
    /// files and for SV deletions (<see cref="StructuralDeletionCaller"/>, whose deletions come in as segments).
    /// </summary>
    /// <param name="symbol">The gene, or <c>PAR1</c>.</param>
    /// <param name="segments">Segments with their state (deletion segments only, for SV deletions).</param>
    /// <param name="features">The knowledge base's genes and exons on the assembly.</param>
    /// <param name="options">Coverage threshold.</param>
    /// <param name="onlyChanges">The file lists changes only (CNV VCF): no segment over the gene means copy-neutral.</param>
    /// <param name="chromosomes">Whole-chromosome copy states (chrX for PAR1); empty when not measured.</param>
    /// <param name="evidence">Names the segments the call rests on (file and lines), given those segments.</param>
    internal static GeneCopyNumberCall? GeneCall(string symbol, IReadOnlyList<SegmentCopyNumber> segments, GenomeFeatures features, StructuralCallOptions options, bool onlyChanges, IReadOnlyList<ChromosomeCopyNumber> chromosomes, Func<IReadOnlyCollection<SegmentCopyNumber>, string> evidence)
    {
        GenomicInterval span;
        Certainty certainty;
        IReadOnlyList<ExonEntry> exons;
        if (symbol == "PAR1")
        {
            // The P2RY8::CRLF2 deletion removes CSF2RA, IL3RA, SLC25A6 and ASMTL between CRLF2 and P2RY8 (§3.4).
            if (features.Gene("CSF2RA")?.On(features.Assembly) is not { } csf2ra || features.Gene("P2RY8")?.On(features.Assembly) is not { } p2ry8)
            {
                return null;
            }

            span = new GenomicInterval(csf2ra.Contig, Math.Min(csf2ra.Start, p2ry8.Start), Math.Max(csf2ra.End, p2ry8.End));
            certainty = Certainty.VerifiedData;
            exons = [];
        }
        else
        {
            if (features.Gene(symbol) is not { } gene || gene.On(features.Assembly) is not { } s)
            {
                return null;
            }

            span = s;
            certainty = gene.Certainty;
            exons = features.Exons(symbol);
        }

        // A segment without a value (NA) covers nothing: the gene is not assessable there, not "covered and not deleted".
        var over = segments.Where(s => s.Contig == span.Contig && s.Segment.Start <= span.End && s.Segment.End >= span.Start).ToList();
        var overlapping = over.Where(s => s.State != "unknown").ToList();
        var used = evidence(overlapping);
        var coverage = Coverage(overlapping.Select(s => (s.Segment.Start, s.Segment.End)), span.Start, span.End);
        var transcript = exons.Count > 0 ? exons[0].Transcript : null;
        var where = $"{span}";
        var deleted = overlapping.Where(s => s.State is "homozygous_deletion" or "heterozygous_deletion").ToList();
        if (deleted.Count > 0)
        {
            var lost = exons.Where(e => deleted.Any(d => d.Segment.Start <= e.Interval.End && d.Segment.End >= e.Interval.Start)).Select(e => e.Number).ToList();
            // Exon positions decide the exons lost and whole vs intragenic, so derived exons (IKZF1 4-7 on GRCh38) weaken
            // the call unless the deletion spans the whole gene regardless of exons.
            var derived = exons.Where(e => e.Certainty != Certainty.VerifiedData).Select(e => e.Number).ToList();
            var exonCertainty = exons.Count == 0 ? certainty : (Certainty)Math.Max((int)certainty, (int)exons.Max(e => e.Certainty));
            if (exons.Count > 0 && lost.Count == 0)
            {
                return new GeneCopyNumberCall(symbol, GeneCopyState.NotDeleted, null, [], transcript, null, coverage, $"a deletion lies in {symbol} ({where}) but removes no exon of {transcript}: not counted (exon-based rule as MLPA, ALL-knowledge.md §2.1)", used, exonCertainty);
            }

            used = evidence(deleted);
            var homozygous = deleted.Any(d => d.State == "homozygous_deletion");
            var wholeSpan = Coverage(deleted.Select(d => (d.Segment.Start, d.Segment.End)), span.Start, span.End) >= 0.999;
            var whole = wholeSpan || (exons.Count > 0 && lost.Count == exons.Count);
            var minimum = deleted.Where(d => d.CopyNumber is not null).Select(d => d.CopyNumber!.Value).DefaultIfEmpty(double.NaN).Min();
            var zygosity = homozygous ? "homozygous" : "heterozygous";
            var extent = whole ? "whole-gene" : "intragenic";
            if (!wholeSpan)
            {
                certainty = exonCertainty;
            }

            var partly = exons.Where(e => lost.Contains(e.Number) && Coverage(deleted.Select(d => (d.Segment.Start, d.Segment.End)), e.Interval.Start, e.Interval.End) < 1).Select(e => e.Number).ToList();
            var call = new GeneCopyNumberCall(symbol, homozygous ? GeneCopyState.HomozygousDeletion : GeneCopyState.HeterozygousDeletion, extent, lost, transcript, double.IsNaN(minimum) ? null : minimum, coverage, string.Empty, used, certainty);
            var exonText = exons.Count == 0
                ? "exons not assessable (the knowledge base has no exon coordinates for this gene; ALL-knowledge.md §7.4)"
                : $"exons {call.ExonNumbers} ({call.ExonText}) lost of {exons.Count} on {transcript}" + (partly.Count > 0 ? $"; breakpoint inside exon {string.Join(",", partly)} (partly deleted, counted as lost)" : string.Empty) + (derived.Count > 0 && !wholeSpan ? $"; exon {string.Join(",", derived)} coordinates on {features.Assembly} derived [D] (PROVENANCE.md): re-check before clinical use" : string.Empty);
            var detail = $"{extent} {zygosity} deletion of {symbol} ({where})" + (call.ExonText is { } d ? $" {d}" : string.Empty) + $"; {exonText}" + (call.MinimumCopyNumber is { } m ? $"; minimum copy number {m.ToString("0.##", CultureInfo.InvariantCulture)}" : string.Empty);
            if (symbol == "PAR1" && !homozygous && chromosomes.FirstOrDefault(c => c.Chromosome == "chrX" && c.Arm == "whole") is { } chrX
                && (chrX.CopyNumber == 1 || (chrX.MedianCopyNumber is { } level && !double.IsNaN(minimum) && minimum > level - 0.5)))
            {
                // The rule counts an interstitial PAR1 deletion (the P2RY8::CRLF2 one, §2.1), lower than the rest of chrX. A
                // caller treating chrX as haploid in a male halves PAR1 too (ClinCNV #12, CNVkit PR #789; §3.4), and with
                // an extra X (1.6 copies, say) PAR1 sits at the chromosome's level, not below it.
                var at = chrX.MedianCopyNumber is { } median ? median.ToString("0.##", CultureInfo.InvariantCulture) : chrX.CopyNumber?.ToString(CultureInfo.InvariantCulture) ?? "?";
                return call with { State = GeneCopyState.NotAssessable, Extent = null, Detail = $"PAR1 at the level of the rest of chrX (copy number {at}: male, X gain or X loss), not below it: an interstitial PAR1 deletion cannot be told from the chromosome's own copy number or haploid chrX calling; call PAR as diploid (e.g. CNVkit --diploid-parx-genome)" };
            }

            return call with { Detail = detail };
        }

        // In a file that reports changes only, a record over the gene without a value (one its caller's filters failed,
        // or a DEL without CN) leaves the gene unmeasured, not copy-neutral.
        var unmeasured = onlyChanges ? over.Where(s => s.State == "unknown").ToList() : [];
        if (unmeasured.Count > 0)
        {
            var calls = string.Join("; ", unmeasured.Select(s => s.Segment.Call ?? "no copy number").Distinct());
            return new GeneCopyNumberCall(symbol, GeneCopyState.NotAssessable, null, [], transcript, null, coverage, $"a CNV record over {symbol} ({where}) gives no copy number ({calls}): not taken as copy-neutral", evidence(unmeasured), certainty);
        }

        if (overlapping.Count == 0)
        {
            return onlyChanges
                ? new GeneCopyNumberCall(symbol, GeneCopyState.NotDeleted, null, [], transcript, null, 1, $"no CNV record overlaps {symbol} ({where}); the file reports changes only", used, certainty)
                : new GeneCopyNumberCall(symbol, GeneCopyState.NotAssessable, null, [], transcript, null, 0, $"no segment with a value covers {symbol} ({where})", used, certainty);
        }

        return coverage >= options.MinimumCoverage || onlyChanges
            ? new GeneCopyNumberCall(symbol, GeneCopyState.NotDeleted, null, [], transcript, overlapping.Where(s => s.CopyNumber is not null).Select(s => s.CopyNumber).Min(), coverage, $"covered and not deleted ({where})", used, certainty)
            : new GeneCopyNumberCall(symbol, GeneCopyState.NotAssessable, null, [], transcript, null, coverage, $"segments cover {coverage.ToString("0%", CultureInfo.InvariantCulture)} of {symbol} ({where}), less than {options.MinimumCoverage.ToString("0%", CultureInfo.InvariantCulture)}", used, certainty);
    }

    private static double Coverage(IEnumerable<(long Start, long End)> intervals, long start, long end)
    {
        long covered = 0;
        var position = start;
        foreach (var (s, e) in intervals.OrderBy(i => i.Start))
        {
            var from = Math.Max(s, position);
            var to = Math.Min(e, end);
            if (to >= from)
            {
                covered += to - from + 1;
                position = to + 1;
            }
        }

        return (double)covered / (end - start + 1);
    }

    private static List<ChromosomeCopyNumber> Chromosomes(List<SegmentCopyNumber> segments, KnowledgeBase kb, GenomeAssembly assembly, StructuralCallOptions options, bool onlyChanges)
    {
        var result = new List<ChromosomeCopyNumber>();
        var sizes = kb.ChromosomeSizes[assembly];
        var centromeres = kb.Centromeres[assembly];
        foreach (var chrom in Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)).Concat(["chrX", "chrY"]))
        {
            if (!sizes.TryGetValue(chrom, out var size))
            {
                continue;
            }

            var on = segments.Where(s => s.Contig == chrom && s.CopyNumber is not null).ToList();
            var cen = centromeres.FirstOrDefault(c => c.Contig == chrom);
            if (cen.Contig is null)
            {
                result.Add(Arm(chrom, "whole", 1, size, on, options, onlyChanges, string.Empty));
                continue;
            }

            var p = Arm(chrom, "p", 1, cen.Start - 1, on, options, onlyChanges, string.Empty);
            var q = Arm(chrom, "q", cen.End + 1, size, on, options, onlyChanges, string.Empty);
            result.Add(p);
            result.Add(q);
            ChromosomeCopyNumber whole;
            if (p.CopyNumber is { } pc && q.CopyNumber is { } qc)
            {
                whole = pc == qc
                    ? q with { Arm = "whole", Coverage = (p.Coverage + q.Coverage) / 2, Detail = string.Empty }
                    : Arm(chrom, "whole", 1, size, on, options, onlyChanges, $"arms differ: p {pc}, q {qc}");
            }
            else
            {
                // Acrocentric p arms (13, 14, 15, 21, 22) carry no segments: the q arm stands for the chromosome.
                whole = q.CopyNumber is not null ? q with { Arm = "whole", Detail = "p arm not assessable; q arm used" }
                    : p.CopyNumber is not null ? p with { Arm = "whole", Detail = "q arm not assessable; p arm used" }
                    : p with { Arm = "whole", Detail = "neither arm assessable" };
            }

            result.Add(whole);
        }

        return result;
    }

    private static ChromosomeCopyNumber Arm(string chrom, string arm, long start, long end, List<SegmentCopyNumber> on, StructuralCallOptions options, bool onlyChanges, string detail)
    {
        var pieces = on.Where(s => s.Segment.Start <= end && s.Segment.End >= start)
            .Select(s => (Length: Math.Min(end, s.Segment.End) - Math.Max(start, s.Segment.Start) + 1, Cn: s.CopyNumber!.Value, Maf: s.Segment.MinorAlleleFraction))
            .ToList();
        var length = end - start + 1;
        var covered = pieces.Sum(p => p.Length);
        var neutral = chrom == "chrY" || (chrom == "chrX" && options.Sex == "male") ? 1 : 2;
        if (onlyChanges && covered < length && (chrom != "chrY" || options.Sex == "male"))
        {
            // CNV VCFs list changes only: what they leave out is copy-neutral by the caller's convention (chrY only
            // when the sheet says male: a female has none, and without the sex its absence cannot be read).
            pieces.Add((length - covered, neutral, null));
            covered = length;
        }

        var coverage = (double)covered / length;
        if (coverage < ArmMinimumCoverage || pieces.Count == 0)
        {
            return new ChromosomeCopyNumber(chrom, arm, null, null, "not assessable", coverage, 0, null, null, $"segments cover {coverage.ToString("0%", CultureInfo.InvariantCulture)}" + (detail.Length > 0 ? "; " + detail : string.Empty));
        }

        var sorted = pieces.OrderBy(p => p.Cn).ToList();
        var half = covered / 2.0;
        double running = 0;
        var median = sorted[^1].Cn;
        foreach (var piece in sorted)
        {
            running += piece.Length;
            if (running >= half)
            {
                median = piece.Cn;
                break;
            }
        }

        var integer = (int)Math.Round(median, MidpointRounding.AwayFromZero);
        var uniform = (double)pieces.Where(p => (int)Math.Round(p.Cn, MidpointRounding.AwayFromZero) == integer).Sum(p => p.Length) / covered;
        var withBaf = pieces.Where(p => p.Maf is not null).ToList();
        double? maf = withBaf.Count == 0 ? null : withBaf.Sum(p => p.Maf!.Value * p.Length) / withBaf.Sum(p => p.Length);
        var state = integer > neutral ? "gain" : integer < neutral ? "loss" : "neutral";
        return new ChromosomeCopyNumber(chrom, arm, integer, median, state, coverage, uniform, maf, maf is { } f ? f < options.LohMinorAlleleFraction : null, detail);
    }

    private static PloidyCall Ploidy(List<ChromosomeCopyNumber> chromosomes, StructuralCallOptions options)
    {
        var definition = options.Ploidy.Describe();
        var whole = chromosomes.Where(c => c.Arm == "whole").ToDictionary(c => c.Chromosome);
        var notes = new List<string>();
        var missing = Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)).Where(c => !whole.TryGetValue(c, out var w) || w.CopyNumber is null).ToList();
        if (missing.Count > 4)
        {
            return new PloidyCall(null, null, definition, $"not assessable: {missing.Count} autosomes without copy number", options.Ploidy.Certainty);
        }

        if (missing.Count > 0)
        {
            notes.Add($"{string.Join(", ", missing)} not assessable, counted as 2 copies");
        }

        var modal = Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)).Sum(c => whole.TryGetValue(c, out var w) && w.CopyNumber is { } n ? n : 2);
        var x = whole.TryGetValue("chrX", out var wx) ? wx.CopyNumber : null;
        var y = whole.TryGetValue("chrY", out var wy) ? wy.CopyNumber : null;
        if (x is null)
        {
            x = options.Sex == "male" ? 1 : 2;
            notes.Add($"chrX not assessable, counted as {x}");
        }

        if (y is null)
        {
            // Many pipelines drop chrY; a single X then most likely means a male with his Y (or X loss) — stated, not hidden.
            y = options.Sex == "male" || (options.Sex is null && x == 1) ? 1 : 0;
            notes.Add($"chrY not in the segments, counted as {y}" + (options.Sex is null ? " (sex not given)" : $" (sex {options.Sex})"));
        }

        modal += x.Value + y.Value;
        notes.Add($"modal number = sum of whole-chromosome copy numbers (chrX {x}, chrY {y})");
        return new PloidyCall(modal, options.Ploidy.Classify(modal), definition, string.Join("; ", notes), options.Ploidy.Certainty);
    }

    // The evidence of a chromosome-level finding: the file and the lines of the segments on that chromosome (a ploidy
    // call, which rests on every segment, names the file alone).
    private static string SegmentLines(string source, List<SegmentCopyNumber> segments, string contig) =>
        Lines(source, segments.Where(s => s.Contig == contig && s.State != "unknown").OrderBy(s => s.Segment.Line).ToList());

    private static IEnumerable<Abnormality> Aneuploidies(List<ChromosomeCopyNumber> chromosomes, StructuralCallOptions options, Func<string, string> evidence, string origin)
    {
        foreach (var group in chromosomes.GroupBy(c => c.Chromosome))
        {
            var name = group.Key[3..];
            var whole = group.First(c => c.Arm == "whole");
            if (whole.CopyNumber is not { } n || (group.Key == "chrX" && options.Sex is null && n == 2) || group.Key == "chrY")
            {
                continue;
            }

            var neutral = group.Key == "chrX" && options.Sex == "male" ? 1 : 2;
            if (whole.Detail.StartsWith("arms differ", StringComparison.Ordinal))
            {
                foreach (var arm in group.Where(c => c.Arm != "whole" && c.CopyNumber is { } a && a != neutral))
                {
                    yield return new Abnormality($"{(arm.CopyNumber > neutral ? "gain" : "loss")} {name}{arm.Arm}", "copy_number", [], $"{arm.CopyNumber} copies of {name}{arm.Arm} (median {arm.MedianCopyNumber?.ToString("0.##", CultureInfo.InvariantCulture)}, {arm.Coverage.ToString("0%", CultureInfo.InvariantCulture)} covered)", evidence(group.Key), origin, Certainty.VerifiedData);
                }

                continue;
            }

            if (n == neutral)
            {
                continue;
            }

            if (whole.Uniformity < WholeChromosomeUniformity)
            {
                // Segmental changes (e.g. the iAMP21 pattern) are not a whole-chromosome gain or loss.
                continue;
            }

            var copies = n switch { 0 => "nullisomy", 1 => "monosomy", 3 => "trisomy", 4 => "tetrasomy", 5 => "pentasomy", _ => $"{n} copies" };
            var detail = $"{n} copies ({copies}) of chromosome {name} (median {whole.MedianCopyNumber?.ToString("0.##", CultureInfo.InvariantCulture)})";
            if (name == "21" && n > neutral)
            {
                detail += "; whole-chromosome gain, not the iAMP21 pattern; a constitutional +21 (Down syndrome) looks the same in tumour DNA: check a germline sample";
            }

            if (whole.Loh is { } loh)
            {
                detail += loh ? "; LOH (minor-allele fraction " + whole.MinorAlleleFraction?.ToString("0.##", CultureInfo.InvariantCulture) + ")" : string.Empty;
            }

            yield return new Abnormality(n > neutral ? $"+{name}" : $"-{name}", "aneuploidy", [], detail, evidence(group.Key), origin, Certainty.VerifiedData);
        }
    }

    private static string? MaskedHypodiploidy(List<ChromosomeCopyNumber> chromosomes, PloidyCall ploidy)
    {
        var autosomes = chromosomes.Where(c => c.Arm == "whole" && c.Chromosome is not ("chrX" or "chrY")).ToList();
        if (ploidy.ModalNumber is not { } modal || modal < 47)
        {
            return null;
        }

        if (autosomes.All(c => c.Loh is null))
        {
            // Without BAF the discriminator is missing. A doubled hypodiploid clone has no chromosome at three copies
            // (its retained pairs doubled to four, the lost ones back at two), where high hyperdiploidy is mostly
            // trisomies: gains that are all tetrasomies are the pattern to flag [P].
            var gained = autosomes.Where(c => c.CopyNumber > 2).ToList();
            return gained.Count >= MaskedHypodiploidyLohChromosomes && gained.All(c => c.CopyNumber % 2 == 0)
                ? $"every gained autosome at an even copy number ({string.Join(", ", gained.Select(c => $"{c.Chromosome[3..]}:{c.CopyNumber}"))}), none trisomic, with modal number {modal} and no BAF to test for LOH: a doubled hypodiploid clone mimics hyperdiploidy (ALL-knowledge.md §2.3, Molina 2022 [V]; this pattern as a screen [P]); confirm with BAF or karyotype"
                : null;
        }

        var loh = autosomes.Where(c => c.Loh == true).Select(c => c.Chromosome[3..]).ToList();
        return loh.Count >= MaskedHypodiploidyLohChromosomes
            ? $"whole-chromosome LOH on {loh.Count} autosomes ({string.Join(", ", loh)}) with modal number {modal}: a doubled hypodiploid clone mimics hyperdiploidy (ALL-knowledge.md §2.3, Molina 2022 [V]; discriminator [P])"
            : null;
    }

    private static Abnormality? Chromosome21(List<SegmentCopyNumber> segments, List<ChromosomeCopyNumber> chromosomes, GenomeFeatures features, KnowledgeBase kb, GenomeAssembly assembly, bool hasEtv6Runx1, SegmentFile file)
    {
        if (features.Gene("RUNX1")?.On(assembly) is not { } runx1)
        {
            return null;
        }

        var cen = kb.Centromeres[assembly].FirstOrDefault(c => c.Contig == "chr21");
        var q = segments.Where(s => s.Contig == "chr21" && s.CopyNumber is not null && s.Segment.End > cen.End).OrderBy(s => s.Segment.Start).ToList();
        if (q.Count == 0)
        {
            return null;
        }

        var runs = new List<int>();
        foreach (var cn in q.Select(s => (int)Math.Round(s.CopyNumber!.Value, MidpointRounding.AwayFromZero)))
        {
            if (runs.Count == 0 || runs[^1] != cn)
            {
                runs.Add(cn);
            }
        }

        var atRunx1 = q.Where(s => s.Segment.Start <= runx1.End && s.Segment.End >= runx1.Start).Select(s => s.CopyNumber!.Value).DefaultIfEmpty(double.NaN).Max();
        var transitions = runs.Count - 1;
        var bafNote = q.Any(s => s.Segment.MinorAlleleFraction is not null)
            ? string.Empty
            : "; without BAF, whether the extra copies lie on one chromosome 21 (iAMP21) or on several, and copy-neutral LOH, are not assessable";
        var pattern = $"chr21q copy-number runs {string.Join("→", runs)} ({transitions} transitions), RUNX1 copy number {atRunx1.ToString("0.##", CultureInfo.InvariantCulture)}";
        if (double.IsNaN(atRunx1) || atRunx1 < 4.5 || runs.Count == 1)
        {
            // A uniform gain is the whole-chromosome +21 (reported with the aneuploidies), not iAMP21.
            return null;
        }

        if (hasEtv6Runx1)
        {
            return new Abnormality("chr21 RUNX1 gain, iAMP21 excluded", "copy_number", ["RUNX1"], $"{pattern}; ETV6::RUNX1 present, which excludes iAMP21 (ALL-knowledge.md §2.3){bafNote}", file.Source, "unknown", Certainty.Partial);
        }

        return transitions >= 3
            ? new Abnormality("iAMP21", "amplification", ["RUNX1"], $"{pattern}: RUNX1 at >= 5 copies with >= 3 copy-number transitions along 21q, not a whole-chromosome gain (DNA rule [P]; FISH definition >= 5 RUNX1 signals, Harrison 2014 [V]; array pattern, Rand 2011 [V]){bafNote}", file.Source, "unknown", Certainty.Partial)
            : new Abnormality("possible atypical iAMP21", "amplification", ["RUNX1"], $"{pattern}: RUNX1 at >= 5 copies but fewer than 3 transitions along 21q (ALL-knowledge.md §2.3 'atypical iAMP21' [P]){bafNote}", file.Source, "unknown", Certainty.Partial);
    }
}
