namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// A synthetic fingerprint cohort written straight into <see cref="PackedGenotypes"/> (no per-sample genotype arrays),
/// for tests and benchmarks at 10^4–10^5 samples: unrelated samples drawn under Hardy–Weinberg at allele frequencies
/// 0.3–0.5, then, as the last two samples, a duplicate of sample 0 with 1% of its genotypes redrawn (one patient
/// under a second pseudonym) and a child of sample 1 (one allele from the parent at every SNP, the other from the
/// population). One genotype in 200 is missing. Deterministic for a seed.
/// </summary>
internal static class PlantedFingerprintCohort
{
    /// <summary>The cohort and where its planted pairs are.</summary>
    public sealed record Cohort(PackedGenotypes Packed, int DuplicateOf, int Duplicate, int Parent, int Child);

    public static Cohort Generate(int samples, int snps, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(snps, 1);
        var random = new Random(seed);
        var thresholds = new int[snps];
        for (var j = 0; j < snps; j++)
        {
            thresholds[j] = (int)((0.3 + (0.2 * random.NextDouble())) * int.MaxValue);
        }

        var packed = new PackedGenotypes(samples, snps);
        var unrelated = samples - 2;
        var kept = new byte[2, snps];
        var row = new int[snps];
        for (var s = 0; s < unrelated; s++)
        {
            for (var j = 0; j < snps; j++)
            {
                var h0 = random.Next() < thresholds[j] ? 1 : 0;
                var h1 = random.Next() < thresholds[j] ? 1 : 0;
                if (s < 2)
                {
                    kept[s, j] = (byte)(h0 | (h1 << 1));
                }

                row[j] = h0 + h1;
            }

            Store(packed, s, row, random);
        }

        for (var j = 0; j < snps; j++)
        {
            var redraw = random.Next(100) == 0;
            row[j] = redraw
                ? (random.Next() < thresholds[j] ? 1 : 0) + (random.Next() < thresholds[j] ? 1 : 0)
                : (kept[0, j] & 1) + (kept[0, j] >> 1);
        }

        Store(packed, unrelated, row, random);
        for (var j = 0; j < snps; j++)
        {
            var fromParent = (kept[1, j] >> random.Next(2)) & 1;
            row[j] = fromParent + (random.Next() < thresholds[j] ? 1 : 0);
        }

        Store(packed, unrelated + 1, row, random);
        return new Cohort(packed, 0, unrelated, 1, unrelated + 1);
    }

    // Packs one sample's dosages a word at a time, dropping one genotype in 200 to missing.
    private static void Store(PackedGenotypes packed, int sample, int[] dosages, Random random)
    {
        var words = packed.Words.AsSpan((int)((long)sample * packed.WordsPerSample), packed.WordsPerSample);
        for (var w = 0; w < words.Length; w++)
        {
            var word = ulong.MaxValue;
            var end = Math.Min(dosages.Length, (w + 1) * PackedGenotypes.SnpsPerWord);
            for (var j = w * PackedGenotypes.SnpsPerWord; j < end; j++)
            {
                var code = random.Next(200) == 0 ? 3UL : (ulong)dosages[j];
                var shift = 2 * (j % PackedGenotypes.SnpsPerWord);
                word = (word & ~(3UL << shift)) | (code << shift);
            }

            words[w] = word;
        }
    }
}
