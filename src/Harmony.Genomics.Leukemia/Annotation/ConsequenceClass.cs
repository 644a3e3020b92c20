namespace Harmony.Genomics.Leukemia;

/// <summary>Groups of Sequence Ontology consequence terms (VEP and SnpEff use the same SO names).</summary>
internal static class ConsequenceClass
{
    private static readonly string[] ProteinAltering =
    [
        "missense_variant", "stop_gained", "frameshift_variant", "inframe_insertion", "inframe_deletion",
        "disruptive_inframe_insertion", "disruptive_inframe_deletion", "conservative_inframe_insertion", "conservative_inframe_deletion",
        "splice_acceptor_variant", "splice_donor_variant", "start_lost", "stop_lost", "protein_altering_variant", "exon_loss_variant",
    ];

    private static readonly string[] Truncating = ["stop_gained", "frameshift_variant", "splice_acceptor_variant", "splice_donor_variant", "start_lost", "exon_loss_variant"];

    public static bool IsProteinAltering(string consequence) => Terms(consequence).Any(t => ProteinAltering.Contains(t));

    public static bool IsTruncating(string consequence) => Terms(consequence).Any(t => Truncating.Contains(t));

    public static bool IsMissenseOrInFrame(string consequence) =>
        Terms(consequence).Any(t => t == "missense_variant" || t.Contains("inframe", StringComparison.Ordinal));

    private static string[] Terms(string consequence) => consequence.Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
