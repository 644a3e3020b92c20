namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A fixed panel of common biallelic SNPs for sample fingerprinting (tumour/normal matching). The panel is drawn from a
/// constant seed, not the cohort's, so every cohort of a version and assembly shares it as a real panel would; sites
/// keep away from ALL genes so they never touch a rule. REF bases are synthetic: no reference FASTA is embedded.
/// About ten sites per chromosome also give the tumour VCF enough heterozygous SNPs to show B-allele imbalance on
/// gained chromosomes.
/// </summary>
internal sealed class FingerprintPanel
{
    private const ulong PanelSeed = 0x46494E4745525052UL;

    public FingerprintPanel(GenomeLayout layout, int count = 240)
    {
        var r = new Xoshiro256StarStar(PanelSeed ^ (ulong)layout.Assembly);
        var sites = new List<(string Contig, long Position, char Ref, char Alt, double Frequency)>();
        while (sites.Count < count)
        {
            var (contig, position) = layout.RandomNeutralPosition(r);
            var reference = Bases.Random(r);
            if (sites.Any(s => s.Contig == contig && Math.Abs(s.Position - position) < 1000))
            {
                continue;
            }

            sites.Add((contig, position, reference, Bases.Other(r, reference), 0.2 + 0.3 * r.NextDouble()));
        }

        Sites = sites;
    }

    public IReadOnlyList<(string Contig, long Position, char Ref, char Alt, double Frequency)> Sites { get; }

    /// <summary>
    /// A patient's germline alt-allele copies (0–2) per site, from its own stream so the germline and the tumour VCF
    /// agree; the tumour shows the same SNPs with allele fractions shifted by gains (see <see cref="TumourAltFraction"/>).
    /// </summary>
    public int[] Genotypes(ulong seed, long patient)
    {
        var r = Xoshiro256StarStar.For(seed, patient, 7);
        var copies = new int[Sites.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = (r.Chance(Sites[i].Frequency) ? 1 : 0) + (r.Chance(Sites[i].Frequency) ? 1 : 0);
        }

        return copies;
    }

    /// <summary>
    /// Expected tumour-sample alt fraction at a heterozygous SNP: the gained haplotype carries the alt allele or not,
    /// and purity mixes in normal cells: (p·altCopies + (1−p)) / (p·(2 + gain) + 2(1−p)). A trisomy gives 1/3 or 2/3 at
    /// full purity (ALL-knowledge.md §2.3: HeH shows heterozygous trisomies, BAF ≈ 1/3, 2/3).
    /// </summary>
    public static double TumourAltFraction(double purity, int gain, bool altOnGainedHaplotype)
    {
        var altCopies = 1 + (altOnGainedHaplotype ? gain : 0);
        return (purity * altCopies + (1 - purity)) / (purity * (2 + gain) + 2 * (1 - purity));
    }
}
