using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Reads copy-number segments, sniffing the format from the content: a VCF header means a CNV VCF; <c>@</c> SAM-style
/// header lines then <c>CONTIG START END</c> mean GATK ModelSegments (<c>LOG2_COPY_RATIO_POSTERIOR_50</c>: modelFinal;
/// <c>MEAN_LOG2_COPY_RATIO</c>: called); <c>chromosome start end gene log2</c> means CNVkit (0-based starts, BED
/// convention of its documentation); <c>nMajor nMinor</c> means ASCAT and <c>tcn.em</c> FACETS (absolute copy numbers);
/// otherwise a header of at least five columns with the chromosome second is SEG (DNAcopy <c>ID chrom loc.start loc.end
/// num.mark seg.mean</c>, with <c>bstat pval lcl ucl</c> after it from <c>segments.p</c>, or IGV <c>Sample Chromosome Start
/// End Num_Probes Segment_Mean</c>): the mean log2 and the marker count are found by their names, and only the classic
/// five- or six-column layout is read by position.
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
            "a segment header: SEG 'ID chrom loc.start loc.end num.mark seg.mean', CNVkit 'chromosome start end gene log2 …', GATK 'CONTIG START END … LOG2_COPY_RATIO_POSTERIOR_50 …' or 'CONTIG START END NUM_POINTS_COPY_RATIO MEAN_LOG2_COPY_RATIO CALL', ASCAT 'sample chr startpos endpos nMajor nMinor', FACETS 'ID chrom loc.start loc.end … tcn.em lcn.em'");
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
                SegmentFormat.Ascat => Ascat(table, line, names, Cell),
                SegmentFormat.Facets => Facets(table, line, names, Cell),
                _ => Gatk(table, line, format, gatkSample, Cell),
            };
            firstSample ??= segment.Sample;
            if (format is SegmentFormat.Seg or SegmentFormat.Ascat or SegmentFormat.Facets && segment.Sample != firstSample)
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

        // Absolute copy-number callers, whose tables also have a chromosome second: read for what they are.
        if (names.Contains("nMajor") && names.Contains("nMinor"))
        {
            return SegmentFormat.Ascat;
        }

        if (names.Contains("tcn.em"))
        {
            return SegmentFormat.Facets;
        }

        var second = names.Length > 1 ? names[1].ToLowerInvariant() : string.Empty;
        return names.Length >= 5 && second is "chrom" or "chromosome" or "chr" or "'chrom'" ? SegmentFormat.Seg : null;
    }

    // The names SEG writers give the mean log2 ratio and the marker count (DNAcopy, IGV, GenePattern, CNVkit export).
    private static readonly string[] Log2Names = ["seg.mean", "segment_mean", "seg_mean", "log2", "log2ratio", "mean"];
    private static readonly string[] MarkerNames = ["num.mark", "num_probes", "num_markers", "num.markers", "nprobes", "markers", "probes"];

    private static int Find(string[] names, string[] wanted) =>
        Array.FindIndex(names, n => wanted.Contains(n.ToLowerInvariant()));

    private static CopyNumberSegment Seg(TextTable table, (int Number, long Offset, string Text) line, string[] names, string[] cells)
    {
        // By name; without one, the classic layouts only (five columns: the mean last; six: the markers fifth, the mean
        // sixth). Anything wider would be a guess: DNAcopy's segments.p puts bstat, pval, lcl and ucl after seg.mean.
        var log2 = Find(names, Log2Names);
        var markers = Find(names, MarkerNames);
        if (log2 < 0)
        {
            log2 = names.Length is 5 or 6 ? names.Length - 1 : throw table.Error(line, null, $"a SEG header naming its mean log2 column (seg.mean or Segment_Mean), found '{string.Join(' ', names)}'");
            markers = names.Length == 6 ? 4 : -1;
        }

        var segment = new CopyNumberSegment(
            line.Number,
            cells[0],
            DnacopyContig(cells[1]),
            TextTable.ParseLong(table, line, names[2], cells[2]),
            TextTable.ParseLong(table, line, names[3], cells[3]),
            markers >= 0 && TextTable.ParseDouble(table, line, names[markers], cells[markers]) is { } m ? (long)m : null,
            TextTable.ParseDouble(table, line, names[log2], cells[log2]),
            null,
            null,
            null);
        return Checked(table, line, segment, names[3]);
    }

    // ASCAT: total copy number nMajor + nMinor; the minor allele's share of it stands for BAF (0 is LOH).
    private static CopyNumberSegment Ascat(TextTable table, (int Number, long Offset, string Text) line, string[] names, Func<string, string> cell)
    {
        var minor = TextTable.ParseDouble(table, line, "nMinor", cell("nMinor"));
        var total = TextTable.ParseDouble(table, line, "nMajor", cell("nMajor")) + minor;
        return Absolute(table, line, names, cell, null, null, total, minor);
    }

    // FACETS cncf: total copy number tcn.em, minor lcn.em (NA where it could not be estimated), log2 cnlr.median.
    private static CopyNumberSegment Facets(TextTable table, (int Number, long Offset, string Text) line, string[] names, Func<string, string> cell) =>
        Absolute(
            table,
            line,
            names,
            cell,
            TextTable.ParseDouble(table, line, "num.mark", cell("num.mark")) is { } m ? (long)m : null,
            TextTable.ParseDouble(table, line, "cnlr.median", cell("cnlr.median")),
            TextTable.ParseDouble(table, line, "tcn.em", cell("tcn.em")),
            TextTable.ParseDouble(table, line, "lcn.em", cell("lcn.em")));

    // A segment of an absolute caller, laid out as SEG (sample, chromosome, start, end first): its total copy number and
    // the minor allele's share of it.
    private static CopyNumberSegment Absolute(TextTable table, (int Number, long Offset, string Text) line, string[] names, Func<string, string> cell, long? markers, double? log2, double? total, double? minor)
    {
        var segment = new CopyNumberSegment(
            line.Number,
            cell(names[0]),
            DnacopyContig(cell(names[1])),
            TextTable.ParseLong(table, line, names[2], cell(names[2])),
            TextTable.ParseLong(table, line, names[3], cell(names[3])),
            markers,
            log2,
            total,
            total > 0 ? minor / total : null,
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

            // A sequence-resolved event (REF and ALT written out, sharing their first base) is padded like a symbolic
            // one (VCF 4.3 §1.6.1: the base before the event), and REF spans it when neither END nor SVLEN is given.
            var reference = record.GetString(record.Reference) ?? string.Empty;
            var padded = alt.StartsWith('<') || (alt.Length > 0 && reference.Length > 0 && char.ToUpperInvariant(alt[0]) == char.ToUpperInvariant(reference[0]) && alt.Length != reference.Length);
            var end = VcfInfoValues.Integer(record, "END", source)
                ?? (VcfInfoValues.Integer(record, "SVLEN", source) is { } len ? record.Position + Math.Abs(len)
                : !alt.StartsWith('<') && reference.Length > 1 ? record.EndPosition
                : throw new InputFormatException(source, record.LineNumber, record.ByteOffset, "INFO/END", $"END or SVLEN for SVTYPE {type}"));
            var cnText = VcfInfoValues.Text(record, "CN") ?? (record.SampleCount > 0 ? VcfInfoValues.SampleText(record, 0, "CN") : null);
            double? cn = cnText is null or "." ? null
                : double.TryParse(cnText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
                : throw new InputFormatException(source, record.LineNumber, record.ByteOffset, "CN", $"a number, found '{cnText}'");

            // With a symbolic ALT, POS is the base before the event (VCF 4.3 §5.3), so the segment starts at POS+1.
            var start = padded ? record.Position + 1 : record.Position;

            // A record its caller's filters failed is kept without a value: its region is then unmeasured rather than
            // copy-neutral, which a CNV VCF's regions without a record are by convention.
            var failed = record.FilterMissing ? [] : record.Filters.Select(f => record.GetString(f) ?? ".").Where(f => f != "PASS").ToList();
            var call = failed.Count == 0 ? type : $"{type} not passing its filters (FILTER {string.Join(';', failed)})";
            segments.Add(new CopyNumberSegment((int)record.LineNumber, sample, record.GetString(record.Chromosome) ?? string.Empty, Math.Min(start, end), end, null, null, failed.Count == 0 ? cn : null, null, call));
        }

        return new SegmentFile(source, SegmentFormat.CnvVcf, segments, reader.Header, true);
    }
}
