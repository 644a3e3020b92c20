namespace Harmony.Genomics.Compute.Cohort;

/// <summary>
/// A block of genotypes: <see cref="Variants"/> × <see cref="Ploidy"/> planes × <see cref="Samples"/> allele codes
/// (int8), laid out so that one haplotype plane of one variant is contiguous across samples (SIMD and coalesced GPU
/// reads): cell(v, h, s) = <c>Alleles[((v * Ploidy) + h) * Samples + s]</c>. Codes: 0 REF, k the k-th ALT,
/// <see cref="Missing"/> for '.', <see cref="Absent"/> for a haplotype the call does not have (lower ploidy) or,
/// in plane 0, for a sample not genotyped at the variant (not in its source), which then counts nowhere.
/// </summary>
internal sealed class GenotypeMatrix
{
    /// <summary>A missing allele ('.').</summary>
    public const sbyte Missing = -1;

    /// <summary>No allele at this haplotype (or, in plane 0, no call at all).</summary>
    public const sbyte Absent = -2;

    public GenotypeMatrix(int variants, int samples, int ploidy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variants);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(ploidy, 1);
        Variants = variants;
        Samples = samples;
        Ploidy = ploidy;
        Alleles = new sbyte[checked((long)variants * ploidy * samples)];
        AltCounts = new int[variants];
        AcOffsets = new int[variants];
        SnvClass = new byte[variants];
    }

    public int Variants { get; }

    public int Samples { get; }

    public int Ploidy { get; }

    /// <summary>The allele codes (see the type's remarks for the layout).</summary>
    public sbyte[] Alleles { get; }

    /// <summary>Number of ALT alleles per variant.</summary>
    public int[] AltCounts { get; }

    /// <summary>Start of each variant's ALT counts in the flat AC array; set by <see cref="SealAltCounts"/>.</summary>
    public int[] AcOffsets { get; }

    /// <summary>Total ALT alleles (length of the flat AC array); set by <see cref="SealAltCounts"/>.</summary>
    public int TotalAlts { get; private set; }

    /// <summary>Per variant: <see cref="SnvKind"/> as a byte.</summary>
    public byte[] SnvClass { get; }

    /// <summary>Index of cell(v, h, s).</summary>
    public long Index(int variant, int haplotype, int sample) => (((long)variant * Ploidy) + haplotype) * Samples + sample;

    /// <summary>Computes <see cref="AcOffsets"/> and <see cref="TotalAlts"/> from <see cref="AltCounts"/>.</summary>
    public void SealAltCounts()
    {
        var offset = 0;
        for (var v = 0; v < Variants; v++)
        {
            AcOffsets[v] = offset;
            offset = checked(offset + AltCounts[v]);
        }

        TotalAlts = offset;
    }
}
