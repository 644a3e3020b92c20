using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Reads copy-number segments, sniffing the format from the content: a VCF header means a CNV VCF; <c>@</c> SAM-style
/// header lines then <c>CONTIG START END</c> mean GATK ModelSegments (<c>LOG2_COPY_RATIO_POSTERIOR_50</c>: modelFinal;
/// <c>MEAN_LOG2_COPY_RATIO</c>: called); <c>chromosome start end gene log2</c> means CNVkit (0-based starts, BED
/// convention of its documentation); otherwise a header of at least five columns whose last is the mean log2 is SEG
/// (DNAcopy <c>ID chrom loc.start loc.end num.mark seg.mean</c> or IGV <c>Sample Chromosome Start End Num_Probes Segment_Mean</c>).
/// SEG files number X and Y as 23 and 24 (DNAcopy; CNVkit <c>export seg --enumerate-chroms</c>): those are read as X and
/// Y. A segment file describes one specimen, so a SEG with more than one sample ID is an error (segments of
/// different samples would otherwise be called as one genome).
/// </summary>
public static class SegmentReader
{
    /// <summary>Reads a segment file (plain, gzip or BGZF).</summary>
    /// <param name="path">The file.</param>
    /// <param name="sourceName">The name used in errors; the file name by default.</param>
    /// <exception cref="InputFormatException">Not a known segment format, or a malformed line.</exception>
    public static SegmentFile Read(string path, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = sourceName ?? Path.GetFileName(path);
        var table = TextTable.Read(path, name);
        if (table.Lines.Count > 0 && table.Lines[0].Text.StartsWith("##fileformat=VCF", StringComparison.Ordinal))
        {
            using var stream = File.OpenRead(path);
            return ReadVcf(stream, name);
        }

        return Parse(table);
    }

    /// <summary>Parses a segment file held in memory.</summary>
    /// <param name="bytes">The file's bytes (plain text or VCF).</param>
    /// <param name="sourceName">The name used in errors.</param>
    /// <exception cref="InputFormatException">Not a known segment format, or a malformed line.</exception>
    public static SegmentFile Parse(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var table = TextTable.Parse(bytes, sourceName);
        if (table.Lines.Count > 0 && table.Lines[0].Text.StartsWith("##fileformat=VCF", StringComparison.Ordinal))
        {
            using var stream = new MemoryStream(bytes);
            return ReadVcf(stream, sourceName);
        }

        return Parse(table);
    }

    private static SegmentFile Parse(TextTable table)
    {
        string? gatkSample = null;
        var headerIndex = -1;
        for (var i = 0; i < table.Lines.Count; i++)
        {
            var text = table.Lines[i].Text;
            if (text.StartsWith('@'))
            {
                // GATK writes the sample as the SM tag of the @RG line of its SAM-style header.
                if (text.StartsWith("@RG", StringComparison.Ordinal))
                {
                    gatkSample = text.Split('\t').FirstOrDefault(t => t.StartsWith("SM:", StringComparison.Ordinal))?[3..];
                }

                continue;
            }

            if (text.Trim().Length > 0 && !text.StartsWith('#'))
            {
                headerIndex = i;
                break;
            }
        }

        if (headerIndex < 0)
        {
            throw new InputFormatException(table.Source, table.Lines.Count == 0 ? 1 : table.Lines[^1].Number, 0, null, "a segment header line (SEG, CNVkit .cns, GATK ModelSegments) or a CNV VCF, found none");
        }

        var header = table.Lines[headerIndex];
        var names = header.Text.Split('\t');
        var format = Sniff(names) ?? throw table.Error(header, null,
            "a segment header: SEG 'ID chrom loc.start loc.end num.mark seg.mean', CNVkit 'chromosome start end gene log2 …', GATK 'CONTIG START END … LOG2_COPY_RATIO_POSTERIOR_50 …' or 'CONTIG START END NUM_POINTS_COPY_RATIO MEAN_LOG2_COPY_RATIO CALL'");
        var segments = new List<CopyNumberSegment>();
        string? firstSample = null;
        for (var i = headerIndex + 1; i < table.Lines.Count; i++)
        {
            var line = table.Lines[i];
            if (line.Text.Trim().Length == 0 || line.Text.StartsWith('#') || line.Text.StartsWith('@'))
            {
                continue;
            }

            var cells = line.Text.Split('\t');
            if (cells.Length < names.Length && format != SegmentFormat.Cnvkit)
            {
                throw table.Error(line, null, $"{names.Length} tab-separated columns as in the header, found {cells.Length}");
            }

            string Cell(string name)
            {
                var index = Array.IndexOf(names, name);
                return index >= 0 && index < cells.Length ? cells[index] : string.Empty;
            }

            var segment = format switch
            {
                SegmentFormat.Seg => Seg(table, line, names, cells),
                SegmentFormat.Cnvkit => Cnvkit(table, line, Cell),
                _ => Gatk(table, line, format, gatkSample, Cell),
            };
            firstSample ??= segment.Sample;
            if (format == SegmentFormat.Seg && segment.Sample != firstSample)
            {
                throw table.Error(line, names[0], $"one sample per segment file (it stands for one specimen of the sample sheet), found '{segment.Sample}' after '{firstSample}'; split the file by its {names[0]} column");
            }

            segments.Add(segment);
        }

        return new SegmentFile(table.Source, format, segments, null, false);
    }

