namespace Harmony.Genomics.Leukemia;

/// <summary>Where a knowledge-base entry comes from: the embedded file (see PROVENANCE.md) and its line.</summary>
/// <param name="File">The embedded file name.</param>
/// <param name="Line">The 1-based line in that file.</param>
public sealed record KbSource(string File, int Line)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}
