namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// Per-chromosome sums over the counted sites of <see cref="AlleleDepthSites"/>, all integers so every
/// implementation gives the same numbers: sites, heterozygous sites, depth, depth and minor-allele reads at
/// heterozygous sites, and a histogram of the heterozygous sites' minor-allele fraction (<see cref="AlleleDepthRule.Bins"/>).
/// </summary>
internal sealed class AllelicImbalanceTotals
{
    public AllelicImbalanceTotals(int chromosomes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chromosomes);
        Chromosomes = chromosomes;
        Sites = new long[chromosomes];
        HeterozygousSites = new long[chromosomes];
        Depth = new long[chromosomes];
        HeterozygousDepth = new long[chromosomes];
        MinorDepth = new long[chromosomes];
        Histogram = new long[chromosomes * AlleleDepthRule.Slots];
    }

    public int Chromosomes { get; }

    public long[] Sites { get; }

    public long[] HeterozygousSites { get; }

    /// <summary>Sum of ref + alt over counted sites.</summary>
    public long[] Depth { get; }

    /// <summary>Sum of ref + alt over heterozygous sites.</summary>
    public long[] HeterozygousDepth { get; }

    /// <summary>Sum of min(ref, alt) over heterozygous sites.</summary>
    public long[] MinorDepth { get; }

    /// <summary>Heterozygous sites by minor-allele-fraction bin, <c>[chromosome × Slots + bin]</c>.</summary>
    public long[] Histogram { get; }

    /// <summary>The per-field arrays in the order the GPU kernel lays them out.</summary>
    public long[][] Fields => [Sites, HeterozygousSites, Depth, HeterozygousDepth, MinorDepth];

    /// <summary>Fills every output with <paramref name="value"/> (tests check that a kernel writes everything).</summary>
    public void Poison(long value)
    {
        foreach (var field in Fields)
        {
            Array.Fill(field, value);
        }

        Array.Fill(Histogram, value);
    }

    public void Clear()
    {
        Poison(0);
    }

    /// <summary>Adds another partial total (the CPU paths' per-thread sums).</summary>
    public void Add(AllelicImbalanceTotals other)
    {
        var mine = Fields;
        var theirs = other.Fields;
        for (var f = 0; f < mine.Length; f++)
        {
            for (var c = 0; c < Chromosomes; c++)
            {
                mine[f][c] += theirs[f][c];
            }
        }

        for (var i = 0; i < Histogram.Length; i++)
        {
            Histogram[i] += other.Histogram[i];
        }
    }
}
