using System.Buffers.Binary;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Formats.Selection;

/// <summary>
/// Filters a decompressed BCF record by record with regions and targets, as <see cref="VcfSelectionStream"/> filters
/// text, and passes the header and the kept records on as BCF, so that <see cref="Vcf.VcfReader"/> still decodes them
/// directly. A record is matched by its binary CHROM, POS and rlen (the span htslib uses for a BCF) and, for the
/// <see cref="RegionOverlap.Variant"/> rule, its alleles (<see cref="RegionMatch"/>).
/// </summary>
/// <remarks>
/// Records are chosen before any value is decoded, so a record outside the regions is dropped whatever its values hold,
/// as bcftools drops it. A record too short or damaged to be matched is kept, for the reader to report; a truncated
/// record or header raises the reader's <see cref="Core.InputFormatException"/> (<c>BCF record N</c> counts the records
/// of the input, before the filter).
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
    private readonly TextBuffer output = new();
    private BcfHeaderDictionary? dictionary;
    private byte[] record = new byte[1 << 16];
    private int outputPosition;
    private bool ended;
    private int lastContig = -1;
    private string? lastContigName;

    public BcfSelectionStream(Stream decompressedBcf, string sourceName, RegionSet? regions, RegionSet? targets, RegionOverlap regionsOverlap, RegionOverlap targetsOverlap)
    {
        input = decompressedBcf;
        records = new BcfRecordReader(decompressedBcf, sourceName);
        this.regions = regions;
        this.targets = targets;
        this.regionsOverlap = regionsOverlap;
        this.targetsOverlap = targetsOverlap;
        needsAlleles = (regions is not null && regionsOverlap == RegionOverlap.Variant) || (targets is not null && targetsOverlap == RegionOverlap.Variant);
    }

    /// <summary>The input's records read so far, kept or not.</summary>
    public long RecordsRead => records.RecordsRead;

    public override int Read(Span<byte> destination)
    {
        while (outputPosition == output.Length)
        {
            if (ended || destination.IsEmpty)
            {
                return 0;
            }

            output.Clear();
            outputPosition = 0;
            if (dictionary is null)
            {
                dictionary = records.ReadHeader();
                output.Append(records.HeaderBytes);
            }
            else
            {
                // Batch records per refill so small reads do not pay per-record overhead.
                while (output.Length < (1 << 16) && FilterRecord())
                {
                }
            }
        }

        var n = Math.Min(destination.Length, output.Length - outputPosition);
        output.Span.Slice(outputPosition, n).CopyTo(destination);
        outputPosition += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool FilterRecord()
    {
        if (!records.ReadRecord(ref record, out var shared, out var indiv, out _))
        {
            ended = true;
            return false;
        }

        if (Selected(record.AsSpan(0, shared)))
        {
            Span<byte> lengths = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(lengths, shared);
            BinaryPrimitives.WriteInt32LittleEndian(lengths[4..], indiv);
            output.Append(lengths);
            output.Append(record.AsSpan(0, shared + indiv));
        }

        return true;
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
