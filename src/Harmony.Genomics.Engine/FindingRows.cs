using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Turns rows of <c>abnormalities</c>, <c>gene_copy_number</c> and <c>chromosome_copy</c> (arrays in the lake's column
/// order, from this run or read back from the lake) into <see cref="SpecimenFindings"/>. Rows are put in one canonical
/// order first, so the ingest and <c>harmony classify</c> build the same findings whatever order the rows came in.
/// </summary>
internal sealed class FindingRows
{
    private readonly ILookup<string, object?[]> _abnormalities;
    private readonly ILookup<string, object?[]> _genes;
    private readonly ILookup<string, object?[]> _chromosomes;
    private readonly ILookup<string, string?> _consequenceSources;

    /// <param name="abnormalities">patient, specimen, specimen_type, abnormality, category, genes, detail, evidence, genetic_origin, certainty, source_file, …</param>
    /// <param name="genes">patient, specimen, specimen_type, source_file, gene, state, …</param>
    /// <param name="chromosomes">patient, specimen, specimen_type, source_file, chrom, arm, copy_number, …</param>
    /// <param name="consequenceSources">Each small-variant file's specimen and the consequence annotation (VEP/SnpEff) it carried, or null.</param>
    public FindingRows(IEnumerable<object?[]> abnormalities, IEnumerable<object?[]> genes, IEnumerable<object?[]> chromosomes, IEnumerable<(string Specimen, string? ConsequenceSource)> consequenceSources)
    {
        _consequenceSources = consequenceSources.ToLookup(s => s.Specimen, s => s.ConsequenceSource, StringComparer.Ordinal);
        _abnormalities = abnormalities.Where(r => (string?)r[2] == "tumour")
            .OrderBy(r => Text(r[10]), StringComparer.Ordinal).ThenBy(r => Text(r[3]), StringComparer.Ordinal).ThenBy(r => Text(r[4]), StringComparer.Ordinal).ThenBy(r => Text(r[7]), StringComparer.Ordinal).ThenBy(r => Text(r[6]), StringComparer.Ordinal)
            .ToLookup(r => (string)r[1]!);
        _genes = genes.Where(r => (string?)r[2] == "tumour")
            .OrderBy(r => Text(r[3]), StringComparer.Ordinal).ThenBy(r => Text(r[4]), StringComparer.Ordinal).ThenBy(r => Text(r[5]), StringComparer.Ordinal)
            .ToLookup(r => (string)r[1]!);
        _chromosomes = chromosomes.Where(r => (string?)r[2] == "tumour" && (string?)r[5] == "whole" && r[6] is int)
            .OrderBy(r => Text(r[3]), StringComparer.Ordinal).ThenBy(r => Text(r[4]), StringComparer.Ordinal)
            .ToLookup(r => (string)r[1]!);
    }

    /// <summary>The findings of one tumour specimen.</summary>
    /// <param name="patient">Stored patient id.</param>
    /// <param name="specimen">Stored specimen id.</param>
    /// <param name="kinds">The kinds of data read for the specimen.</param>
    /// <param name="clinical">The patient's clinical facts (<see cref="ClinicalRecord.Facts"/>).</param>
    public SpecimenFindings Specimen(string patient, string specimen, IReadOnlySet<DataKind> kinds, IReadOnlyDictionary<string, string> clinical)
    {
        var found = _abnormalities[specimen].Select(r => new Abnormality((string)r[3]!, (string)r[4]!, (string[])r[5]!, (string)r[6]!, (string)r[7]!, (string)r[8]!, Enum.TryParse<Certainty>((string?)r[9], out var c) ? c : Certainty.Unverified)).ToList();
        var states = new Dictionary<string, GeneCopyState>(StringComparer.Ordinal);
        foreach (var g in _genes[specimen])
        {
            var state = State((string)g[5]!);
            // Several copy-number files for one specimen: a deletion or a call beats no call.
            if (!states.TryGetValue((string)g[4]!, out var old) || old == GeneCopyState.NotAssessable || (old == GeneCopyState.NotDeleted && state is GeneCopyState.HeterozygousDeletion or GeneCopyState.HomozygousDeletion))
            {
                states[(string)g[4]!] = state;
            }
        }

        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ch in _chromosomes[specimen])
        {
            copies.TryAdd((string)ch[4]!, (int)ch[6]!);
        }

        // Mutation calls are complete only when every small-variant file of the specimen carried consequences; with no
        // record of it (an older lake) the rules infer it from the findings.
        var sources = _consequenceSources[specimen].ToList();
        bool? annotated = sources.Count == 0 ? null : sources.All(s => s is not null);
        return new SpecimenFindings(patient, specimen, found, states, copies, kinds.Contains(DataKind.CopyNumber),
            kinds.Contains(DataKind.StructuralVariants) || kinds.Contains(DataKind.Fusions), kinds.Contains(DataKind.SmallVariants), clinical)
        {
            ConsequencesAnnotated = annotated,
        };
    }

    private static string Text(object? value) => value as string ?? string.Empty;

    private static GeneCopyState State(string text) => text switch
    {
        "heterozygous_deletion" => GeneCopyState.HeterozygousDeletion,
        "homozygous_deletion" => GeneCopyState.HomozygousDeletion,
        "not_deleted" => GeneCopyState.NotDeleted,
        _ => GeneCopyState.NotAssessable,
    };
}
