using System.Buffers.Text;
using System.Text;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// Filters VCF text line by line: keeps records overlapping the regions (bcftools <c>-r</c>: [POS, END] by default) and
/// the targets (bcftools <c>-t</c>: POS only by default), each with its <see cref="RegionOverlap"/> rule, and keeps only the selected sample columns (rewriting <c>#CHROM</c>).
/// Lines it cannot parse pass through unchanged so that the VCF reader reports them with its usual precision.
/// </summary>
internal sealed class VcfSelectionStream : ForwardReadStream
{
    private readonly Stream input;
    private readonly string sourceName;
    private readonly RegionSet? regions;
    private readonly RegionSet? targets;
    private readonly VariantSelection? samples;
    private readonly RegionOverlap regionsOverlap;
    private readonly RegionOverlap targetsOverlap;
    private readonly Action<string>? warning;
    private readonly TextBuffer output = new();
    private readonly RefilledOutput pending;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool inputEnded;
    private int[]? keep;
    private (int First, int Count)[] keptRuns = [];
    private int keptColumns;

    // The samples whose genotypes give AC and AN: the kept ones, or every one when none is kept (as bcftools does).
    private int[] counted = [];
    private readonly List<Range> lineColumns = [];
    private byte[] lastChromosomeBytes = [];
    private string lastChromosome = string.Empty;
    private bool hasAcHeader;
    private bool headerEnded;
    private bool hasAnHeader;

    public VcfSelectionStream(Stream input, string sourceName, RegionSet? regions, RegionSet? targets, VariantSelection? samples, Action<string>? warning)
    {
        this.input = input;
        this.sourceName = sourceName;
        this.regions = regions;
        this.targets = targets;
        this.samples = samples is { Samples: not null } or { SamplesFile: not null } ? samples : null;
        regionsOverlap = samples?.RegionsOverlap ?? RegionOverlap.Record;
        targetsOverlap = samples?.TargetsOverlap ?? RegionOverlap.Position;
        this.warning = warning;
        pending = new RefilledOutput(output, Refill);
    }

    public override int Read(Span<byte> destination) => pending.Read(destination);

