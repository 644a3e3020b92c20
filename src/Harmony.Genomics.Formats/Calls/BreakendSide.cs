namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Which side of a breakpoint the rearranged molecule keeps: <see cref="Left"/> when the reference bases up to and
/// including the position are joined to the partner (the VCF 4.3 §5.4 forms <c>t[p[</c> and <c>t]p]</c> for the
/// record's own breakend), <see cref="Right"/> when the bases from the position onwards are kept (<c>]p]t</c>,
/// <c>[p[t</c>). DELLY's <c>CT</c> writes the same as 3' (Left) and 5' (Right).
/// </summary>
public enum BreakendSide
{
    /// <summary>The bases at and before the position are retained (the junction is on their 3' side).</summary>
    Left,

    /// <summary>The bases at and after the position are retained (the junction is on their 5' side).</summary>
    Right,
}
