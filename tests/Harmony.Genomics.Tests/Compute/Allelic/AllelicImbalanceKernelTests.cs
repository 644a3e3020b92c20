using Harmony.Genomics.Compute.Allelic;
using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Tests.Compute.Allelic;

/// <summary>The allele-depth kernels against the scalar reference, and the reference against hand-worked sites.</summary>
public sealed class AllelicImbalanceKernelTests
{
    private const long Poison = -77;

    /// <summary>
    /// Sorted chromosome runs (as in a VCF) with a few stray indices, depths from 1 to ~400 with balanced, skewed and
    /// homozygous sites, and invalid counts (missing, negative, above 2^24) mixed in; no zero-filled input.
    /// </summary>
    internal static AlleleDepthSites RandomSites(int count, int chromosomes, int seed)
    {
        var random = new Random(seed);
        var sites = new AlleleDepthSites(chromosomes);
        var chromosome = 0;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(0, 700) == 0)
            {
                chromosome = (chromosome + 1) % chromosomes;
            }

            var c = random.Next(0, 200) == 0 ? random.Next(-2, chromosomes + 3) : chromosome;
            var depth = random.Next(1, 400);
            var fraction = random.Next(0, 4) switch
            {
                0 => 0.5,
                1 => 1.0 / 3,
                2 => random.NextDouble(),
                _ => random.Next(0, 2) == 0 ? 0.0 : 1.0,
            };
            var alt = (int)Math.Round(depth * fraction * (0.8 + (0.4 * random.NextDouble())));
            var reference = Math.Max(0, depth - alt);
            switch (random.Next(0, 100))
            {
                case 0:
                    alt = int.MinValue + random.Next(0, 8);
                    break;
                case 1:
                    reference = -random.Next(1, 5);
                    break;
                case 2:
                    reference = AlleleDepthRule.MaximumAlleleDepth + random.Next(0, 3);
                    break;
                case 3:
                    (reference, alt) = (AlleleDepthRule.MaximumAlleleDepth, AlleleDepthRule.MaximumAlleleDepth - random.Next(0, 1000));
                    break;
            }

