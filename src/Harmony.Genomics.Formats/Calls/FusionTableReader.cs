using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Reads Arriba <c>fusions.tsv</c> and STAR-Fusion (full and abridged) prediction tables, sniffing the format from
/// the header and finding columns by name, so column order and extra columns across versions do not matter.
/// Arriba: <c>strandN(gene/fusion)</c> gives the gene strand and, after the slash, the transcribed strand (<c>.</c>
/// when unknown); <c>directionN</c> <c>downstream</c> means the partner is joined after the breakpoint (the left side
/// is kept), <c>upstream</c> before it (Arriba documentation, output files). STAR-Fusion lists the 5' gene first
/// (<c>LeftGene</c>) with breakpoints written <c>chr:pos:strand</c>.
/// </summary>
public static class FusionTableReader
{
    /// <summary>Reads a table (plain or gzip).</summary>
    /// <param name="path">The table.</param>
    /// <param name="sourceName">The name used in errors; the file name by default.</param>
    /// <exception cref="InputFormatException">Not a known fusion table, or a malformed line.</exception>
    public static FusionTableFile Read(string path, string? sourceName = null) => Parse(TextTable.Read(path, sourceName));

    /// <summary>Parses a table held in memory.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="sourceName">The name used in errors.</param>
    /// <exception cref="InputFormatException">Not a known fusion table, or a malformed line.</exception>
    public static FusionTableFile Parse(byte[] bytes, string sourceName) => Parse(TextTable.Parse(bytes, sourceName));

    /// <summary>The format a header line announces, or null.</summary>
    /// <param name="headerLine">The first line of the file.</param>
    public static FusionTableFormat? Sniff(string headerLine)
    {
        ArgumentNullException.ThrowIfNull(headerLine);
        var columns = headerLine.TrimStart('#').Split('\t');
        if (columns.Contains("gene1") && columns.Contains("breakpoint1") && columns.Contains("gene2"))
        {
            return FusionTableFormat.Arriba;
        }

        if (columns.Contains("FusionName") && columns.Contains("LeftBreakpoint") && columns.Contains("RightBreakpoint"))
        {
            return columns.Contains("JunctionReads") || columns.Contains("SpanningFrags") ? FusionTableFormat.StarFusion : FusionTableFormat.StarFusionAbridged;
        }

        return null;
    }

