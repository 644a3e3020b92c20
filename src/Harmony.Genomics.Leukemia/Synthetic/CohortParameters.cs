namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// Every number the synthetic cohort is drawn from, named, with where it comes from. Sources are sections of
/// <c>shared/kb/ALL-knowledge.md</c> with its certainty tags; a value marked <c>[U]</c> is not backed by a verified
/// source there, is a plausible placeholder chosen for this generator, and the truth table says so
/// (<see cref="UnverifiedNames"/>). Tests override values (e.g. every child ETV6::RUNX1) through <c>with</c>.
/// </summary>
internal sealed record CohortParameters
{
    /// <summary>The defaults of this version.</summary>
    public static CohortParameters Default { get; } = new();

    // ---- Demography and clinic: all [U]; ALL-knowledge.md gives no cohort age mix (HARMONY pools "infants to older
    // patients", §1.1), so the mix is a named placeholder leaning on the paediatric predominance of ALL.

    /// <summary>[U] Share of each age group in the cohort (child, AYA, adult, older adult).</summary>
    public AgeFrequencies AgeMix { get; init; } = new(0.55, 0.20, 0.15, 0.10);

    /// <summary>[U] Probability a patient is male.</summary>
    public double MaleFraction { get; init; } = 0.55;

    /// <summary>[U] Probability of T-lineage ALL per age group.</summary>
    public AgeFrequencies TLineage { get; init; } = new(0.12, 0.25, 0.20, 0.15);

    /// <summary>[U] Median white-cell count (×10⁹/L) of B-ALL; T-ALL is multiplied by <see cref="TLineageWbcFactor"/>.</summary>
    public double MedianWbc { get; init; } = 12;

    /// <summary>[U] T-ALL presents with higher counts; ALL-knowledge.md §2.4 uses WBC ≥200 ×10⁹/L as a T-ALL risk cut.</summary>
    public double TLineageWbcFactor { get; init; } = 5;

    /// <summary>[U] MRD limit of detection (flow cytometry); values below are written as "&lt;LoD", never 0 (§1.4).</summary>
    public double MrdLimitOfDetection { get; init; } = 1e-4;

    // ---- Primary B-ALL subtypes (mutually exclusive), per age group.

    /// <summary>[U] ETV6::RUNX1. ALL-knowledge.md names it favourable and paediatric (§2.3) but gives no rate.</summary>
    public AgeFrequencies EtvRunx1 { get; init; } = new(0.25, 0.04, 0.01, 0.005);

    /// <summary>
    /// High hyperdiploidy. AYA and adult values [V]: "HeH 13 % &lt;20 y vs 5 % in older" (Moorman 2010, §1.3);
    /// child [U] (paediatric rate not stated in the KB).
    /// </summary>
    public AgeFrequencies HighHyperdiploidy { get; init; } = new(0.27, 0.13, 0.05, 0.05);

    /// <summary>
    /// BCR::ABL1. Adult and older [V]: t(9;22) "rises per decade to 24 % at 40–49 y then plateaus" (Moorman 2010,
    /// §1.3); child and AYA [U] (only the rise with age is stated).
    /// </summary>
    public AgeFrequencies BcrAbl1 { get; init; } = new(0.03, 0.12, 0.24, 0.24);

    /// <summary>[U] KMT2A::AFF1 (§1.3 names it adverse in UKALL14 adults without a rate).</summary>
    public AgeFrequencies Kmt2aAff1 { get; init; } = new(0.02, 0.05, 0.08, 0.06);

    /// <summary>[U] TCF3::PBX1 (§3.2, no rate given).</summary>
    public AgeFrequencies Tcf3Pbx1 { get; init; } = new(0.05, 0.04, 0.03, 0.02);

    /// <summary>[U] PAX5 p.P80R subtype (§3.2; MD-ALL cohort count 67 of its hotspot table is a prior, not a rate).</summary>
    public AgeFrequencies Pax5P80r { get; init; } = new(0.01, 0.03, 0.03, 0.03);

    /// <summary>[U] IKZF1 p.N159Y subtype (§3.2); on GRCh37 at the derived position chr7:50450291 (PROVENANCE.md).</summary>
    public AgeFrequencies Ikzf1N159y { get; init; } = new(0.005, 0.005, 0.005, 0.005);

    // ---- Copy-number deletions (B-ALL): UKALL97/2003 frequencies, n=1427, paediatric [V] (§2.1), used for every age
    // group (UKALL14 found the same genes deleted in adults, §1.3, rates not given there).

    /// <summary>[V] CDKN2A/B deletion 28 % (§2.1); T-ALL uses <see cref="TAllCdkn2aDeletion"/>.</summary>
    public double Cdkn2aDeletion { get; init; } = 0.28;

    /// <summary>[V] ETV6 deletion 22 % (§2.1).</summary>
    public double Etv6Deletion { get; init; } = 0.22;

    /// <summary>[V] PAX5 deletion 19 % (§2.1).</summary>
    public double Pax5Deletion { get; init; } = 0.19;

    /// <summary>[V] IKZF1 deletion 14 % (§2.1).</summary>
    public double Ikzf1Deletion { get; init; } = 0.14;

