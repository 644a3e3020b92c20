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

/// <summary>
/// htslib's synced reader: the span a record is matched by under each <see cref="RegionOverlap"/> rule, shared by the
/// VCF text filter and the BCF record filter so that both select the same records.
/// </summary>
internal static class RegionMatch
{
    /// <summary>Whether the record at <paramref name="pos"/> spanning <paramref name="length"/> bases matches <paramref name="set"/>.</summary>
    /// <param name="set">The regions or targets.</param>
    /// <param name="rule">How the record is matched.</param>
    /// <param name="chromosome">The record's CHROM.</param>
    /// <param name="pos">The record's 1-based POS.</param>
    /// <param name="length">rlen: INFO/END - POS + 1 when END is given, else the length of REF (at least 1).</param>
    /// <param name="sharedPrefix">
    /// For <see cref="RegionOverlap.Variant"/> only: the bases every ALT shares with REF, at most
    /// <paramref name="length"/> (a record without ALT shares all of them and so matches no region).
    /// </param>
    public static bool Matches(RegionSet set, RegionOverlap rule, string chromosome, long pos, long length, long sharedPrefix) => rule switch
    {
        RegionOverlap.Position => set.Overlaps(chromosome, pos, pos),

        // _set_variant_boundaries: the varying bases start after the shared prefix; symbolic ALTs share nothing.
        RegionOverlap.Variant => set.Overlaps(chromosome, pos + Math.Min(sharedPrefix, length), pos + length - 1),
        _ => set.Overlaps(chromosome, pos, pos + length - 1),
    };
}
