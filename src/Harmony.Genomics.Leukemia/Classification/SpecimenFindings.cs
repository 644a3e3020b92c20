namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>What the rules read for one tumour specimen: findings, gene copy states, whole-chromosome copy numbers and the sheet's clinical columns. Rules never read files.</summary>
/// <param name="Patient">Patient.</param>
/// <param name="Specimen">Specimen.</param>
/// <param name="Abnormalities">The specimen's <c>abnormalities</c> rows.</param>
/// <param name="GeneStates">Gene (or PAR1) copy states from <c>gene_copy_number</c>; a gene absent here has no call.</param>
/// <param name="ChromosomeCopies">Whole-chromosome integer copy numbers (<c>chr5</c> → 3) where assessable.</param>
/// <param name="HasCopyNumber">Whether a copy-number file was called for the specimen.</param>
/// <param name="HasRearrangements">Whether an SV or fusion file was read for the specimen.</param>
/// <param name="HasSmallVariants">Whether a small-variant file was read for the specimen.</param>
/// <param name="Clinical">The patient's clinical columns (age, lineage, MRD …).</param>
internal sealed record SpecimenFindings(
    string Patient,
    string Specimen,
    IReadOnlyList<Abnormality> Abnormalities,
    IReadOnlyDictionary<string, GeneCopyState> GeneStates,
    IReadOnlyDictionary<string, int> ChromosomeCopies,
    bool HasCopyNumber,
    bool HasRearrangements,
    bool HasSmallVariants,
    IReadOnlyDictionary<string, string> Clinical)
{
    /// <summary>
    /// Whether the specimen's small-variant records carried VEP/SnpEff consequences, when the ingest knows; null when it
    /// does not say, and rules then infer it from the findings (<see cref="SmallVariantAnnotator.CarriesConsequence"/>).
    /// </summary>
    public bool? ConsequencesAnnotated { get; init; }

    /// <summary>Fusion findings (category <c>fusion</c>).</summary>
    public IEnumerable<Abnormality> Fusions => Abnormalities.Where(a => a.Category == "fusion");

    /// <summary>
    /// Said with the deletion rules' gene calls when no copy-number file was read: deletions are then seen only where an
    /// SV file has a DEL over the gene, and every other gene has no call (StructuralDeletionCaller), so the rules are
    /// assessable from SV data alone only when the deletions found decide them.
    /// </summary>
    public string DeletionDataNote => HasCopyNumber ? string.Empty
        : "; no copy-number file: gene deletions only from SV DEL records, and a gene without one has no call (an SV caller's silence is not two copies)";

    /// <summary>Whether a finding of that exact name is present.</summary>
    public bool Has(string name) => Abnormalities.Any(a => a.Name == name);

    /// <summary>Mutation findings of a gene.</summary>
    public IEnumerable<Abnormality> Mutations(string gene) => Abnormalities.Where(a => a.Category == "mutation" && a.Genes.Contains(gene));

    /// <summary>
    /// The gene's state, <see cref="GeneCopyState.NotAssessable"/> when it has no call. PAR1 also counts as deleted
    /// (one copy) when an SV joins P2RY8 to CRLF2 (ALL-knowledge.md §2.1: the junction is the PAR1 deletion's, which
    /// segments of about 300 kb often miss).
    /// </summary>
    public GeneCopyState State(string gene)
    {
        var state = CopyNumberState(gene);
        return gene == "PAR1" && state is GeneCopyState.NotDeleted or GeneCopyState.NotAssessable && Par1Junction ? GeneCopyState.HeterozygousDeletion : state;
    }

    /// <summary>The gene's state as the rules' evidence shows it: <c>PAR1:het-del (P2RY8::CRLF2 junction)</c>.</summary>
    public string StateText(string gene)
    {
        var state = State(gene);
        var text = Completions.Text(gene, state);
        return state != CopyNumberState(gene) ? text + " (P2RY8::CRLF2 junction)" : text;
    }

    // The state the copy-number call gave, before the junction rule of State.
    private GeneCopyState CopyNumberState(string gene) => GeneStates.TryGetValue(gene, out var s) ? s : GeneCopyState.NotAssessable;

    // A P2RY8::CRLF2 fusion seen in DNA (an SV file), not in RNA alone.
    private bool Par1Junction => Fusions.Any(a => a.Name == "P2RY8::CRLF2" && a.Detail.StartsWith(FusionCaller.DnaEvidence, StringComparison.Ordinal));
}