    // Lines batched per refill, so that small reads do not pay per-line overhead.
    private bool Refill()
    {
        while (output.Length < (1 << 15))
        {
            if (!NextLine(out var line))
            {
                return false;
            }

            Process(line);
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Process(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[0] == (byte)'#')
        {
            // Only the header's '#' lines are header: one met among the records (a second file's header, say) passes
            // through unchanged, for the reader to report.
            if (!headerEnded)
            {
                headerEnded = line.StartsWith("#CHROM"u8);
                if (samples is not null && !samples.NoUpdate)
                {
                    hasAcHeader |= line.StartsWith("##INFO=<ID=AC,"u8);
                    hasAnHeader |= line.StartsWith("##INFO=<ID=AN,"u8);
                }

                if (samples is not null && headerEnded)
                {
                    (keep, var headerSamples, var lines) = SampleSubset.SubsetHeader(Encoding.UTF8.GetString(line), samples, hasAcHeader, hasAnHeader, sourceName, warning);
                    keptRuns = SampleSubset.Runs(keep);
                    keptColumns = keep.Length == 0 ? 0 : keep.Max() + 1;
                    counted = keep.Length > 0 ? keep : [.. Enumerable.Range(0, headerSamples)];
                    output.Append(lines);
                    return;
                }
            }

            output.Append(line);
            output.Append((byte)'\n');
            return;
        }

        if ((regions is not null || targets is not null) && !Selected(line))
        {
            return;
        }

        if (keep is not null)
        {
            WriteSamples(line);
        }
        else
        {
            output.Append(line);
        }

        output.Append((byte)'\n');
    }

    private bool Selected(ReadOnlySpan<byte> line)
    {
        // CHROM, POS, ID, REF, ALT, QUAL, FILTER, INFO: the first eight tab-separated columns.
        Span<int> tabs = stackalloc int[8];
        var found = 0;
        for (var i = 0; i < line.Length && found < 8; i++)
        {
            if (line[i] == (byte)'\t')
            {
                tabs[found++] = i;
            }
        }

        if (found < 4 || !Utf8Parser.TryParse(line[(tabs[0] + 1)..tabs[1]], out long pos, out var consumed) || consumed != tabs[1] - tabs[0] - 1)
        {
            return true;
        }

        var chromosome = Chromosome(line[..tabs[0]]);
        if (targets is not null && Overlaps(targets, targetsOverlap, chromosome, pos, line, tabs, found) == targets.Exclude)
        {
            return false;
        }

        return regions is null || Overlaps(regions, regionsOverlap, chromosome, pos, line, tabs, found);
    }

    /// <summary>The text's share of <see cref="RegionMatch"/>: rlen from INFO/END or REF, and the prefix the ALTs share with REF.</summary>
    private static bool Overlaps(RegionSet set, RegionOverlap rule, string chromosome, long pos, ReadOnlySpan<byte> line, ReadOnlySpan<int> tabs, int found)
    {
        if (rule == RegionOverlap.Position)
        {
            return RegionMatch.Matches(set, rule, chromosome, pos, 1, 0);
        }

        // htslib vcf_parse: rlen is INFO/END - POS + 1 when END is given, else the length of REF.
        var reference = line[(tabs[2] + 1)..tabs[3]];
        var length = Math.Max(1, reference.Length);
        if (found >= 7)
        {
            var info = found >= 8 ? line[(tabs[6] + 1)..tabs[7]] : line[(tabs[6] + 1)..];
            if (Vcf.VcfRecordDecoder.FindEnd(info) is long infoEnd && infoEnd >= pos)
            {
                length = (int)Math.Min(int.MaxValue, infoEnd - pos + 1);
            }
        }

        long shared = length;
        if (rule == RegionOverlap.Variant)
        {
            // A lone '.' is no ALT: the record shares all of its bases.
            var alts = found >= 5 ? line[(tabs[3] + 1)..tabs[4]] : line[(tabs[3] + 1)..];
            if (!(alts.Length == 1 && alts[0] == (byte)'.'))
            {
                foreach (var range in alts.Split((byte)','))
                {
                    shared = Math.Min(shared, reference.CommonPrefixLength(alts[range]));
                    if (shared == 0)
                    {
                        break;
                    }
                }
            }
        }

        return RegionMatch.Matches(set, rule, chromosome, pos, length, shared);
    }

    private string Chromosome(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.SequenceEqual(lastChromosomeBytes))
        {
            lastChromosomeBytes = bytes.ToArray();
            lastChromosome = Encoding.UTF8.GetString(bytes);
        }

        return lastChromosome;
    }

    private void WriteSamples(ReadOnlySpan<byte> line)
    {
        lineColumns.Clear();
        var from = 0;
        while (true)
        {
            var tab = line[from..].IndexOf((byte)'\t');
            if (tab < 0)
            {
                lineColumns.Add(new Range(from, line.Length));
                break;
            }

            lineColumns.Add(new Range(from, from + tab));
            from += tab + 1;
        }

        if (lineColumns.Count < 9 + keptColumns)
        {
            // Too few columns: the VCF reader reports it against the header.
            output.Append(line);
            return;
        }

        var fixedColumns = keep!.Length > 0 ? 9 : 8;
        for (var c = 0; c < fixedColumns; c++)
        {
            if (c > 0)
            {
                output.Append((byte)'\t');
            }

            if (c != 7 || samples!.NoUpdate || (keep.Length == 0 && AlleleCountUpdate.HasCounts(line[lineColumns[7]]))
                || !AlleleCountUpdate.TryWriteInfo(line, lineColumns, counted, output, zeroWithoutGt: keep.Length == 0))
            {
                output.Append(line[lineColumns[c]]);
            }
        }

        // Consecutive kept columns are one span of the line, tabs included.
        foreach (var (first, count) in keptRuns)
        {
            output.Append((byte)'\t');
            output.Append(line[lineColumns[9 + first].Start.Value..lineColumns[9 + first + count - 1].End.Value]);
        }
    }

    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = buffer.AsSpan(start, newline);
                start += newline + 1;
                return true;
            }

            if (inputEnded)
            {
                if (start < end)
                {
                    line = buffer.AsSpan(start, end - start);
                    start = end;
                    return true;
                }

                line = default;
                return false;
            }

            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var n = input.Read(buffer.AsSpan(end));
            if (n == 0)
            {
                inputEnded = true;
            }

            end += n;
        }
    }
}
