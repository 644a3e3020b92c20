using System.Globalization;

namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Thresholds of the structural and copy-number rules. Every output row records <see cref="Describe"/>, because
/// deletion and ploidy cut-offs are protocol-specific (ALL-knowledge.md §9.6).
/// </summary>
public sealed record StructuralCallOptions
{
    /// <summary>Log2 ratio at or below which a segment is a homozygous deletion (CNVkit <c>call</c> default −1.1).</summary>
    public double HomozygousDeletionLog2 { get; init; } = -1.1;

    /// <summary>Log2 ratio at or below which a segment is a heterozygous deletion (CNVkit default −0.25).</summary>
    public double HeterozygousDeletionLog2 { get; init; } = -0.25;

    /// <summary>Log2 ratio at or above which a segment is a gain (CNVkit default 0.2).</summary>
    public double GainLog2 { get; init; } = 0.2;

    /// <summary>Tumour purity (blast fraction, 0–1]; when given, copy number is corrected for normal contamination.</summary>
    public double? Purity { get; init; }

    /// <summary>Fraction of a gene or arm that segments must cover for "not deleted"/a copy state; less is "not assessable".</summary>
    public double MinimumCoverage { get; init; } = 0.9;

    /// <summary>How far (bases) from an Ig/TCR breakpoint the partner gene may lie when no gene overlaps the partner breakend [U].</summary>
    public long LocusPartnerWindow { get; init; } = 500_000;

    /// <summary>
    /// How far (bases) upstream of a gene's 5' end an intergenic breakpoint still names that gene as the 3' partner of a
    /// fusion that keeps the whole gene (promoter swapping: P2RY8::CRLF2 from the PAR1 deletion breaks upstream of CRLF2) [P].
    /// </summary>
    public long PromoterWindow { get; init; } = 10_000;

    /// <summary>Minor-allele fraction below which a whole chromosome counts as LOH [P].</summary>
    public double LohMinorAlleleFraction { get; init; } = 0.1;

    /// <summary>The ploidy-class definition applied.</summary>
    public PloidyDefinition Ploidy { get; init; } = PloidyDefinition.Default;

    /// <summary><c>male</c>, <c>female</c> or null (from the sheet's <c>sex</c> column): used for chrX/chrY and PAR1.</summary>
    public string? Sex { get; init; }

    /// <summary>Exons to use instead of the knowledge base's, per gene (e.g. IKZF1 from a pinned GENCODE/MANE release in place of the derived GRCh38 exons 4–7).</summary>
    public IReadOnlyList<ExonEntry>? Exons { get; init; }

    /// <summary>
    /// Read support an RNA fusion call needs to count: junction (split) reads and spanning pairs each at least this many,
    /// or together at least <see cref="FusionReadsTotal"/>; a call with fewer is left out and named in a warning. Off
    /// (0, 0) by default: MD-ALL applies 2 and 5 (ALL-knowledge.md §3.5 rule 5 [V-data]) to FusionCatcher and CICERO
    /// counts, which Arriba's and STAR-Fusion's columns match only roughly, and 2, 5 would drop Arriba's own
    /// high-confidence BCR::ABL1 test call (3 + 1 split reads). A low-confidence Arriba call counts as Partial evidence.
    /// </summary>
    public int FusionReadsEach { get; init; }

    /// <summary>See <see cref="FusionReadsEach"/>.</summary>
    public int FusionReadsTotal { get; init; }

    /// <summary>
    /// Shortest SV deletion read as a gene deletion (bases): shorter ones are indels by the usual SV convention (50 bp),
    /// which the small-variant rules, not copy-number ones, interpret.
    /// </summary>
    public long StructuralDeletionMinimumLength { get; init; } = 50;

    /// <summary>
    /// Longest SV deletion read as a gene deletion (bases) [P]. A copy-number file measures the loss, so there a whole-arm
    /// loss deletes every gene on the arm (as MLPA would count it); an SV record is only a junction, and a DEL-type
    /// junction many megabases long is as often part of a complex rearrangement that keeps the bases between
    /// (chromothripsis, an unbalanced translocation's derivative) as a true interstitial loss. Focal ALL deletions
    /// (IKZF1, CDKN2A/B, PAX5, ETV6, RB1, BTG1, EBF1, ERG, the PAR1 deletion) are mostly far shorter; a longer DEL leaves
    /// the genes under it not assessable from the SV file, for a copy-number file to decide.
    /// </summary>
    public long StructuralDeletionMaximumLength { get; init; } = 10_000_000;

    /// <summary>The rules applied to SV deletions, as one line, written with every gene call an SV file gives.</summary>
    public string DescribeStructuralDeletions() => string.Create(CultureInfo.InvariantCulture,
        $"SV deletions: PASS (or unfiltered) DEL records and deletion-type breakend pairs of {StructuralDeletionMinimumLength} bp to {StructuralDeletionMaximumLength} bp, the junction read as the loss of the bases between (no copy number measured; ALL-knowledge.md §3.5 rule 4 [P]); zygosity from the specimen's GT (1/1, or two different junctions over the same bases: homozygous; GT absent: heterozygous); a gene with no such deletion is not assessable from an SV file");

    /// <summary>The thresholds as one line, written with every copy-number output.</summary>
    public string Describe()
    {
        var purity = Purity is { } p ? $"purity {p.ToString("0.###", CultureInfo.InvariantCulture)} (CN = 2·(2^log2 − (1 − purity))/purity)" : "purity not given (CN = 2·2^log2, i.e. 100 % tumour assumed)";
        return string.Create(CultureInfo.InvariantCulture, $"log2 thresholds hom-del <= {HomozygousDeletionLog2}, het-del <= {HeterozygousDeletionLog2}, gain >= {GainLog2} (CNVkit call defaults) when no purity or caller CN; with purity or caller CN: CN < 0.5 hom-del, < 1.5 het-del, >= 2.5 gain; {purity}; coverage >= {MinimumCoverage}");
    }
}
