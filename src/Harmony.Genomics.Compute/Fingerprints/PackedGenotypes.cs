namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// Genotypes of every sample at a SNP panel, 2 bits per SNP, 32 SNPs per <see cref="ulong"/>, sample-major
/// (<see cref="WordsPerSample"/> words per sample): 00 hom-ref, 01 het, 10 hom-alt, 11 missing. Bits past the
/// last SNP are 11 (missing), so they never count.
/// </summary>
internal sealed class PackedGenotypes
{
    public const int SnpsPerWord = 32;

    public PackedGenotypes(int samples, int snps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(snps);
        Samples = samples;
        Snps = snps;
        WordsPerSample = Math.Max(1, (snps + SnpsPerWord - 1) / SnpsPerWord);
        Words = new ulong[checked((long)samples * WordsPerSample)];
        Array.Fill(Words, ulong.MaxValue);
    }

    public int Samples { get; }

    public int Snps { get; }

    public int WordsPerSample { get; }

    public ulong[] Words { get; }

    /// <summary>Packs alternate-allele dosages (0, 1, 2; anything else is missing), sample-major <c>dosages[s * snps + j]</c>.</summary>
    public static PackedGenotypes Pack(ReadOnlySpan<sbyte> dosages, int samples, int snps)
    {
        if (dosages.Length != (long)samples * snps)
        {
            throw new ArgumentException($"expected {samples} x {snps} dosages, got {dosages.Length}", nameof(dosages));
        }

        var packed = new PackedGenotypes(samples, snps);
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < snps; j++)
            {
                packed.Set(s, j, dosages[(s * snps) + j]);
            }
        }

        return packed;
    }

    /// <summary>Sets one genotype: dosage 0, 1 or 2; anything else is missing.</summary>
    public void Set(int sample, int snp, int dosage)
    {
        var code = dosage is >= 0 and <= 2 ? (ulong)dosage : 3UL;
        var index = ((long)sample * WordsPerSample) + (snp / SnpsPerWord);
        var shift = 2 * (snp % SnpsPerWord);
        Words[index] = (Words[index] & ~(3UL << shift)) | (code << shift);
    }

    /// <summary>The 2-bit code of one genotype.</summary>
    public int Get(int sample, int snp) =>
        (int)((Words[((long)sample * WordsPerSample) + (snp / SnpsPerWord)] >> (2 * (snp % SnpsPerWord))) & 3UL);
}
