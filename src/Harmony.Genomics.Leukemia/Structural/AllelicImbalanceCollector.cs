using System.Globalization;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Per-chromosome B-allele (minor-allele) fractions from FORMAT/AD of the specimen's column in a small-variant VCF,
/// for specimens without a copy-number file. Heterozygous SNPs sit at 1/2 in a balanced chromosome, near 1/3 on a
/// trisomy, and vanish under LOH (monosomy or copy-neutral: not told apart without depth). Only meaningful for VCFs
/// that carry germline SNPs (e.g. HaplotypeCaller on the tumour); somatic-only VCFs give too few sites and are
/// reported as not assessable. Thresholds are this library's [P] choices, written into every detail.
/// </summary>
public sealed class AllelicImbalanceCollector
{
    private const double HeterozygousMinimum = 0.1;
    private const double BalancedMinimum = 0.42;
    private const double LohHeterozygousShare = 0.1;
    private readonly int _sample;
    private readonly int _minimumDepth;
    private readonly int _minimumSites;
    private readonly Dictionary<string, (int Sites, List<double> Heterozygous)> _byChromosome = new(StringComparer.Ordinal);

    /// <summary>Prepares collection for one file.</summary>
    /// <param name="header">The VCF header.</param>
    /// <param name="specimenType">What the specimen is (chooses the tumour or normal column).</param>
    /// <param name="specimenId">The specimen id as in the sample sheet, to find its column.</param>
    /// <param name="minimumDepth">Least AD total for a site to count.</param>
    /// <param name="minimumSites">Least sites on a chromosome for a call.</param>
    public AllelicImbalanceCollector(VcfHeader header, SpecimenType specimenType, string? specimenId, int minimumDepth = 20, int minimumSites = 30)
    {
        ArgumentNullException.ThrowIfNull(header);
        _sample = SampleChoice.For(header, specimenType, specimenId).Index;
        _minimumDepth = minimumDepth;
        _minimumSites = minimumSites;
    }

    /// <summary>Counts one record when it is a PASS biallelic SNV with AD in the specimen's column.</summary>
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
            if (reference <= VcfMissing.MinimumInteger || alt <= VcfMissing.MinimumInteger || reference + alt < _minimumDepth)
            {
                return;
            }

            var contig = ContigAliases.Canonical(record.GetString(record.Chromosome) ?? string.Empty);
            if (contig is null || contig == "chrM")
            {
                return;
            }

            if (!_byChromosome.TryGetValue(contig, out var entry))
            {
                _byChromosome[contig] = entry = (0, []);
            }

            var minor = Math.Min(reference, alt) / (double)(reference + alt);
            if (minor >= HeterozygousMinimum)
            {
                entry.Heterozygous.Add(minor);
            }

            _byChromosome[contig] = (entry.Sites + 1, entry.Heterozygous);
            return;
        }
    }

    /// <summary>One call per chromosome with at least one site, in chromosome order.</summary>
    public IReadOnlyList<AllelicImbalanceCall> Results()
    {
        var order = Enumerable.Range(1, 22).Select(i => "chr" + i.ToString(CultureInfo.InvariantCulture)).Concat(["chrX", "chrY"]).ToList();
        return _byChromosome.OrderBy(p => order.IndexOf(p.Key)).Select(p =>
        {
            var (sites, het) = p.Value;
            var rule = string.Create(CultureInfo.InvariantCulture, $"sites: PASS biallelic SNVs with AD depth >= {_minimumDepth}; heterozygous: minor-allele fraction >= {HeterozygousMinimum}; balanced: median >= {BalancedMinimum}; LOH: heterozygous share < {LohHeterozygousShare} [P]");
            if (sites < _minimumSites)
            {
                return new AllelicImbalanceCall(p.Key, sites, het.Count, null, "not assessable", $"{sites} sites, fewer than {_minimumSites}; {rule}");
            }

            var share = het.Count / (double)sites;
            if (share < LohHeterozygousShare)
            {
                return new AllelicImbalanceCall(p.Key, sites, het.Count, null, "loh", string.Create(CultureInfo.InvariantCulture, $"{het.Count} of {sites} sites heterozygous: LOH (monosomy or copy-neutral LOH; not told apart without depth); {rule}"));
            }

            het.Sort();
            var median = het[het.Count / 2];
            var state = median >= BalancedMinimum ? "balanced" : "imbalanced";
            var note = state == "imbalanced" ? "; consistent with a gain (1/3 for a trisomy), a subclonal loss or tumour-normal mixture: gain vs loss needs depth or segments" : string.Empty;
            return new AllelicImbalanceCall(p.Key, sites, het.Count, median, state, string.Create(CultureInfo.InvariantCulture, $"{het.Count} of {sites} sites heterozygous, median minor-allele fraction {median:0.###}{note}; {rule}"));
        }).ToList();
    }
}
