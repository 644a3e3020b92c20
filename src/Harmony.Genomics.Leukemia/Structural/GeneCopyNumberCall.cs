namespace Harmony.Genomics.Leukemia;

/// <summary>The copy state of one gene (or region such as PAR1) in one specimen.</summary>
/// <param name="Gene">The gene symbol, or <c>PAR1</c> (CSF2RA–IL3RA–P2RY8, the P2RY8::CRLF2 deletion region).</param>
/// <param name="State">Deleted (het/hom), not deleted, or not assessable.</param>
/// <param name="Extent"><c>whole-gene</c> or <c>intragenic</c> for deletions, else null.</param>
/// <param name="ExonsLost">Exon numbers lost, on <paramref name="Transcript"/>; empty when none or unknown.</param>
/// <param name="Transcript">The transcript the exon numbers follow, or null when the knowledge base has no exons for the gene.</param>
/// <param name="MinimumCopyNumber">The lowest copy number over the gene, when known.</param>
/// <param name="Coverage">Fraction of the gene's span covered by segments.</param>
/// <param name="Detail">Why, in words, with the thresholds applied.</param>
/// <param name="Evidence">The segment lines used.</param>
/// <param name="Certainty">The weakest certainty of the coordinates used.</param>
public sealed record GeneCopyNumberCall(string Gene, GeneCopyState State, string? Extent, IReadOnlyList<int> ExonsLost, string? Transcript, double? MinimumCopyNumber, double Coverage, string Detail, string Evidence, Certainty Certainty)
{
    /// <summary>Exons lost written as <c>Δ4–7</c> (runs joined by en dashes, runs separated by commas), or null.</summary>
    public string? ExonText => ExonsLost.Count == 0 ? null : "Δ" + ExonRuns(ExonsLost, "–");

    /// <summary>Exons lost written as plain runs, e.g. <c>4-7</c> or <c>2,4-5</c>, or null.</summary>
    public string? ExonNumbers => ExonsLost.Count == 0 ? null : ExonRuns(ExonsLost, "-");

    private static string ExonRuns(IReadOnlyList<int> exons, string dash)
    {
        var runs = new List<string>();
        var start = exons[0];
        var previous = exons[0];
        foreach (var exon in exons.Skip(1).Append(int.MinValue))
        {
            if (exon == previous + 1)
            {
                previous = exon;
                continue;
            }

            runs.Add(start == previous ? $"{start}" : $"{start}{dash}{previous}");
            start = previous = exon;
        }

        return string.Join(",", runs);
    }
}