    private static FusionTableFile Parse(TextTable table)
    {
        var headerIndex = -1;
        for (var i = 0; i < table.Lines.Count; i++)
        {
            if (table.Lines[i].Text.Trim().Length > 0)
            {
                headerIndex = i;
                break;
            }
        }

        if (headerIndex < 0)
        {
            throw new InputFormatException(table.Source, 1, 0, null, "a fusion table header (Arriba '#gene1\tgene2\t…' or STAR-Fusion '#FusionName\t…'), found an empty file");
        }

        var header = table.Lines[headerIndex];
        var format = Sniff(header.Text) ?? throw table.Error(header, null, "a fusion table header: Arriba ('#gene1', 'gene2', 'breakpoint1' …) or STAR-Fusion ('#FusionName', 'LeftBreakpoint', 'RightBreakpoint' …)");
        var names = header.Text.TrimStart('#').Split('\t');
        var calls = new List<FusionCallRecord>();
        for (var i = headerIndex + 1; i < table.Lines.Count; i++)
        {
            var line = table.Lines[i];
            if (line.Text.Trim().Length == 0 || line.Text.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Text.Split('\t');
            string Cell(string name, bool required = true)
            {
                var index = Array.IndexOf(names, name);
                if (index < 0 || index >= cells.Length)
                {
                    return required ? throw table.Error(line, name, $"a value in column '{name}' (the line has {cells.Length} columns, the header {names.Length})") : string.Empty;
                }

                return cells[index];
            }

            calls.Add(format == FusionTableFormat.Arriba ? Arriba(table, line, Cell) : StarFusion(table, line, format, Cell));
        }

        return new FusionTableFile(table.Source, format, calls);
    }

    private static FusionCallRecord Arriba(TextTable table, (int Number, long Offset, string Text) line, Func<string, bool, string> cell)
    {
        var (contigA, positionA) = Breakpoint(table, line, "breakpoint1", cell("breakpoint1", true));
        var (contigB, positionB) = Breakpoint(table, line, "breakpoint2", cell("breakpoint2", true));
        var (strandA, fromCallerA) = ArribaStrand(table, line, "strand1(gene/fusion)", cell("strand1(gene/fusion)", false));
        var (strandB, fromCallerB) = ArribaStrand(table, line, "strand2(gene/fusion)", cell("strand2(gene/fusion)", false));
        var sideA = Direction(table, line, "direction1", cell("direction1", false));
        var sideB = Direction(table, line, "direction2", cell("direction2", false));
        var split = Sum(Count(table, line, "split_reads1", cell("split_reads1", false)), Count(table, line, "split_reads2", cell("split_reads2", false)));
        var frame = cell("reading_frame", false);
        var confidence = cell("confidence", false);
        return new FusionCallRecord(
            line.Number,
            FusionTableFormat.Arriba,
            ArribaGenes(cell("gene1", true)),
            contigA,
            positionA,
            strandA,
            sideA,
            ArribaGenes(cell("gene2", true)),
            contigB,
            positionB,
            strandB,
            sideB,
            split,
            Count(table, line, "discordant_mates", cell("discordant_mates", false)),
            confidence.Length == 0 ? null : confidence,
            frame.Length == 0 || frame == "." ? null : frame,
            fromCallerA && fromCallerB && sideA is not null && sideB is not null);
    }

    private static FusionCallRecord StarFusion(TextTable table, (int Number, long Offset, string Text) line, FusionTableFormat format, Func<string, bool, string> cell)
    {
        var (contigA, positionA, strandA) = StarBreakpoint(table, line, "LeftBreakpoint", cell("LeftBreakpoint", true));
        var (contigB, positionB, strandB) = StarBreakpoint(table, line, "RightBreakpoint", cell("RightBreakpoint", true));
        var frame = cell("PROT_FUSION_TYPE", false);

        // STAR-Fusion reports the 5' partner on the left: its transcript runs into the junction, so on the plus
        // strand it keeps the bases before the breakpoint; the 3' partner keeps the bases after it.
        return new FusionCallRecord(
            line.Number,
            format,
            [StarGene(cell("LeftGene", true))],
            contigA,
            positionA,
            strandA,
            strandA == '+' ? BreakendSide.Left : BreakendSide.Right,
            [StarGene(cell("RightGene", true))],
            contigB,
            positionB,
            strandB,
            strandB == '+' ? BreakendSide.Right : BreakendSide.Left,
            Count(table, line, "JunctionReadCount", cell("JunctionReadCount", false)),
            Count(table, line, "SpanningFragCount", cell("SpanningFragCount", false)),
            null,
            frame.Length == 0 || frame == "." ? null : frame,
            false);
    }

    // Arriba writes intergenic partners as "GENE1(1234),GENE2(567)" (neighbours and distances); genic ones as the name.
    private static List<string> ArribaGenes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => g.Split('(')[0])
            .Where(g => g.Length > 0 && g != ".")
            .ToList();

    private static string StarGene(string text) => text.Split('^')[0];

    private static (string Contig, long Position) Breakpoint(TextTable table, (int Number, long Offset, string Text) line, string column, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            throw table.Error(line, column, $"a breakpoint as contig:position, found '{text}'");
        }

        return (text[..colon], TextTable.ParseLong(table, line, column, text[(colon + 1)..]));
    }

    private static (string Contig, long Position, char? Strand) StarBreakpoint(TextTable table, (int Number, long Offset, string Text) line, string column, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[2] is not ("+" or "-"))
        {
            throw table.Error(line, column, $"a breakpoint as contig:position:strand (e.g. chr22:23290413:+), found '{text}'");
        }

        return (parts[0], TextTable.ParseLong(table, line, column, parts[1]), parts[2][0]);
    }

    private static (char? Strand, bool FromFusion) ArribaStrand(TextTable table, (int Number, long Offset, string Text) line, string column, string text)
    {
        if (text.Length == 0)
        {
            return (null, false);
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || parts.Any(p => p is not ("+" or "-" or ".")))
        {
            throw table.Error(line, column, $"gene/fusion strands such as +/+ or -/. , found '{text}'");
        }

        // The transcribed strand (after the slash) decides; when Arriba could not predict it, the gene's strand is
        // the best available guess and the call is marked as not oriented by the caller.
        return parts[1] != "." ? (parts[1][0], true) : parts[0] != "." ? (parts[0][0], false) : (null, false);
    }

    private static BreakendSide? Direction(TextTable table, (int Number, long Offset, string Text) line, string column, string text) => text switch
    {
        "" or "." => null,
        "downstream" => BreakendSide.Left,
        "upstream" => BreakendSide.Right,
        _ => throw table.Error(line, column, $"upstream or downstream, found '{text}'"),
    };

    private static long? Count(TextTable table, (int Number, long Offset, string Text) line, string column, string text) =>
        text.Length == 0 || text == "." ? null : TextTable.ParseLong(table, line, column, text);

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
