using System.Buffers.Binary;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Selection;

namespace Harmony.Genomics.Formats.Index;

/// <summary>
/// The decompressed bytes of an indexed BGZF file (VCF or BCF) restricted to its header and the index chunks that
/// may hold records in the regions: each byte once, so overlapping regions give no duplicates; chromosomes in the
/// order the regions first name them (as bcftools), each chromosome's records in file order.
/// Chunks start and end at record boundaries, so the result is a valid VCF or BCF stream; records the chunks hold
/// outside the regions are dropped later by the exact overlap test.
/// </summary>
internal sealed class IndexedRegionStream : ForwardReadStream
{
    private readonly BgzfRandomAccessReader reader;
    private readonly List<(ulong Begin, ulong End)> ranges;
    private int current;
    private bool positioned;

    private IndexedRegionStream(BgzfRandomAccessReader reader, List<(ulong Begin, ulong End)> ranges)
    {
        this.reader = reader;
        this.ranges = ranges;
    }

    /// <summary>Opens the region query; <paramref name="file"/> (seekable, owned by the result) holds the BGZF data at <paramref name="path"/>.</summary>
    /// <exception cref="HarmonyException">The file is not BGZF or has no index.</exception>
    public static Stream Open(Stream file, string path, string sourceName, RegionSet regions)
    {
        var reader = new BgzfRandomAccessReader(file, sourceName);
        try
        {
            return OpenCore(reader, path, sourceName, regions);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (current < ranges.Count)
        {
            var (begin, end) = ranges[current];
            if (!positioned)
            {
                reader.Seek((long)begin);
                positioned = true;
            }

            var n = reader.Read(buffer, (long)end);
            if (n > 0 || buffer.IsEmpty)
            {
                return n;
            }

            current++;
            positioned = false;
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Stream OpenCore(BgzfRandomAccessReader reader, string path, string sourceName, RegionSet regions)
    {
        Span<byte> head = stackalloc byte[9];
        int n;
        try
        {
            n = ReadFully(reader, head);
        }
        catch (InputFormatException e)
        {
            throw new HarmonyException($"{sourceName}: regions (-r/-R) need a BGZF-compressed, indexed VCF or BCF: {e.Message}", e);
        }

        var bcf = BcfToVcfTextStream.IsBcf(head[..n]);
        var indexPath = BinningIndex.Locate(path, bcf)
            ?? throw new HarmonyException(bcf
                ? $"{sourceName}: regions (-r/-R) need an index, and {path}.csi does not exist; create it with 'bcftools index {path}', or use targets (-t/-T), which need none"
                : $"{sourceName}: regions (-r/-R) need an index, and neither {path}.tbi nor {path}.csi exists; create one with 'bcftools index -t {path}', or use targets (-t/-T), which need none");
        var index = BinningIndex.Load(indexPath);

        IReadOnlyList<string> names;
        long headerEnd;
        if (bcf)
        {
            // VCF 4.4 §6.2: magic, l_text, header text; a BCF CSI numbers sequences in the header's contig order.
            var length = BinaryPrimitives.ReadUInt32LittleEndian(head[5..]);
            var text = new byte[length];
            ReadFully(reader, text);
            headerEnd = reader.VirtualOffset;
            var end = Array.IndexOf(text, (byte)0);
            var dictionary = BcfHeaderDictionary.Parse(Encoding.UTF8.GetString(text, 0, end < 0 ? text.Length : end));
            names = index.Names ?? dictionary.Contigs;
        }
        else
        {
            reader.Seek(0);
            headerEnd = SkipTextHeader(reader);
            names = index.Names ?? throw new HarmonyException($"{indexPath}: a CSI index of a VCF must hold the sequence names (tabix aux data)");
        }

        var referenceOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            referenceOf.TryAdd(names[i], i);
        }

        // bcftools gives the chromosomes in the order the regions name them, and each one's records in file order.
        var ranges = new List<(ulong Begin, ulong End)> { (0, (ulong)headerEnd) };
        foreach (var chromosome in regions.Chromosomes)
        {
            // bcftools skips a sequence the index does not know: it has no records.
            if (!referenceOf.TryGetValue(chromosome, out var reference))
            {
                continue;
            }

            var chunks = new List<(ulong Begin, ulong End)>();
            foreach (var (begin, end) in regions.For(chromosome))
            {
                chunks.AddRange(index.Query(reference, begin - 1, end == long.MaxValue ? long.MaxValue : end));
            }

            chunks.Sort();
            var first = ranges.Count;
            foreach (var (b, e) in chunks)
            {
                var begin = Math.Max(b, (ulong)headerEnd);
                if (e <= begin)
                {
                    continue;
                }

                if (ranges.Count > first && begin <= ranges[^1].End)
                {
                    ranges[^1] = (ranges[^1].Begin, Math.Max(ranges[^1].End, e));
                }
                else
                {
                    ranges.Add((begin, e));
                }
            }
        }

        return new IndexedRegionStream(reader, ranges);
    }

    /// <summary>Reads the '#' lines and returns the virtual offset just after them.</summary>
    private static long SkipTextHeader(BgzfRandomAccessReader reader)
    {
        var lineStart = true;
        while (true)
        {
            var offset = reader.VirtualOffset;
            var b = reader.ReadByte();
            if (b < 0)
            {
                return reader.VirtualOffset;
            }

            if (lineStart && b != '#')
            {
                return offset;
            }

            lineStart = b == '\n';
        }
    }

    private static int ReadFully(BgzfRandomAccessReader reader, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = reader.Read(destination[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