    /// <summary>[V] IKZF1 deletion in ~70 % of BCR::ABL1 (§2.2, BMC Cancer 2024).</summary>
    public double Ikzf1DeletionInBcrAbl1 { get; init; } = 0.70;

    /// <summary>
    /// [U] Share of planted IKZF1 deletions that are the intragenic Δ4–7 (IK6, §7.4, the most frequent intragenic form);
    /// the rest are whole-gene (Δ1–8). No rate in the knowledge base: a modelling choice, set to 0 for whole-gene only.
    /// </summary>
    public double Ikzf1Delta4To7Share { get; init; } = 0.35;

    /// <summary>[V] RB1 deletion 6 % (§2.1).</summary>
    public double Rb1Deletion { get; init; } = 0.06;

    /// <summary>[V] BTG1 deletion 6 % (§2.1).</summary>
    public double Btg1Deletion { get; init; } = 0.06;

    /// <summary>[V] EBF1 deletion 2 % (§2.1).</summary>
    public double Ebf1Deletion { get; init; } = 0.02;

    /// <summary>[U] CDKN2A/B deletion in T-ALL ~70 % (§3.2 quotes an unidentified README: treat as [U]).</summary>
    public double TAllCdkn2aDeletion { get; init; } = 0.70;

    /// <summary>[U] Share of CDKN2A/B deletions that are homozygous (biallelic).</summary>
    public double Cdkn2aHomozygous { get; init; } = 0.5;

    // ---- Hotspot mutations.

    /// <summary>
    /// [U] Rate of one RAS-pathway/signalling hotspot per B-ALL patient (HeH raises it, see
    /// <see cref="HotspotRateHighHyperdiploid"/>); which hotspot is weighted by the MD-ALL cohort counts [V-data] (§4.1).
    /// </summary>
    public double HotspotRate { get; init; } = 0.25;

    /// <summary>[U] HeH is RAS-mutated more often (near-haploid/RTK signalling context, §2.3 is related, not this rate).</summary>
    public double HotspotRateHighHyperdiploid { get; init; } = 0.45;

    /// <summary>[V] T-ALL RAS mutations: N-RAS 8.9 %, K-RAS 1.6 % (Trinquand 2013, GRAALL adults, §2.4).</summary>
    public double TAllNras { get; init; } = 0.089;

    /// <summary>[V] See <see cref="TAllNras"/>.</summary>
    public double TAllKras { get; init; } = 0.016;

    /// <summary>[U] Probability of a second, independent hotspot when one was planted.</summary>
    public double SecondHotspot { get; init; } = 0.15;

    // ---- Sequencing noise.

    /// <summary>[U] Mean number of PASS passenger SNVs/indels per tumour (panel/exome-like).</summary>
    public double PassengerMean { get; init; } = 12;

    /// <summary>[U] Mean number of filtered artefact calls per tumour (strand bias, weak evidence, …).</summary>
    public double ArtefactMean { get; init; } = 6;

    /// <summary>[U] Probability that a filtered artefact falls on a hotspot (it must not be reported: FILTER is not PASS).</summary>
    public double ArtefactOnHotspot { get; init; } = 0.05;

    /// <summary>[U] Mean tumour depth; the normal gets half.</summary>
    public int TumourDepth { get; init; } = 220;

    // ---- Pharmacogenomics: per-haplotype allele frequencies [U]. ALL-knowledge.md §5 defines the alleles and CPIC
    // functions [V-data] but gives no population frequencies; these placeholders are roughly European-like for TPMT
    // and a mixed-ancestry middle ground for NUDT15.

    /// <summary>[U] TPMT star-allele haplotype frequencies (the rest is *1).</summary>
    public IReadOnlyDictionary<string, double> TpmtAlleles { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["*3A"] = 0.035, ["*3C"] = 0.005, ["*2"] = 0.002, ["*3B"] = 0.001, ["*4"] = 0.001,
    };

    /// <summary>[U] NUDT15 star-allele haplotype frequencies (the rest is *1).</summary>
    public IReadOnlyDictionary<string, double> Nudt15Alleles { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["*3"] = 0.02, ["*2"] = 0.003, ["*9"] = 0.002, ["*5"] = 0.003,
    };

    /// <summary>Names of the parameters above that are placeholders ([U]), for the truth table's header.</summary>
    public static IReadOnlyList<string> UnverifiedNames { get; } =
    [
        nameof(AgeMix), nameof(MaleFraction), nameof(TLineage), nameof(MedianWbc), nameof(TLineageWbcFactor), nameof(MrdLimitOfDetection),
        nameof(EtvRunx1), "HighHyperdiploidy.Child", "BcrAbl1.Child/Aya", nameof(Kmt2aAff1), nameof(Tcf3Pbx1), nameof(Pax5P80r), nameof(Ikzf1N159y),
        nameof(Ikzf1Delta4To7Share), nameof(TAllCdkn2aDeletion), nameof(Cdkn2aHomozygous), nameof(HotspotRate), nameof(HotspotRateHighHyperdiploid), nameof(SecondHotspot),
        nameof(PassengerMean), nameof(ArtefactMean), nameof(ArtefactOnHotspot), nameof(TumourDepth), nameof(TpmtAlleles), nameof(Nudt15Alleles),
        "HeH per-chromosome gain probabilities", "fusion breakpoint introns", "MRD kinetics",
    ];
}
