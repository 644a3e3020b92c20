using System.Globalization;
using Harmony.Genomics.Compute.Allelic;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Per-chromosome B-allele (minor-allele) fractions and depth from FORMAT/AD of the specimen's column in a
/// small-variant VCF, for specimens without a copy-number file. Heterozygous SNPs sit at 1/2 in a balanced
/// chromosome, near 1/3 on a trisomy, and vanish under LOH; depth relative to the other autosomes (about 1.5 for a
/// trisomy, 0.5 for a monosomy) tells a gain from a loss and a monosomy from copy-neutral LOH. Only meaningful for
/// VCFs that carry germline SNPs (e.g. HaplotypeCaller on the tumour); somatic-only VCFs give too few sites and are
/// reported as not assessable. The per-site work and sums run in a compute kernel
/// (<see cref="AlleleBalanceAggregator"/>, device <c>auto|cpu|cuda</c>); thresholds are this library's [P] choices,
/// written into every detail.
/// </summary>
public sealed class AllelicImbalanceCollector
{
    // 1/10 as a fraction: the kernel compares minor × 10 >= depth, which is what minor / depth >= 0.1 gave.
    private const int HeterozygousNumerator = 1;
    private const int HeterozygousDenominator = 10;
    private const double HeterozygousMinimum = (double)HeterozygousNumerator / HeterozygousDenominator;
    private const double BalancedMinimum = 0.42;
    private const double LohHeterozygousShare = 0.1;
    private const double RaisedDepth = 1.25;
    private const double ReducedDepth = 0.75;
    private const int DepthReferenceAutosomes = 5;
    private static readonly string[] Chromosomes = [.. Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)), "chrX", "chrY"];
    private static readonly Dictionary<string, int> ChromosomeIndex = Chromosomes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    private readonly int _sample;
    private readonly int _minimumDepth;
    private readonly int _minimumSites;
    private readonly AlleleBalanceAggregator _sites;

    /// <summary>Prepares collection for one file.</summary>
    /// <param name="header">The VCF header.</param>
    /// <param name="specimenType">What the specimen is (chooses the tumour or normal column).</param>
    /// <param name="specimenId">The specimen id as in the sample sheet, to find its column.</param>
    /// <param name="minimumDepth">Least AD total for a site to count.</param>
    /// <param name="minimumSites">Least sites on a chromosome for a call.</param>
    /// <param name="device">Where the allele-depth kernel runs (<c>auto|cpu|cuda</c>); the CPU SIMD path by default.</param>
    public AllelicImbalanceCollector(VcfHeader header, SpecimenType specimenType, string? specimenId, int minimumDepth = 20, int minimumSites = 30, DeviceChoice device = DeviceChoice.Cpu)
    {
        ArgumentNullException.ThrowIfNull(header);
        _sample = SampleChoice.For(header, specimenType, specimenId).Index;
        _minimumDepth = minimumDepth;
        _minimumSites = minimumSites;
        _sites = new AlleleBalanceAggregator(Chromosomes.Length, minimumDepth, HeterozygousNumerator, HeterozygousDenominator, device);
    }

    /// <summary>Keeps one record when it is a PASS biallelic SNV with AD in the specimen's column on chr1-22, X or Y.</summary>
    /// <param name="record">A decoded record.</param>
    public void Observe(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_sample < 0 || record.AlternateAlleles.Count != 1 || record.Reference.Length != 1 || record.AlternateAlleles[0].Length != 1
            || !(record.FilterMissing || record.Filters.All(f => record.GetString(f) == "PASS")))
        {
            return;
        }

        for (var f = 0; f < record.Format.Count; f++)
        {
            var field = record.Format[f];
            if (field.Id != "AD" || field.Type != VcfValueType.Integer)
            {
                continue;
            }

            var values = record.GetSampleValues(_sample, f);
            if (values.IsMissing || values.Count != 2)
            {
                return;
            }

            var reference = record.Integers[values.Start];
            var alt = record.Integers[values.Start + 1];
            var contig = ContigAliases.Canonical(record.GetString(record.Chromosome) ?? string.Empty);
            if (contig is not null && ChromosomeIndex.TryGetValue(contig, out var index))
            {
                // Missing AD values are negative, so the kernel's rule (counts 0..2^24-1, depth >= minimum) drops them.
                _sites.Add(index, reference, alt);
            }

            return;
        }
    }

    /// <summary>One call per chromosome with at least one counted site, in chromosome order.</summary>
    public IReadOnlyList<AllelicImbalanceCall> Results()
    {
        var totals = _sites.Summarise().Where(t => t.Sites > 0).ToList();
        var autosomeDepths = totals.Where(t => t.Chromosome < 22 && t.Sites >= _minimumSites).Select(t => t.MeanDepth!.Value).Order().ToList();
        double? referenceDepth = autosomeDepths.Count >= DepthReferenceAutosomes ? Median(autosomeDepths) : null;
        var rule = string.Create(CultureInfo.InvariantCulture, $"sites: PASS biallelic SNVs with AD depth >= {_minimumDepth}; heterozygous: minor-allele fraction >= {HeterozygousMinimum}; balanced: median >= {BalancedMinimum}; LOH: heterozygous share < {LohHeterozygousShare}; depth raised >= {RaisedDepth}, reduced <= {ReducedDepth} x the median autosome [P]");
        return totals.Select(t =>
        {
            var chromosome = Chromosomes[t.Chromosome];
            var sites = (int)t.Sites;
            var het = (int)t.HeterozygousSites;
            var meanDepth = t.MeanDepth!.Value;
            double? relative = referenceDepth is { } r && r > 0 ? meanDepth / r : null;
            if (sites < _minimumSites)
            {
                return new AllelicImbalanceCall(chromosome, sites, het, null, "not assessable", $"{sites} sites, fewer than {_minimumSites}; {rule}", meanDepth, relative);
            }

            var depth = DepthText(meanDepth, relative, referenceDepth, autosomeDepths.Count);
            var share = het / (double)sites;
            if (share < LohHeterozygousShare)
            {
                var kind = relative switch
                {
                    null => "monosomy or copy-neutral LOH; not told apart without a depth reference",
                    <= ReducedDepth => "reduced depth: consistent with monosomy",
                    >= RaisedDepth => "raised depth: LOH with a gain (e.g. a duplicated single homologue)",
                    _ => "depth as the other autosomes: consistent with copy-neutral LOH",
                };
                return new AllelicImbalanceCall(chromosome, sites, het, null, "loh", string.Create(CultureInfo.InvariantCulture, $"{het} of {sites} sites heterozygous: LOH ({kind}); {depth}; {rule}"), meanDepth, relative);
            }

            var median = t.MedianMinorAlleleFraction!.Value;
            var state = median >= BalancedMinimum ? "balanced" : "imbalanced";
            var note = state != "imbalanced" ? string.Empty : relative switch
            {
                >= RaisedDepth => "; raised depth: consistent with a gain (1/3 for a trisomy)",
                <= ReducedDepth => "; reduced depth: consistent with a subclonal loss or a loss diluted by normal cells",
                _ => "; consistent with a gain (1/3 for a trisomy), a subclonal loss or tumour-normal mixture: depth does not tell gain from loss here",
            };
            return new AllelicImbalanceCall(chromosome, sites, het, median, state, string.Create(CultureInfo.InvariantCulture, $"{het} of {sites} sites heterozygous, median minor-allele fraction {median:0.###}{note}; {depth}; {rule}"), meanDepth, relative);
        }).ToList();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string DepthText(double mean, double? relative, double? reference, int autosomes) => relative is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"mean depth {mean:0.#}, {r:0.##} x the median of {autosomes} assessable autosomes ({reference:0.#}); depth is relative, so a genome with most chromosomes gained or lost shifts it, and capture panels make it uneven")
        : string.Create(CultureInfo.InvariantCulture, $"mean depth {mean:0.#}; no depth reference (fewer than {DepthReferenceAutosomes} assessable autosomes)");
}
