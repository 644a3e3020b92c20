namespace Harmony.Genomics.Leukemia;

/// <summary>An ALL-relevant gene (or Ig/TCR locus) with its span on each assembly.</summary>
/// <param name="Symbol">HGNC symbol, or e.g. <c>IGH_locus</c>.</param>
/// <param name="Roles">Roles in ALL as listed by the knowledge base (e.g. <c>CNA_UKALL</c>, <c>germline</c>).</param>
/// <param name="Strand"><c>+</c>, <c>-</c> or empty for loci.</param>
/// <param name="Grch38">Span on GRCh38, when known.</param>
/// <param name="Grch37">Span on GRCh37, when known.</param>
/// <param name="Certainty">How sure the spans are.</param>
/// <param name="Note">The knowledge base's note, if any.</param>
/// <param name="Source">Where the entry was read.</param>
public sealed record GeneEntry(string Symbol, IReadOnlyList<string> Roles, string Strand, GenomicInterval? Grch38, GenomicInterval? Grch37, Certainty Certainty, string Note, KbSource Source)
{
    /// <summary>The span on an assembly, when known.</summary>
    public GenomicInterval? On(GenomeAssembly assembly) => assembly == GenomeAssembly.GRCh38 ? Grch38 : Grch37;
}
