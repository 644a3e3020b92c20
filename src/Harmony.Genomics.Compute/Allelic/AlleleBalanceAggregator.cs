using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// Per-chromosome B-allele (minor-allele) fraction and depth from the FORMAT/AD read counts of biallelic SNVs: the
/// caller adds each site's chromosome index and counts, then <see cref="Summarise()"/> runs the compute kernel chosen
/// by the device logic (<c>auto|cpu|cuda</c>) for site and heterozygous counts, depth sums and a minor-allele-fraction
/// histogram, all integer so every backend agrees exactly. The median comes from the histogram: the bin holding it is
/// found from the counts, and only that bin's sites are sorted on the CPU, so it is exact, not binned.
/// A site counts when both counts lie in 0..2^24-1 and their sum reaches the minimum depth; it is heterozygous when
/// min(ref, alt) / depth is at least numerator / denominator (compared in integers).
/// </summary>
public sealed class AlleleBalanceAggregator
{
    private readonly AlleleDepthSites _sites;
    private readonly AlleleDepthRule _rule;
    private readonly DeviceChoice _device;
    private readonly int _threads;

    /// <summary>Prepares an empty aggregation.</summary>
    /// <param name="chromosomes">How many chromosome indices there are (sites use 0 to this - 1; others are not counted).</param>
    /// <param name="minimumDepth">Least ref + alt for a site to count (at least 1).</param>
    /// <param name="heterozygousNumerator">Numerator of the least minor-allele fraction of a heterozygous site.</param>
    /// <param name="heterozygousDenominator">Its denominator (1 to 100; the fraction at most 1/2).</param>
    /// <param name="device">Where the kernel runs; the CPU SIMD path by default.</param>
    /// <param name="threads">CPU threads for the SIMD path; all the budget allows when 0.</param>
    public AlleleBalanceAggregator(int chromosomes, int minimumDepth, int heterozygousNumerator, int heterozygousDenominator, DeviceChoice device = DeviceChoice.Cpu, int threads = 0)
    {
        _sites = new AlleleDepthSites(chromosomes);
        _rule = new AlleleDepthRule(minimumDepth, heterozygousNumerator, heterozygousDenominator);
        _device = device;
        _threads = threads > 0 ? threads : Core.ProcessorBudget.DefaultThreads();
    }

    /// <summary>Sites added so far (counted or not).</summary>
    public int Count => _sites.Count;

    /// <summary>Adds one site.</summary>
    /// <param name="chromosome">The chromosome index.</param>
    /// <param name="referenceReads">Reads supporting the reference allele.</param>
    /// <param name="alternateReads">Reads supporting the alternate allele.</param>
    public void Add(int chromosome, int referenceReads, int alternateReads) => _sites.Add(chromosome, referenceReads, alternateReads);

    /// <summary>One entry per chromosome index, in index order, with zeros where no site counted.</summary>
    public IReadOnlyList<ChromosomeAlleleBalance> Summarise()
    {
        using var kernel = AllelicImbalanceKernels.Create(DeviceSelector.Resolve(_device), _threads);
        return Summarise(kernel);
    }

    internal IReadOnlyList<ChromosomeAlleleBalance> Summarise(IAllelicImbalanceKernel kernel)
    {
        var totals = new AllelicImbalanceTotals(_sites.Chromosomes);
        kernel.Compute(_sites, _rule, totals);
        return Summarise(_sites, _rule, totals);
    }

    /// <summary>The exact medians from the kernel's totals: find each chromosome's median bin, sort that bin's fractions.</summary>
    internal static IReadOnlyList<ChromosomeAlleleBalance> Summarise(AlleleDepthSites sites, AlleleDepthRule rule, AllelicImbalanceTotals totals)
    {
        var chromosomes = totals.Chromosomes;
        var targetBin = new int[chromosomes];
        var rankInBin = new long[chromosomes];
        var inBin = new List<double>?[chromosomes];
        for (var c = 0; c < chromosomes; c++)
        {
            targetBin[c] = -1;
            var het = totals.HeterozygousSites[c];
            if (het == 0)
            {
                continue;
            }

            var rank = het / 2;
            long before = 0;
            for (var b = 0; b < AlleleDepthRule.Slots; b++)
            {
                var n = totals.Histogram[(c * AlleleDepthRule.Slots) + b];
                if (before + n > rank)
                {
                    targetBin[c] = b;
                    rankInBin[c] = rank - before;
                    inBin[c] = [];
                    break;
                }

                before += n;
            }
        }

        // Bin b holds b·depth <= minor·2·Bins < (b+1)·depth: tested by multiplying, without a division per site.
        for (var i = 0; i < sites.Count; i++)
        {
            var c = sites.Chromosome[i];
            if (c < 0 || c >= chromosomes || targetBin[c] < 0 || !rule.Counts(sites.Reference[i], sites.Alternate[i], out var depth, out var minor))
            {
                continue;
            }

            var scaled = (long)minor * 2 * AlleleDepthRule.Bins;
            var bin = targetBin[c];
            if (scaled < (long)bin * depth || scaled >= (long)(bin + 1) * depth || !rule.Heterozygous(depth, minor))
            {
                continue;
            }

            inBin[c]!.Add(minor / (double)depth);
        }

        var result = new List<ChromosomeAlleleBalance>(chromosomes);
        for (var c = 0; c < chromosomes; c++)
        {
            double? median = null;
            if (inBin[c] is { } fractions)
            {
                fractions.Sort();
                median = fractions[(int)rankInBin[c]];
            }

            result.Add(new ChromosomeAlleleBalance(c, totals.Sites[c], totals.HeterozygousSites[c], totals.Depth[c], totals.HeterozygousDepth[c], totals.MinorDepth[c], median));
        }

        return result;
    }
}
