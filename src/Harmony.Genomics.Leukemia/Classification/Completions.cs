namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// Evaluates a rule over every way the unknown calls could turn out: the label is assessable only when all completions
/// agree (e.g. an IKZF1 deletion makes UKALL-CNA poor whatever the missing genes are).
/// </summary>
internal static class Completions
{
    /// <summary>The single label all completions give, or null when they differ.</summary>
    public static string? Agreed(IReadOnlyList<GeneCall> calls, Func<bool[], string> rule)
    {
        var unknown = Enumerable.Range(0, calls.Count).Where(i => calls[i] == GeneCall.Unknown).ToArray();
        string? agreed = null;
        for (var mask = 0; mask < 1 << unknown.Length; mask++)
        {
            var deleted = calls.Select(c => c == GeneCall.Deleted).ToArray();
            for (var j = 0; j < unknown.Length; j++)
            {
                deleted[unknown[j]] = (mask & (1 << j)) != 0;
            }

            var label = rule(deleted);
            if (agreed is not null && agreed != label)
            {
                return null;
            }

            agreed = label;
        }

        return agreed;
    }

    /// <summary>Deleted (het or hom), not deleted, or unknown.</summary>
    public static GeneCall AnyDeletion(GeneCopyState state) => state switch
    {
        GeneCopyState.HeterozygousDeletion or GeneCopyState.HomozygousDeletion => GeneCall.Deleted,
        GeneCopyState.NotDeleted => GeneCall.NotDeleted,
        _ => GeneCall.Unknown,
    };

    /// <summary>Words a call for the evidence.</summary>
    public static string Text(string gene, GeneCopyState state) => gene + ":" + state switch
    {
        GeneCopyState.HeterozygousDeletion => "het-del",
        GeneCopyState.HomozygousDeletion => "hom-del",
        GeneCopyState.NotDeleted => "not-del",
        _ => "no-call",
    };
}
