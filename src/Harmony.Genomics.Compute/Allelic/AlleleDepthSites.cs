namespace Harmony.Genomics.Compute.Allelic;

/// <summary>
/// Reference and alternate read counts (FORMAT/AD) of biallelic SNVs with the chromosome index of each site, held
/// column by column so every kernel reads them as flat arrays. Grows as sites are added; <see cref="Count"/> is used.
/// </summary>
internal sealed class AlleleDepthSites
{
    private int[] _chromosome = new int[1024];
    private int[] _reference = new int[1024];
    private int[] _alternate = new int[1024];

    /// <summary>Chromosome indices run from 0 to <paramref name="chromosomes"/> - 1.</summary>
    public AlleleDepthSites(int chromosomes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chromosomes);
        Chromosomes = chromosomes;
    }

    public int Chromosomes { get; }

    public int Count { get; private set; }

    /// <summary>The chromosome index of each site (the first <see cref="Count"/> are used).</summary>
    public int[] Chromosome => _chromosome;

    /// <summary>Reads supporting the reference allele.</summary>
    public int[] Reference => _reference;

    /// <summary>Reads supporting the alternate allele.</summary>
    public int[] Alternate => _alternate;

    public void Add(int chromosome, int reference, int alternate)
    {
        if (Count == _chromosome.Length)
        {
            var size = checked(_chromosome.Length * 2);
            Array.Resize(ref _chromosome, size);
            Array.Resize(ref _reference, size);
            Array.Resize(ref _alternate, size);
        }

        _chromosome[Count] = chromosome;
        _reference[Count] = reference;
        _alternate[Count] = alternate;
        Count++;
    }
}
