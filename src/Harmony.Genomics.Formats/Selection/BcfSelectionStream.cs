using System.Buffers.Binary;
using System.Text;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// Applies a selection to a decompressed BCF and passes the result on as BCF, so that <see cref="Vcf.VcfReader"/> still
/// decodes the records directly: regions and targets choose records, as <see cref="VcfSelectionStream"/> chooses lines,
/// by their binary CHROM, POS and rlen (the span htslib uses for a BCF) and, for the <see cref="RegionOverlap.Variant"/>
/// rule, their alleles (<see cref="RegionMatch"/>); a sample selection keeps the chosen samples' values of every FORMAT
/// field, rewrites the header's <c>#CHROM</c> line and, unless <c>-I</c>, recomputes INFO/AC and INFO/AN from the kept
/// genotypes as <see cref="AlleleCountUpdate"/> does on text.
/// </summary>
/// <remarks>
/// Records are chosen before any value is decoded, so a record outside the regions is dropped whatever its values hold,
/// as bcftools drops it. A record too short or damaged to be matched or subset is passed on unchanged, for the reader
/// to report; a truncated record or header raises the reader's <see cref="Core.InputFormatException"/>
/// (<c>BCF record N</c> counts the records of the input, before the filter).
/// </remarks>
internal sealed class BcfSelectionStream : ForwardReadStream
{
    private readonly Stream input;
    private readonly BcfRecordReader records;
    private readonly RegionSet? regions;
    private readonly RegionSet? targets;
    private readonly RegionOverlap regionsOverlap;
    private readonly RegionOverlap targetsOverlap;
    private readonly bool needsAlleles;
    private readonly VariantSelection? samples;
    private readonly string sourceName;
    private readonly Action<string>? warning;
    private readonly TextBuffer output = new();
    private readonly RefilledOutput pending;
    private readonly TextBuffer subsetShared = new();
    private readonly TextBuffer subsetIndiv = new();
    private readonly List<(int Start, int End, int Key)> infoFields = [];
    private readonly List<(int Start, int Data, int Count, int Type, int Key)> formatFields = [];
    private int[]? keep;

    // The kept samples as runs of consecutive indexes, in output order: each FORMAT field is copied a run at a time.
    private (int First, int Count)[] keptRuns = [];
    private int headerSamples;
    private int acKey = -1;
    private int anKey = -1;
    private int gtKey = -1;
    private BcfHeaderDictionary? dictionary;
    private byte[] record = new byte[1 << 16];
    private int lastContig = -1;
    private string? lastContigName;

    public BcfSelectionStream(Stream decompressedBcf, string sourceName, RegionSet? regions, RegionSet? targets, VariantSelection selection, Action<string>? warning)
    {
        input = decompressedBcf;
        this.sourceName = sourceName;
        this.warning = warning;
        records = new BcfRecordReader(decompressedBcf, sourceName);
        this.regions = regions;
        this.targets = targets;
        regionsOverlap = selection.RegionsOverlap;
        targetsOverlap = selection.TargetsOverlap;
        samples = selection is { Samples: not null } or { SamplesFile: not null } ? selection : null;
        needsAlleles = (regions is not null && regionsOverlap == RegionOverlap.Variant) || (targets is not null && targetsOverlap == RegionOverlap.Variant);
        pending = new RefilledOutput(output, Refill);
    }