            sites.Add(c, reference, alt);
        }

        return sites;
    }

    private static AllelicImbalanceTotals Run(IAllelicImbalanceKernel kernel, AlleleDepthSites sites, AlleleDepthRule rule)
    {
        var output = new AllelicImbalanceTotals(sites.Chromosomes);
        output.Poison(Poison);
        kernel.Compute(sites, rule, output);
        return output;
    }

    private static void AssertSame(AllelicImbalanceTotals expected, AllelicImbalanceTotals actual)
    {
        Assert.Equal(expected.Sites, actual.Sites);
        Assert.Equal(expected.HeterozygousSites, actual.HeterozygousSites);
        Assert.Equal(expected.Depth, actual.Depth);
        Assert.Equal(expected.HeterozygousDepth, actual.HeterozygousDepth);
        Assert.Equal(expected.MinorDepth, actual.MinorDepth);
        Assert.Equal(expected.Histogram, actual.Histogram);
    }

    [Theory]
    [InlineData(150_001, 24, 20, 1, 10, 1)]
    [InlineData(7, 3, 1, 0, 1, 2)]
    [InlineData(70_003, 5, 35, 3, 20, 3)]
    public void Simd_equals_the_scalar_reference_and_writes_everything(int count, int chromosomes, int minimumDepth, int numerator, int denominator, int seed)
    {
        var sites = RandomSites(count, chromosomes, seed);
        var rule = new AlleleDepthRule(minimumDepth, numerator, denominator);
        using var scalar = new ScalarAllelicImbalanceKernel();
        using var simd256 = new SimdAllelicImbalanceKernel(threads: 3, vector512: false);
        using var simd512 = new SimdAllelicImbalanceKernel(threads: 3, vector512: true);
        var expected = Run(scalar, sites, rule);
        Assert.DoesNotContain(Poison, expected.Sites);
        Assert.DoesNotContain(Poison, expected.Histogram);
        if (count > 1000)
        {
            Assert.True(expected.HeterozygousSites.Sum() > 0 && expected.HeterozygousSites.Sum() < expected.Sites.Sum());
        }

        AssertSame(expected, Run(simd256, sites, rule));

        // Vector512 runs in software where the CPU lacks it, so both widths are checked on every machine.
        AssertSame(expected, Run(simd512, sites, rule));
    }

    [Fact]
    public void Ilgpu_kernel_on_the_cpu_accelerator_equals_the_scalar_reference()
    {
        var sites = RandomSites(9_001, 24, 4);
        var rule = new AlleleDepthRule(20, 1, 10);
        using var scalar = new ScalarAllelicImbalanceKernel();
        using var ilgpu = new IlgpuAllelicImbalanceKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        var expected = Run(scalar, sites, rule);
        AssertSame(expected, Run(ilgpu, sites, rule));

        // No sites: every total zero, nothing left poisoned.
        var empty = Run(ilgpu, new AlleleDepthSites(24), rule);
        Assert.All(empty.Fields.SelectMany(f => f).Concat(empty.Histogram), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Totals_follow_the_definitions()
    {
        var sites = new AlleleDepthSites(3);
        sites.Add(0, 10, 10);                 // depth 20, minor 10: heterozygous, fraction 0.5 (last slot)
        sites.Add(0, 18, 2);                  // minor 2 / 20 = 0.1 exactly: heterozygous, bin 2 * 100 / 20 = 10
        sites.Add(0, 19, 1);                  // 0.05: counted, not heterozygous
        sites.Add(0, 5, 5);                   // depth 10 below 20: not counted
        sites.Add(0, 30, 0);                  // homozygous: counted
        sites.Add(1, -1, 30);                 // negative count: not counted
        sites.Add(1, int.MinValue + 1, 40);   // missing AD value: not counted
        sites.Add(1, 40, 20);                 // 1/3: bin 2000 / 60 = 33
        sites.Add(2, AlleleDepthRule.MaximumAlleleDepth + 1, 0); // beyond 2^24 - 1: not counted
        sites.Add(3, 50, 50);                 // no such chromosome: not counted
        sites.Add(-1, 50, 50);
        using var scalar = new ScalarAllelicImbalanceKernel();
        var t = Run(scalar, sites, new AlleleDepthRule(20, 1, 10));
        Assert.Equal([4L, 1, 0], t.Sites);
        Assert.Equal([2L, 1, 0], t.HeterozygousSites);
        Assert.Equal([90L, 60, 0], t.Depth);
        Assert.Equal([40L, 60, 0], t.HeterozygousDepth);
        Assert.Equal([12L, 20, 0], t.MinorDepth);
        Assert.Equal(1, t.Histogram[50]);
        Assert.Equal(1, t.Histogram[10]);
        Assert.Equal(1, t.Histogram[AlleleDepthRule.Slots + 33]);
        Assert.Equal(3, t.Histogram.Sum());
    }

    [Fact]
    public void Medians_are_exact_and_every_backend_gives_the_same_summary()
    {
        // The reference medians by brute force: every heterozygous fraction of a chromosome, sorted, the upper middle.
        var sites = RandomSites(40_000, 6, 5);
        var rule = new AlleleDepthRule(20, 1, 10);
        var aggregator = new AlleleBalanceAggregator(6, 20, 1, 10, DeviceChoice.Cpu, threads: 2);
        for (var i = 0; i < sites.Count; i++)
        {
            aggregator.Add(sites.Chromosome[i], sites.Reference[i], sites.Alternate[i]);
        }

        var fractions = Enumerable.Range(0, 6).Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < sites.Count; i++)
        {
            var c = sites.Chromosome[i];
            if (c is >= 0 and < 6 && rule.Counts(sites.Reference[i], sites.Alternate[i], out var depth, out var minor) && rule.Heterozygous(depth, minor))
            {
                fractions[c].Add(Math.Min(sites.Reference[i], sites.Alternate[i]) / (double)(sites.Reference[i] + sites.Alternate[i]));
            }
        }

        using var scalar = new ScalarAllelicImbalanceKernel();
        using var ilgpu = new IlgpuAllelicImbalanceKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        var summary = aggregator.Summarise();
        Assert.Equal(6, summary.Count);
        for (var c = 0; c < 6; c++)
        {
            fractions[c].Sort();
            Assert.True(fractions[c].Count > 100);
            Assert.Equal(fractions[c].Count, summary[c].HeterozygousSites);
            Assert.Equal(fractions[c][fractions[c].Count / 2], summary[c].MedianMinorAlleleFraction);
        }

        Assert.Equal(summary, aggregator.Summarise(scalar));
        Assert.Equal(summary, aggregator.Summarise(ilgpu));
    }

    [Fact]
    public void Median_of_one_site_mean_depth_and_pooled_fraction()
    {
        var aggregator = new AlleleBalanceAggregator(2, 10, 1, 10);
        aggregator.Add(1, 30, 10);
        aggregator.Add(1, 50, 0);
        var summary = aggregator.Summarise();
        Assert.Equal(new ChromosomeAlleleBalance(0, 0, 0, 0, 0, 0, null), summary[0]);
        Assert.Null(summary[0].MeanDepth);
        Assert.Equal(0.25, summary[1].MedianMinorAlleleFraction);
        Assert.Equal(45.0, summary[1].MeanDepth);
        Assert.Equal(0.25, summary[1].PooledMinorAlleleFraction);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlleleBalanceAggregator(2, 0, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlleleBalanceAggregator(2, 10, 6, 10));
    }
}
