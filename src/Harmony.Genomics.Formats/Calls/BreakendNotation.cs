using System.Globalization;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Parses the VCF breakend ALT notation (VCF 4.3 §5.4, table "The four possible ways to create the junctions"):
/// <c>t[p[</c> and <c>t]p]</c> keep the record's left side; <c>]p]t</c> and <c>[p[t</c> keep its right side; a
/// <c>[</c> bracket means the mate keeps the bases from p onwards (its right side) and <c>]</c> the bases up to p
/// (its left side). Single breakends (<c>.A</c>, <c>A.</c>) and symbolic alleles are not adjacencies.
/// </summary>
internal static class BreakendNotation
{
    /// <summary>Parses a bracket ALT; false when <paramref name="alt"/> is not one, an error text when it is broken.</summary>
    public static bool TryParse(string alt, out string mateContig, out long matePosition, out BreakendSide side, out BreakendSide mateSide, out string? error)
    {
        mateContig = string.Empty;
        matePosition = 0;
        side = BreakendSide.Left;
        mateSide = BreakendSide.Left;
        error = null;
        var first = alt.IndexOfAny(['[', ']']);
        if (first < 0)
        {
            return false;
        }

        var bracket = alt[first];
        var second = alt.IndexOf(bracket, first + 1);
        if (second < 0 || alt.IndexOfAny(['[', ']'], second + 1) >= 0)
        {
            error = $"a breakend ALT such as N[chr2:321682[ or ]chr2:321682]N (two matching brackets), found '{alt}'";
            return true;
        }

        var mate = alt[(first + 1)..second];
        var colon = mate.LastIndexOf(':');
        if (colon <= 0 || !long.TryParse(mate[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out matePosition))
        {
            error = $"a mate position as contig:position between the brackets, found '{mate}'";
            return true;
        }

        // Contig names may be written in angle brackets (<ctg1>) for contigs not in the reference.
        mateContig = mate[..colon].Trim('<', '>');
        var before = alt[..first];
        var after = alt[(second + 1)..];
        if (before.Length > 0 && after.Length == 0)
        {
            side = BreakendSide.Left;
        }
        else if (before.Length == 0 && after.Length > 0)
        {
            side = BreakendSide.Right;
        }
        else
        {
            error = $"bases on exactly one side of the bracketed mate (t[p[, t]p], ]p]t or [p[t), found '{alt}'";
            return true;
        }

        mateSide = bracket == '[' ? BreakendSide.Right : BreakendSide.Left;
        return true;
    }
}
