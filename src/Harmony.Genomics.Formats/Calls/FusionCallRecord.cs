namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// One RNA fusion call with both breakpoints in genome coordinates. Partner A is the caller's first gene
/// (Arriba <c>gene1</c>, STAR-Fusion <c>LeftGene</c>). Each breakpoint carries the transcribed strand and the side
/// of the breakpoint the fusion transcript keeps, in the same terms as a breakend (<see cref="BreakendSide"/>), so
/// RNA and DNA evidence are oriented by one rule.
/// </summary>
/// <param name="Line">1-based line in the table.</param>
/// <param name="Format">Which caller wrote it.</param>
/// <param name="GeneA">Gene names at breakpoint A as the caller wrote them (Arriba may list two intergenic neighbours).</param>
/// <param name="ContigA">Contig of breakpoint A.</param>
/// <param name="PositionA">1-based position of breakpoint A.</param>
/// <param name="StrandA">Transcribed strand at A (<c>+</c>/<c>-</c>), or null when unknown.</param>
/// <param name="SideA">Side of A kept in the fusion, or null when unknown.</param>
/// <param name="GeneB">Gene names at breakpoint B.</param>
/// <param name="ContigB">Contig of breakpoint B.</param>
/// <param name="PositionB">1-based position of breakpoint B.</param>
/// <param name="StrandB">Transcribed strand at B, or null.</param>
/// <param name="SideB">Side of B kept, or null.</param>
/// <param name="SplitReads">Junction (split) reads, summed over both ends for Arriba.</param>
/// <param name="SpanningPairs">Discordant mates / spanning fragments.</param>
/// <param name="Confidence">Arriba's confidence (<c>high</c>, <c>medium</c>, <c>low</c>); null for STAR-Fusion.</param>
/// <param name="ReadingFrame">Arriba <c>reading_frame</c> or STAR-Fusion <c>PROT_FUSION_TYPE</c> when present.</param>
/// <param name="OrientationFromCaller">True when the sides come from the caller's own strand/direction columns; false when inferred from the caller's 5'→3' listing.</param>
public sealed record FusionCallRecord(
    int Line,
    FusionTableFormat Format,
    IReadOnlyList<string> GeneA,
    string ContigA,
    long PositionA,
    char? StrandA,
    BreakendSide? SideA,
    IReadOnlyList<string> GeneB,
    string ContigB,
    long PositionB,
    char? StrandB,
    BreakendSide? SideB,
    long? SplitReads,
    long? SpanningPairs,
    string? Confidence,
    string? ReadingFrame,
    bool OrientationFromCaller);
