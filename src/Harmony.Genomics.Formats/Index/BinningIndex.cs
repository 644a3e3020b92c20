using System.Buffers.Binary;
using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Formats.Index;

/// <summary>
/// A tabix (<c>.tbi</c>, SAMv1 §5.2 "tabix") or CSI (<c>.csi</c>, CSIv1) index: per reference sequence, the bins of the
/// UCSC binning scheme and their chunks of virtual offsets. Only what region queries need is kept.
/// </summary>
internal sealed class BinningIndex
{
    private readonly List<Dictionary<uint, List<(ulong Begin, ulong End)>>> references = [];

    private BinningIndex(int minShift, int depth)
    {
        MinShift = minShift;
        Depth = depth;
    }

    public int MinShift { get; }

    public int Depth { get; }

    /// <summary>Sequence names stored in the index (tabix, and CSI with a tabix-style aux header); null for BCF's CSI, which uses the header's contig order.</summary>
    public IReadOnlyList<string>? Names { get; private set; }

    /// <summary>Finds the index next to <paramref name="dataPath"/>: <c>.csi</c> first for BCF, else <c>.tbi</c> first (as htslib).</summary>
    public static string? Locate(string dataPath, bool bcf)
    {
        string[] candidates = bcf ? [dataPath + ".csi"] : [dataPath + ".tbi", dataPath + ".csi"];
        return candidates.FirstOrDefault(File.Exists);
    }

    public static BinningIndex Load(string path)
    {
        byte[] bytes;
        using (var input = InputOpener.Open(path, new InputOptions { Threads = 1 }))
        using (var memory = new MemoryStream())
        {
            input.Stream.CopyTo(memory);
            bytes = memory.ToArray();
        }

        try
        {
            return Parse(bytes);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InputFormatException(path, null, 0, null, "a complete tabix or CSI index (truncated index)", e);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(path, null, 0, null, e.Message, e);
        }
    }

    /// <summary>The chunks that may hold records overlapping the 0-based half-open [<paramref name="begin"/>, <paramref name="end"/>).</summary>
    public IEnumerable<(ulong Begin, ulong End)> Query(int reference, long begin, long end)
    {
        if (reference < 0 || reference >= references.Count)
        {
            yield break;
        }

        var bins = references[reference];
        var limit = 1L << (MinShift + (3 * Depth));
        begin = Math.Clamp(begin, 0, limit - 1);
        end = Math.Clamp(end, begin + 1, limit);

        // SAMv1 §5.3 reg2bins, generalised to CSI's min_shift and depth.
        end--;
        var shift = MinShift + (3 * Depth);
        var first = 0;
        for (var level = 0; level <= Depth; level++, shift -= 3)
        {
            for (var bin = first + (begin >> shift); bin <= first + (end >> shift); bin++)
            {
                if (bins.TryGetValue((uint)bin, out var chunks))
                {
                    foreach (var chunk in chunks)
                    {
                        yield return chunk;
                    }
                }
            }

            first += 1 << (3 * level);
        }
    }

    private static BinningIndex Parse(byte[] data)
    {
        var p = 0;
        int Int() { var v = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p)); p += 4; return v; }
        ulong U64() { var v = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(p)); p += 8; return v; }
        uint U32() { var v = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(p)); p += 4; return v; }

        var magic = Encoding.ASCII.GetString(data, 0, Math.Min(4, data.Length));
        p = 4;
        BinningIndex index;
        bool csi;
        if (magic == "TBI\u0001")
        {
            // SAMv1 §5.2: tabix has min_shift 14 and depth 5; the sequence names follow the column configuration.
            csi = false;
            index = new BinningIndex(14, 5);
            var nRef = Int();
            index.Names = ReadTabixNames(data, ref p);
            for (var r = 0; r < nRef; r++)
            {
                index.references.Add(ReadBins(csi, index.Depth));
                var intervals = Int();
                p += 8 * intervals;
            }
        }
        else if (magic == "CSI\u0001")
        {
            // CSIv1: min_shift, depth, then an aux block that, for VCF, is the tabix header (names); empty for BCF.
            csi = true;
            var minShift = Int();
            var depth = Int();
            index = new BinningIndex(minShift, depth);
            var auxLength = Int();
            if (auxLength >= 28)
            {
                var q = p;
                index.Names = ReadTabixNames(data, ref q);
            }

            p += auxLength;
            var nRef = Int();
            for (var r = 0; r < nRef; r++)
            {
                index.references.Add(ReadBins(csi, depth));
            }
        }
        else
        {
            throw new InvalidDataException($"an index starting with TBI\\1 or CSI\\1, found '{magic}'");
        }

        return index;

        Dictionary<uint, List<(ulong, ulong)>> ReadBins(bool isCsi, int depth)
        {
            var pseudoBin = (uint)((((1 << (3 * (depth + 1))) - 1) / 7) + 1);
            var bins = new Dictionary<uint, List<(ulong, ulong)>>();
            var nBin = Int();
            for (var b = 0; b < nBin; b++)
            {
                var bin = U32();
                if (isCsi)
                {
                    U64(); // loffset: an optimisation only.
                }

                var nChunk = Int();
                var chunks = new List<(ulong, ulong)>(nChunk);
                for (var c = 0; c < nChunk; c++)
                {
                    chunks.Add((U64(), U64()));
                }

                // The pseudo-bin holds statistics (mapped/unmapped counts), not chunks.
                if (bin != pseudoBin)
                {
                    bins[bin] = chunks;
                }
            }

            return bins;
        }
    }

    private static List<string> ReadTabixNames(byte[] data, ref int p)
    {
        // format, col_seq, col_beg, col_end, meta, skip (six int32), then l_nm and the NUL-terminated names.
        p += 24;
        var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p));
        p += 4;
        var names = Encoding.UTF8.GetString(data, p, length).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        p += length;
        return names;
    }
}