    private static SegmentFormat? Sniff(string[] names)
    {
        if (names.Length >= 3 && names[0] == "CONTIG" && names[1] == "START" && names[2] == "END")
        {
            return names.Contains("LOG2_COPY_RATIO_POSTERIOR_50") ? SegmentFormat.GatkModelFinal
                : names.Contains("MEAN_LOG2_COPY_RATIO") ? SegmentFormat.GatkCalled
                : null;
        }

        if (names.Length >= 5 && names[0] == "chromosome" && names[1] == "start" && names[2] == "end" && names.Contains("log2"))
        {
            return SegmentFormat.Cnvkit;
        }

        var second = names.Length > 1 ? names[1].ToLowerInvariant() : string.Empty;
        return names.Length >= 5 && second is "chrom" or "chromosome" or "chr" or "'chrom'" ? SegmentFormat.Seg : null;
    }

    private static CopyNumberSegment Seg(TextTable table, (int Number, long Offset, string Text) line, string[] names, string[] cells)
    {
        // Five columns: no marker count; six or more: markers in the fifth, the mean log2 ratio last.
        var markers = names.Length >= 6 ? TextTable.ParseLong(table, line, names[4], cells[4]) : (long?)null;
        var segment = new CopyNumberSegment(
            line.Number,
            cells[0],
            DnacopyContig(cells[1]),
            TextTable.ParseLong(table, line, names[2], cells[2]),
            TextTable.ParseLong(table, line, names[3], cells[3]),
            markers,
            TextTable.ParseDouble(table, line, names[^1], cells[names.Length - 1]),
            null,
            null,
            null);
        return Checked(table, line, segment, names[3]);
    }

    // DNAcopy's numbering of the sex chromosomes; a human contig is never called 23 or 24 otherwise.
    private static string DnacopyContig(string contig) => contig switch
    {
        "23" => "X",
        "24" => "Y",
        "chr23" => "chrX",
        "chr24" => "chrY",
        _ => contig,
    };

    private static CopyNumberSegment Cnvkit(TextTable table, (int Number, long Offset, string Text) line, Func<string, string> cell)
    {
        var baf = TextTable.ParseDouble(table, line, "baf", cell("baf"));
        var segment = new CopyNumberSegment(
            line.Number,
            null,
            Required(table, line, "chromosome", cell("chromosome")),
            TextTable.ParseLong(table, line, "start", cell("start")) + 1,
            TextTable.ParseLong(table, line, "end", cell("end")),
            cell("probes").Length == 0 ? null : TextTable.ParseLong(table, line, "probes", cell("probes")),
            TextTable.ParseDouble(table, line, "log2", Required(table, line, "log2", cell("log2"))),
            TextTable.ParseDouble(table, line, "cn", cell("cn")),
            baf is { } b ? Math.Min(b, 1 - b) : null,
            null);
        return Checked(table, line, segment, "end");
    }

