using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>
/// Reads structural-variant VCFs (Manta, DELLY, GRIDSS, SvABA, LUMPY …) on top of <see cref="VcfReader"/>, reducing
/// each record to an adjacency (<see cref="StructuralVariantRecord"/>): BND bracket ALTs (VCF 4.3 §5.4),
/// DEL/DUP/INV with END or SVLEN, TRA with CHR2 (and POS2 or END), DELLY's CT and Manta's INV3/INV5 for the sides,
/// CIPOS/CIEND, IMPRECISE and each sample's GT kept. Malformed records raise <see cref="InputFormatException"/> naming file, line
/// and field.
/// </summary>
public static class StructuralVariantReader
{
    /// <summary>Reads a file (plain, gzip or BGZF).</summary>
    /// <param name="path">The VCF.</param>
    /// <param name="sourceName">The name used in errors; the file name by default.</param>
    /// <exception cref="InputFormatException">The VCF or an SV field is malformed.</exception>
    public static StructuralVariantFile Read(string path, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, sourceName ?? Path.GetFileName(path));
    }

    /// <summary>Reads a stream.</summary>
    /// <param name="stream">The VCF bytes (plain, gzip or BGZF).</param>
    /// <param name="sourceName">The name used in errors.</param>
    /// <exception cref="InputFormatException">The VCF or an SV field is malformed.</exception>
    public static StructuralVariantFile Read(Stream stream, string sourceName)
    {
        using var reader = VcfReader.Open(stream, sourceName, new VcfReaderOptions { Threads = 1 });
        var record = new VcfRecord();
        var records = new List<StructuralVariantRecord>();
        while (reader.Read(record))
        {
            records.Add(Convert(record, sourceName));
        }

        return new StructuralVariantFile(sourceName, reader.Header, records);
    }

    internal static StructuralVariantRecord Convert(VcfRecord record, string source)
    {
        var contig = record.GetString(record.Chromosome) ?? string.Empty;
        var alt = record.AlternateAlleles.Count > 0 ? record.GetString(record.AlternateAlleles[0]) ?? "." : ".";
        var typeText = VcfInfoValues.Text(record, "SVTYPE");
        var isBracket = BreakendNotation.TryParse(alt, out var mateContig, out var matePosition, out var side, out var mateSide, out var altError);
        if (altError is not null)
        {
            throw Error(record, source, "ALT", altError);
        }

        var type = typeText is null ? FromAlt(alt, isBracket) : ParseType(typeText);
        if (type is null)
        {
            throw Error(record, source, "INFO/SVTYPE", $"SVTYPE (DEL, DUP, INV, INS, TRA, BND, CNV) or a symbolic or breakend ALT, found SVTYPE '{typeText ?? "absent"}' and ALT '{alt}'");
        }

        var length = VcfInfoValues.Integer(record, "SVLEN", source) is { } l ? Math.Abs(l) : (long?)null;
        var end = VcfInfoValues.Integer(record, "END", source);
        BreakendSide? localSide = null;
        BreakendSide? remoteSide = null;
        string? remoteContig = null;
        long? remotePosition = null;
        switch (type)
        {
            case StructuralVariantType.Breakend:
                if (!isBracket)
                {
                    // A single breakend has no partner but says which side is kept (VCF 4.3 §5.4.9): "A." (or "ATTG."
                    // with inserted bases) joins unknown sequence after the bases up to POS, ".A" before those from POS.
                    // A symbolic ALT (<BND>) says neither.
                    localSide = alt.Length > 1 && alt.EndsWith('.') ? BreakendSide.Left
                        : alt.Length > 1 && alt.StartsWith('.') ? BreakendSide.Right
                        : null;
                    break;
                }

                (localSide, remoteSide, remoteContig, remotePosition) = (side, mateSide, mateContig, matePosition);
                break;
            case StructuralVariantType.Deletion or StructuralVariantType.Duplication or StructuralVariantType.Inversion:
                // Without END or SVLEN, END is POS + len(REF) - 1 (VCF 4.3 §1.6.1): a deletion written out as sequence
                // (REF ACGT…, ALT A) ends at its last deleted base; a symbolic allele has no such span.
                var reference = record.GetString(record.Reference) ?? string.Empty;
                var stop = end ?? (length is { } len ? record.Position + len
                    : type == StructuralVariantType.Deletion && reference.Length > 1 && !alt.StartsWith('<') && !isBracket ? record.Position + reference.Length - 1
                    : throw Error(record, source, "INFO/END", $"END or SVLEN for SVTYPE {typeText ?? alt}"));
                if (stop < record.Position)
                {
                    throw Error(record, source, "INFO/END", $"END at or after POS {record.Position}, found {stop}");
                }

                (remoteContig, remotePosition) = (contig, stop);
                // A deletion joins the bases before POS..END's gap to those after it; a tandem duplication joins END
                // back to POS; an inversion's sides come from INV3/INV5 (Manta) or CT (DELLY), else stay unknown.
                (localSide, remoteSide) = type switch
                {
                    StructuralVariantType.Deletion => (BreakendSide.Left, BreakendSide.Right),
                    StructuralVariantType.Duplication => (BreakendSide.Right, BreakendSide.Left),
                    _ => VcfInfoValues.Has(record, "INV3") ? (BreakendSide.Left, BreakendSide.Left)
                        : VcfInfoValues.Has(record, "INV5") ? (BreakendSide.Right, BreakendSide.Right)
                        : ((BreakendSide?)null, (BreakendSide?)null),
                };
                break;
            case StructuralVariantType.Translocation:
                remoteContig = VcfInfoValues.Text(record, "CHR2") ?? throw Error(record, source, "INFO/CHR2", "CHR2 for SVTYPE=TRA");
                remotePosition = VcfInfoValues.Integer(record, "POS2", source) ?? end ?? throw Error(record, source, "INFO/END", "POS2 or END (the position on CHR2) for SVTYPE=TRA");
                break;
        }

        if (VcfInfoValues.Text(record, "CT") is { } ct && remoteContig is not null)
        {
            // DELLY connection type: "3to5" joins the 3' end at POS (left side kept) to the 5' end at the mate.
            (localSide, remoteSide) = ct switch
            {
                "3to5" => (BreakendSide.Left, BreakendSide.Right),
                "5to3" => (BreakendSide.Right, BreakendSide.Left),
                "3to3" => (BreakendSide.Left, BreakendSide.Left),
                "5to5" => (BreakendSide.Right, BreakendSide.Right),
                "NtoN" => ((BreakendSide?)null, (BreakendSide?)null),
                _ => throw Error(record, source, "INFO/CT", $"3to5, 5to3, 3to3, 5to5 or NtoN, found '{ct}'"),
            };
        }

        var passed = record.FilterMissing || record.Filters.All(f => record.GetString(f) == "PASS");
        var id = record.GetString(record.Id);
        return new StructuralVariantRecord(
            record.LineNumber,
            id == "." ? null : id,
            type.Value,
            contig,
            record.Position,
            localSide,
            remoteContig,
            remotePosition,
            remoteSide,
            length,
            VcfInfoValues.Text(record, "MATEID"),
            VcfInfoValues.Text(record, "EVENT"),
            VcfInfoValues.Interval(record, "CIPOS", source),
            VcfInfoValues.Interval(record, "CIEND", source),
            VcfInfoValues.Has(record, "IMPRECISE"),
            passed,
            alt)
        {
            Genotypes = record.HasGenotypes ? Enumerable.Range(0, record.SampleCount).Select(record.FormatGenotype).ToArray() : null,
        };
    }

    private static StructuralVariantType? ParseType(string text) => text.ToUpperInvariant() switch
    {
        "DEL" => StructuralVariantType.Deletion,
        "DUP" or "DUP:TANDEM" or "TDUP" => StructuralVariantType.Duplication,
        "INV" => StructuralVariantType.Inversion,
        "INS" => StructuralVariantType.Insertion,
        "TRA" or "CTX" => StructuralVariantType.Translocation,
        "BND" => StructuralVariantType.Breakend,
        "CNV" => StructuralVariantType.Other,
        _ => null,
    };

    private static StructuralVariantType? FromAlt(string alt, bool bracket)
    {
        if (alt == ".")
        {
            // No alternate allele (VCF 4.3 §1.6.1: a reference block, e.g. a CNV caller's REF segment): not a breakend.
            return StructuralVariantType.Other;
        }

        if (bracket || alt.StartsWith('.') || alt.EndsWith('.'))
        {
            return StructuralVariantType.Breakend;
        }

        return alt.StartsWith('<') ? ParseType(alt.Trim('<', '>').Split(':')[0]) : null;
    }

    private static InputFormatException Error(VcfRecord record, string source, string column, string expected) =>
        new(source, record.LineNumber, record.ByteOffset, column, expected);
}
