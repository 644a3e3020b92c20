namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// How a record is matched against regions or targets: bcftools' <c>--regions-overlap</c> and
/// <c>--targets-overlap</c> (<c>0|1|2</c>, or <c>pos|record|variant</c>).
/// </summary>
public enum RegionOverlap
{
    /// <summary><c>0</c>/<c>pos</c>: POS lies in a region (the default for targets).</summary>
    Position = 0,

    /// <summary><c>1</c>/<c>record</c>: [POS, END] overlaps a region, END from INFO/END else POS + len(REF) − 1 (the default for regions).</summary>
    Record = 1,

    /// <summary>
    /// <c>2</c>/<c>variant</c>: the bases that actually vary overlap a region. The start skips the bases every ALT shares
    /// with REF (so the padding base of <c>TA&gt;T</c> does not count); the end is the record's.
    /// </summary>
    Variant = 2,
}

/// <summary>Parses and names <see cref="RegionOverlap"/> values as bcftools writes them.</summary>
public static class RegionOverlapText
{
    /// <summary>Reads <c>0</c>, <c>1</c>, <c>2</c>, <c>pos</c>, <c>record</c> or <c>variant</c>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="option">The option's name, for the error.</param>
    /// <returns>The overlap rule.</returns>
    /// <exception cref="Core.HarmonyException">Any other value.</exception>
    public static RegionOverlap Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "0" or "pos" => RegionOverlap.Position,
            "1" or "record" => RegionOverlap.Record,
            "2" or "variant" => RegionOverlap.Variant,
            _ => throw new Core.HarmonyException($"{option}: expected 0, 1, 2, pos, record or variant, found '{text}'"),
        };
    }
}
