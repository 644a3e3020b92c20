namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A fixed panel of common biallelic SNPs for sample fingerprinting (tumour/normal matching). The panel is drawn from a
/// constant seed, not the cohort's, so every cohort of a version and assembly shares it as a real panel would; sites
/// keep away from ALL genes so they never touch a rule. REF bases are synthetic: no reference FASTA is embedded.
/// </summary>
internal sealed class FingerprintPanel
{
    private const ulong PanelSeed = 0x46494E4745525052UL;

    public FingerprintPanel(GenomeLayout layout, int count = 48)
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
}
