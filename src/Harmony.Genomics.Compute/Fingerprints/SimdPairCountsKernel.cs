using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// The CPU fast path: blocked popcount. Rows are split across threads; columns are visited in cache-sized blocks
/// that every row of a thread's share reuses; each pair runs the bit algebra of <see cref="PairWord"/> on eight words
/// at a time with <see cref="Vector512{T}"/> where AVX-512 is accelerated, then four at a time with
/// <see cref="Vector256{T}"/> (then a POPCNT per lane), the remaining words one at a time. <paramref name="path"/>
/// forces a width (tests); <see cref="ScanPath.Scalar"/> runs every word one at a time.
/// </summary>
internal sealed class SimdPairCountsKernel(int threads, ScanPath path = ScanPath.Auto) : IPairCountsKernel
{
    private const int ColumnBlock = 128;
    private PackedGenotypes? _packed;

    public void Load(PackedGenotypes packed) => _packed = packed ?? throw new ArgumentNullException(nameof(packed));

    public void ComputeBlock(int rowStart, int rows, int colStart, int cols, PairCounts[] output)
    {
        var p = _packed ?? throw new InvalidOperationException("Load first");
        ArgumentNullException.ThrowIfNull(output);
        var words = p.WordsPerSample;
        var data = p.Words;
        var use512 = path == ScanPath.Vector512 || (path == ScanPath.Auto && Vector512.IsHardwareAccelerated);
        var use256 = path == ScanPath.Vector256 || (path == ScanPath.Auto && Vector256.IsHardwareAccelerated) || use512;
        var rowChunk = Math.Max(1, Math.Min(64, (rows + (4 * Math.Max(1, threads)) - 1) / (4 * Math.Max(1, threads))));
        var chunks = (rows + rowChunk - 1) / rowChunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, chunk =>
        {
            var r0 = chunk * rowChunk;
            var r1 = Math.Min(rows, r0 + rowChunk);
            for (var c0 = 0; c0 < cols; c0 += ColumnBlock)
            {
                var c1 = Math.Min(cols, c0 + ColumnBlock);
                for (var r = r0; r < r1; r++)
                {
                    var x = data.AsSpan((int)((long)(rowStart + r) * words), words);
                    for (var c = c0; c < c1; c++)
                    {
                        var y = data.AsSpan((int)((long)(colStart + c) * words), words);
                        output[((long)r * cols) + c] = Pair(x, y, use512, use256);
                    }
                }
            }
        });
    }

    public void Dispose()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PairCounts Pair(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, bool use512, bool use256)
    {
        var counts = default(PairCounts);
        var w = 0;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        if (use512 && x.Length - w >= 8)
        {
            var low = Vector512.Create(PairWord.Low);
            Vector512<ulong> n = default, eq = default, i0 = default, hh = default, ha = default, hb = default;
            for (; w <= x.Length - 8; w += 8)
            {
                var vx = Vector512.LoadUnsafe(ref xr, (nuint)w);
                var vy = Vector512.LoadUnsafe(ref yr, (nuint)w);
                var xl = vx & low;
                var xh = (vx >>> 1) & low;
                var yl = vy & low;
                var yh = (vy >>> 1) & low;
                var valid = low & ~((xl & xh) | (yl & yh));
                var same = ~(vx ^ vy);
                var equal = same & (same >>> 1) & valid;
                var homRefX = low & ~(xl | xh);
                var homRefY = low & ~(yl | yh);
                var homAltX = xh & ~xl;
                var homAltY = yh & ~yl;
                var ibs0 = (homRefX & homAltY) | (homAltX & homRefY);
                var hetX = xl & ~xh;
                var hetY = yl & ~yh;
                n += PopCount(valid);
                eq += PopCount(equal);
                i0 += PopCount(ibs0);
                hh += PopCount(hetX & hetY);
                ha += PopCount(hetX & valid);
                hb += PopCount(hetY & valid);
            }

            counts.N += (int)Vector512.Sum(n);
            counts.Equal += (int)Vector512.Sum(eq);
            counts.Ibs0 += (int)Vector512.Sum(i0);
            counts.HetHet += (int)Vector512.Sum(hh);
            counts.HetA += (int)Vector512.Sum(ha);
            counts.HetB += (int)Vector512.Sum(hb);
        }

        if (use256 && x.Length - w >= 4)
        {
            var low = Vector256.Create(PairWord.Low);
            Vector256<ulong> n = default, eq = default, i0 = default, hh = default, ha = default, hb = default;
            for (; w <= x.Length - 4; w += 4)
            {
                var vx = Vector256.LoadUnsafe(ref xr, (nuint)w);
                var vy = Vector256.LoadUnsafe(ref yr, (nuint)w);
                var xl = vx & low;
                var xh = (vx >>> 1) & low;
                var yl = vy & low;
                var yh = (vy >>> 1) & low;
                var valid = low & ~((xl & xh) | (yl & yh));
                var same = ~(vx ^ vy);
                var equal = same & (same >>> 1) & valid;
                var homRefX = low & ~(xl | xh);
                var homRefY = low & ~(yl | yh);
                var homAltX = xh & ~xl;
                var homAltY = yh & ~yl;
                var ibs0 = (homRefX & homAltY) | (homAltX & homRefY);
                var hetX = xl & ~xh;
                var hetY = yl & ~yh;
                n += PopCount(valid);
                eq += PopCount(equal);
                i0 += PopCount(ibs0);
                hh += PopCount(hetX & hetY);
                ha += PopCount(hetX & valid);
                hb += PopCount(hetY & valid);
            }

            counts.N += (int)Vector256.Sum(n);
            counts.Equal += (int)Vector256.Sum(eq);
            counts.Ibs0 += (int)Vector256.Sum(i0);
            counts.HetHet += (int)Vector256.Sum(hh);
            counts.HetA += (int)Vector256.Sum(ha);
            counts.HetB += (int)Vector256.Sum(hb);
        }

        for (; w < x.Length; w++)
        {
            PairWord.Accumulate(x[w], y[w], ref counts);
        }

        return counts;
    }

    // Per 64-bit lane popcounts. .NET exposes no VPOPCNTQ, so with AVX-512BW / AVX2 each byte is counted by two nibble
    // lookups (VPSHUFB) and the bytes of each lane summed by VPSADBW (Mula, Kurz and Lemire, "Faster Population Counts
    // Using AVX2 Instructions", Comput. J. 61(1), 2018); elsewhere one POPCNT per lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> PopCount(Vector512<ulong> v)
    {
        if (Avx512BW.IsSupported)
        {
            var bytes = v.AsByte();
            var nibble = Vector512.Create((byte)0x0F);
            var table = Vector512.Create(NibbleCounts256(), NibbleCounts256());
            var counts = Avx512BW.Shuffle(table, bytes & nibble) + Avx512BW.Shuffle(table, (bytes >>> 4) & nibble);
            return Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64();
        }

        return Vector512.Create(PopCount(v.GetLower()), PopCount(v.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> PopCount(Vector256<ulong> v)
    {
        if (Avx2.IsSupported)
        {
            var bytes = v.AsByte();
            var nibble = Vector256.Create((byte)0x0F);
            var table = NibbleCounts256();
            var counts = Avx2.Shuffle(table, bytes & nibble) + Avx2.Shuffle(table, (bytes >>> 4) & nibble);
            return Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
        }

        return Vector256.Create(
            (ulong)BitOperations.PopCount(v.GetElement(0)),
            (ulong)BitOperations.PopCount(v.GetElement(1)),
            (ulong)BitOperations.PopCount(v.GetElement(2)),
            (ulong)BitOperations.PopCount(v.GetElement(3)));
    }

    // The bit count of each nibble value, in both 128-bit lanes (VPSHUFB looks up within each lane).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> NibbleCounts256()
    {
        var lane = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        return Vector256.Create(lane, lane);
    }
}