    public override int Read(Span<byte> destination) => pending.Read(destination);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReadHeader()
    {
        dictionary = records.ReadHeader();
        if (samples is null)
        {
            output.Append(records.HeaderBytes);
            return;
        }

        // The text filter's header, on the BCF's own text (IDX attributes kept, so that every index stays valid): AC and
        // AN declared before #CHROM when bcftools would add them, and #CHROM naming the kept samples.
        var raw = records.HeaderBytes;
        var text = raw.AsSpan(9);
        var nul = text.IndexOf((byte)0);
        var header = new StringBuilder(text.Length + 256);
        var hasAc = false;
        var hasAn = false;
        foreach (var rawLine in Encoding.UTF8.GetString(nul < 0 ? text : text[..nul]).Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            hasAc |= line.StartsWith("##INFO=<ID=AC,", StringComparison.Ordinal);
            hasAn |= line.StartsWith("##INFO=<ID=AN,", StringComparison.Ordinal);
            if (keep is null && line.StartsWith("#CHROM", StringComparison.Ordinal))
            {
                (keep, headerSamples, var lines) = SampleSubset.SubsetHeader(line, samples, hasAc, hasAn, sourceName, warning);
                keptRuns = SampleSubset.Runs(keep);
                header.Append(lines);
                continue;
            }

            header.Append(line).Append('\n');
        }

        var headerText = header.ToString();
        dictionary = BcfHeaderDictionary.Parse(headerText);
        if (!samples.NoUpdate)
        {
            acKey = dictionary.IndexOf("AC");
            anKey = dictionary.IndexOf("AN");
        }

        gtKey = dictionary.IndexOf("GT");
        var bytes = Encoding.UTF8.GetBytes(headerText);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length + 1);
        output.Append(raw.AsSpan(0, 5));
        output.Append(length);
        output.Append(bytes);
        output.Append((byte)0);
    }

    private bool Refill()
    {
        if (dictionary is null)
        {
            ReadHeader();
            return true;
        }

        // Records batched per refill, so that small reads do not pay per-record overhead.
        while (output.Length < (1 << 16))
        {
            if (!records.ReadRecord(ref record, out var shared, out var indiv, out _))
            {
                return false;
            }

            FilterRecord(shared, indiv);
        }

        return true;
    }

    private void FilterRecord(int shared, int indiv)
    {
        if (!Selected(record.AsSpan(0, shared)))
        {
            return;
        }

        if (keep is not null && TrySubset(record.AsSpan(0, shared), record.AsSpan(shared, indiv)))
        {
            Append(subsetShared.Span, subsetIndiv.Span);
        }
        else
        {
            Append(record.AsSpan(0, shared), record.AsSpan(shared, indiv));
        }
    }

    private void Append(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv)
    {
        Span<byte> lengths = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(lengths, shared.Length);
        BinaryPrimitives.WriteInt32LittleEndian(lengths[4..], indiv.Length);
        output.Append(lengths);
        output.Append(shared);
        output.Append(indiv);
    }

    /// <summary>
    /// The record with only the kept samples (VCF 4.4 §6.3.1-6.3.3), into <see cref="subsetShared"/> and
    /// <see cref="subsetIndiv"/>; false, writing nothing of use, when its layout cannot be followed.
    /// </summary>
    private bool TrySubset(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv)
    {
        try
        {
            return TrySubsetCore(shared, indiv);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private bool TrySubsetCore(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv)
    {
        if (shared.Length < 24)
        {
            return false;
        }

        var (_, _, _, nInfo, nAllele, nSample, nFmt) = BcfRecordRenderer.ReadFixedFields(shared);
        if (nSample != headerSamples)
        {
            return false;
        }

        // ID, the alleles and FILTER are kept as they are; a lone '.' ALT is no ALT, as AC counts it on text.
        var p = 24;
        if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var idCount, out var idType))
        {
            return false;
        }

        p += idCount * BcfRecordRenderer.Size(idType);
        var altCount = nAllele - 1;
        for (var a = 0; a < nAllele; a++)
        {
            if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var count, out var type) || type != BcfRecordRenderer.TypeChar)
            {
                return false;
            }

            if (nAllele == 2 && a == 1 && shared.Slice(p, count).TrimEnd((byte)0) is [(byte)'.'])
            {
                altCount = 0;
            }

            p += count;
        }

        if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var filterCount, out var filterType))
        {
            return false;
        }

        p += filterCount * BcfRecordRenderer.Size(filterType);
        var infoStart = p;
        infoFields.Clear();
        for (var i = 0; i < nInfo; i++)
        {
            var start = p;
            if (!BcfRecordRenderer.TryTypedInt(shared, ref p, out var key) || !BcfRecordRenderer.TryDescriptor(shared, ref p, out var count, out var type))
            {
                return false;
            }

            p += count * BcfRecordRenderer.Size(type);
            infoFields.Add((start, p, key));
        }

        if (p != shared.Length)
        {
            return false;
        }

        var q = 0;
        var gt = -1;
        formatFields.Clear();
        for (var f = 0; f < nFmt; f++)
        {
            var start = q;
            if (!BcfRecordRenderer.TryTypedInt(indiv, ref q, out var key) || !BcfRecordRenderer.TryDescriptor(indiv, ref q, out var count, out var type))
            {
                return false;
            }

            formatFields.Add((start, q, count, type, key));
            var length = (long)nSample * count * BcfRecordRenderer.Size(type);
            if (length > indiv.Length - q)
            {
                return false;
            }

            q += (int)length;
            if (key == gtKey)
            {
                // VCF 4.4 §6.3.3: GT is a vector of typed integers.
                if (type is not (BcfRecordRenderer.TypeInt8 or BcfRecordRenderer.TypeInt16 or BcfRecordRenderer.TypeInt32))
                {
                    return false;
                }

                gt = f;
            }
        }

        if (q != indiv.Length)
        {
            return false;
        }

        subsetShared.Clear();
        subsetIndiv.Clear();
        var kept = keep!;
        // With no sample kept, AC and AN stay as the record has them, or are counted over every sample where one is
        // missing, 0 without GT (htslib's bcf_calc_ac, INFO first, as bcftools view does).
        var noneKept = kept.Length == 0;
        var update = acKey >= 0 && anKey >= 0 && (gt >= 0 || noneKept)
            && !(noneKept && infoFields.Any(f => f.Key == acKey) && infoFields.Any(f => f.Key == anKey));
        var infoCount = nInfo;
        subsetShared.Append(shared[..16]);
        var countsAt = subsetShared.Length;
        subsetShared.Append(shared[16..24]);
        subsetShared.Append(shared[24..infoStart]);
        if (!update)
        {
            subsetShared.Append(shared[infoStart..]);
        }
        else
        {
            var (acValues, an) = gt >= 0 ? CountAlleles(indiv, formatFields[gt], altCount) : (new int[altCount], 0);
            var hasAc = false;
            var hasAn = false;
            foreach (var (start, end, key) in infoFields)
            {
                if (key == acKey)
                {
                    // bcftools drops AC from a record without ALT.
                    hasAc = true;
                    if (altCount > 0)
                    {
                        WriteIntegers(subsetShared, key, acValues);
                    }
                    else
                    {
                        infoCount--;
                    }
                }
                else if (key == anKey)
                {
                    hasAn = true;
                    WriteIntegers(subsetShared, key, [an]);
                }
                else
                {
                    subsetShared.Append(shared[start..end]);
                }
            }

            if (!hasAc && altCount > 0)
            {
                WriteIntegers(subsetShared, acKey, acValues);
                infoCount++;
            }

            if (!hasAn)
            {
                WriteIntegers(subsetShared, anKey, [an]);
                infoCount++;
            }
        }

        // n_allele << 16 | n_info, then n_fmt << 24 | n_sample; no sample kept drops FORMAT, as the text has no column.
        var fieldCounts = subsetShared.Array.AsSpan(countsAt, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(fieldCounts, ((uint)nAllele << 16) | (uint)infoCount);
        BinaryPrimitives.WriteUInt32LittleEndian(fieldCounts[4..], ((uint)(kept.Length > 0 ? nFmt : 0) << 24) | (uint)kept.Length);
        if (kept.Length > 0)
        {
            foreach (var (start, data, count, type, _) in formatFields)
            {
                subsetIndiv.Append(indiv[start..data]);
                var width = count * BcfRecordRenderer.Size(type);
                foreach (var (first, samplesInRun) in keptRuns)
                {
                    subsetIndiv.Append(indiv.Slice(data + (first * width), samplesInRun * width));
                }
            }
        }

        return true;
    }

    /// <summary>AC (per ALT) and AN over the kept samples' GT, counting what the text would parse as allele indexes.</summary>
    private (int[] Ac, int An) CountAlleles(ReadOnlySpan<byte> indiv, (int Start, int Data, int Count, int Type, int Key) gt, int altCount)
    {
        var ac = new int[altCount];
        var an = 0;
        var size = BcfRecordRenderer.Size(gt.Type);
        var vectorEnd = BcfRecordRenderer.VectorEndOf(gt.Type);
        foreach (var s in keep!.Length > 0 ? keep : Enumerable.Range(0, headerSamples))
        {
            var p = gt.Data + (s * gt.Count * size);
            for (var j = 0; j < gt.Count; j++)
            {
                var value = BcfRecordRenderer.ReadInt(indiv, ref p, gt.Type);
                if (value == vectorEnd)
                {
                    break;
                }

                // (allele + 1) << 1 | phased; 0 is a missing allele ('.'), and the missing value renders negative.
                AlleleCountUpdate.CountAllele(ac, ref an, (value >> 1) - 1);
            }
        }

        return (ac, an);
    }

    /// <summary>An INFO field of int32 values: its key as a typed integer, the descriptor, the values.</summary>
    private static void WriteIntegers(TextBuffer buffer, int key, ReadOnlySpan<int> values)
    {
        Span<byte> scratch = stackalloc byte[5];
        WriteTypedInt(buffer, key);
        if (values.Length < 15)
        {
            buffer.Append((byte)((values.Length << 4) | BcfRecordRenderer.TypeInt32));
        }
        else
        {
            buffer.Append((byte)(0xF0 | BcfRecordRenderer.TypeInt32));
            WriteTypedInt(buffer, values.Length);
        }

        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(scratch, value);
            buffer.Append(scratch[..4]);
        }
    }

    private static void WriteTypedInt(TextBuffer buffer, int value)
    {
        Span<byte> scratch = stackalloc byte[4];
        if (value is >= 0 and <= sbyte.MaxValue)
        {
            buffer.Append((byte)(0x10 | BcfRecordRenderer.TypeInt8));
            buffer.Append((byte)value);
        }
        else
        {
            buffer.Append((byte)(0x10 | BcfRecordRenderer.TypeInt32));
            BinaryPrimitives.WriteInt32LittleEndian(scratch, value);
            buffer.Append(scratch);
        }
    }

    private bool Selected(ReadOnlySpan<byte> shared)
    {
        // VCF 4.4 §6.3.1: CHROM (a contig index), 0-based POS and rlen are the first three int32s.
        if (shared.Length < 24)
        {
            return true;
        }

        var contig = BinaryPrimitives.ReadInt32LittleEndian(shared);
        var pos = BinaryPrimitives.ReadInt32LittleEndian(shared[4..]) + 1L;
        if (pos < 0 || ContigName(contig) is not { } chromosome)
        {
            // The reader rejects a negative position or an undefined contig.
            return true;
        }

        long length = Math.Max(1, BinaryPrimitives.ReadInt32LittleEndian(shared[8..]));
        var sharedPrefix = length;
        if (needsAlleles && !TrySharedPrefix(shared, length, out sharedPrefix))
        {
            return true;
        }

        if (targets is not null && RegionMatch.Matches(targets, targetsOverlap, chromosome, pos, length, sharedPrefix) == targets.Exclude)
        {
            return false;
        }

        return regions is null || RegionMatch.Matches(regions, regionsOverlap, chromosome, pos, length, sharedPrefix);
    }

    private string? ContigName(int index)
    {
        if (index != lastContig)
        {
            lastContigName = dictionary!.ContigAt(index);
            lastContig = index;
        }

        return lastContigName;
    }

    /// <summary>The bases every ALT shares with REF, at most <paramref name="length"/>; false when the alleles cannot be read.</summary>
    private static bool TrySharedPrefix(ReadOnlySpan<byte> shared, long length, out long prefix)
    {
        prefix = length;
        try
        {
            var nAllele = (int)(BinaryPrimitives.ReadUInt32LittleEndian(shared[16..]) >> 16);
            var p = 24;
            if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var idCount, out var idType))
            {
                return false;
            }

            p += idCount * BcfRecordRenderer.Size(idType);
            ReadOnlySpan<byte> reference = default;
            for (var a = 0; a < nAllele; a++)
            {
                if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var count, out var type) || type != BcfRecordRenderer.TypeChar)
                {
                    return false;
                }

                var allele = shared.Slice(p, count);
                p += count;

                // Strings may be NUL-padded; the text holds what precedes the padding.
                var nul = allele.IndexOf((byte)0);
                if (nul >= 0)
                {
                    allele = allele[..nul];
                }

                // htslib compares every stored ALT, a '.' included (text would read a lone '.' as no ALT; bcftools
                // writes none into a BCF); a record without ALT shares all of its bases.
                if (a == 0)
                {
                    reference = allele;
                }
                else
                {
                    prefix = Math.Min(prefix, reference.CommonPrefixLength(allele));
                }
            }

            return true;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