    private static CopyNumberSegment Gatk(TextTable table, (int Number, long Offset, string Text) line, SegmentFormat format, string? sample, Func<string, string> cell)
    {
        var modelFinal = format == SegmentFormat.GatkModelFinal;
        var log2Column = modelFinal ? "LOG2_COPY_RATIO_POSTERIOR_50" : "MEAN_LOG2_COPY_RATIO";
        var call = cell("CALL");
        var segment = new CopyNumberSegment(
            line.Number,
            sample,
            cell("CONTIG"),
            TextTable.ParseLong(table, line, "START", cell("START")),
            TextTable.ParseLong(table, line, "END", cell("END")),
            cell("NUM_POINTS_COPY_RATIO").Length == 0 ? null : TextTable.ParseLong(table, line, "NUM_POINTS_COPY_RATIO", cell("NUM_POINTS_COPY_RATIO")),
            TextTable.ParseDouble(table, line, log2Column, cell(log2Column)),
            null,
            modelFinal ? TextTable.ParseDouble(table, line, "MINOR_ALLELE_FRACTION_POSTERIOR_50", cell("MINOR_ALLELE_FRACTION_POSTERIOR_50")) : null,
            call.Length == 0 ? null : call);
        return Checked(table, line, segment, "END");
    }

    private static string Required(TextTable table, (int Number, long Offset, string Text) line, string column, string value) =>
        value.Length > 0 ? value : throw table.Error(line, column, $"a value in column '{column}'");

    private static CopyNumberSegment Checked(TextTable table, (int Number, long Offset, string Text) line, CopyNumberSegment segment, string endColumn) =>
        segment.End < segment.Start || segment.Start < 1
            ? throw table.Error(line, endColumn, $"a segment with 1 <= start <= end, found {segment.Start}-{segment.End}")
            : segment;

    private static SegmentFile ReadVcf(Stream stream, string source)
    {
        using var reader = VcfReader.Open(stream, source, new VcfReaderOptions { Threads = 1 });
        var record = new VcfRecord();
        var segments = new List<CopyNumberSegment>();
        var sample = reader.Header.SampleNames.Count > 0 ? reader.Header.SampleNames[0] : null;
        while (reader.Read(record))
        {
            var alt = record.AlternateAlleles.Count > 0 ? record.GetString(record.AlternateAlleles[0]) ?? "." : ".";
            var type = VcfInfoValues.Text(record, "SVTYPE") ?? (alt.StartsWith('<') ? alt.Trim('<', '>') : null);
            if (type is not ("DEL" or "DUP" or "CNV"))
            {
                continue;
            }

            var end = VcfInfoValues.Integer(record, "END", source)
                ?? (VcfInfoValues.Integer(record, "SVLEN", source) is { } len ? record.Position + Math.Abs(len) : throw new InputFormatException(source, record.LineNumber, record.ByteOffset, "INFO/END", $"END or SVLEN for SVTYPE {type}"));
            var cnText = VcfInfoValues.Text(record, "CN") ?? (record.SampleCount > 0 ? VcfInfoValues.SampleText(record, 0, "CN") : null);
            double? cn = cnText is null or "." ? null
                : double.TryParse(cnText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
                : throw new InputFormatException(source, record.LineNumber, record.ByteOffset, "CN", $"a number, found '{cnText}'");

            // With a symbolic ALT, POS is the base before the event (VCF 4.3 §5.3), so the segment starts at POS+1.
            var start = alt.StartsWith('<') ? record.Position + 1 : record.Position;
            segments.Add(new CopyNumberSegment((int)record.LineNumber, sample, record.GetString(record.Chromosome) ?? string.Empty, Math.Min(start, end), end, null, null, cn, null, type));
        }

        return new SegmentFile(source, SegmentFormat.CnvVcf, segments, reader.Header, true);
    }
}
