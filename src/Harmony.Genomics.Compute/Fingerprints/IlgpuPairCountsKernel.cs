using Harmony.Genomics.Compute.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>
/// The tiled N² ILGPU kernel: a T×T group computes T×T pairs; in steps of T words it stages the T row samples' and
/// the T column samples' words in shared memory (one word per thread each), synchronises, and every thread runs
/// the bit algebra of <see cref="PairWord"/> over the staged words, so each word is read from global memory once
/// per tile instead of once per pair. T is 16 on a GPU, less where the accelerator's groups are smaller (ILGPU's
/// CPU accelerator). Padding words are all ones (missing), so they never count.
/// </summary>
internal sealed class IlgpuPairCountsKernel : IPairCountsKernel
{
    private const int MaxTile = 16;
    private readonly GpuSession _session;
    private readonly bool _ownsSession;
    private readonly Action<KernelConfig, ArrayView<ulong>, ArrayView<PairCounts>, int, int, int, int, int, int> _kernel;
    private readonly int _tile;
    private MemoryBuffer1D<ulong, Stride1D.Dense>? _packed;
    private int _words;

    public IlgpuPairCountsKernel(GpuSession session, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _ownsSession = ownsSession;
        _kernel = session.Accelerator.LoadStreamKernel<ArrayView<ulong>, ArrayView<PairCounts>, int, int, int, int, int, int>(TiledKernel);
        var tile = MaxTile;
        while (tile > 1 && tile * tile > session.Accelerator.MaxNumThreadsPerGroup)
        {
            tile /= 2;
        }

        _tile = tile;
    }

    /// <summary>The tile edge in use.</summary>
    public int Tile => _tile;

    public void Load(PackedGenotypes packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        _packed?.Dispose();
        _packed = _session.Accelerator.Allocate1D(packed.Words.Length == 0 ? new ulong[1] : packed.Words);
        _words = packed.WordsPerSample;
    }

    public void ComputeBlock(int rowStart, int rows, int colStart, int cols, PairCounts[] output)
    {
        var packed = _packed ?? throw new InvalidOperationException("Load first");
        ArgumentNullException.ThrowIfNull(output);
        if (rows == 0 || cols == 0)
        {
            return;
        }

        var accelerator = _session.Accelerator;
        using var result = accelerator.Allocate1D<PairCounts>((long)rows * cols);
        var grid = new Index2D((cols + _tile - 1) / _tile, (rows + _tile - 1) / _tile);
        _kernel(new KernelConfig(grid, new Index2D(_tile, _tile)), packed.View, result.View, _words, rowStart, rows, colStart, cols, _tile);
        accelerator.Synchronize();
        Array.Copy(result.GetAsArray1D(), output, (long)rows * cols);
    }

    public void Dispose()
    {
        _packed?.Dispose();
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    private static void TiledKernel(ArrayView<ulong> packed, ArrayView<PairCounts> output, int words, int rowStart, int rows, int colStart, int cols, int tile)
    {
        var rowTile = SharedMemory.Allocate<ulong>(MaxTile * MaxTile);
        var colTile = SharedMemory.Allocate<ulong>(MaxTile * MaxTile);
        var tx = Group.IdxX;
        var ty = Group.IdxY;
        var r = (Grid.IdxY * tile) + ty;
        var c = (Grid.IdxX * tile) + tx;
        var loadRow = r;
        var loadCol = (Grid.IdxX * tile) + ty;
        int n = 0, equal = 0, ibs0 = 0, hetHet = 0, hetA = 0, hetB = 0;
        for (var k0 = 0; k0 < words; k0 += tile)
        {
            var w = k0 + tx;
            rowTile[(ty * tile) + tx] = loadRow < rows && w < words ? packed[((long)(rowStart + loadRow) * words) + w] : ulong.MaxValue;
            colTile[(ty * tile) + tx] = loadCol < cols && w < words ? packed[((long)(colStart + loadCol) * words) + w] : ulong.MaxValue;
            Group.Barrier();
            for (var kk = 0; kk < tile; kk++)
            {
                PairWord.Masks(rowTile[(ty * tile) + kk], colTile[(tx * tile) + kk], out var valid, out var eq, out var i0, out var hh, out var ha, out var hb);
                n += IntrinsicMath.BitOperations.PopCount(valid);
                equal += IntrinsicMath.BitOperations.PopCount(eq);
                ibs0 += IntrinsicMath.BitOperations.PopCount(i0);
                hetHet += IntrinsicMath.BitOperations.PopCount(hh);
                hetA += IntrinsicMath.BitOperations.PopCount(ha);
                hetB += IntrinsicMath.BitOperations.PopCount(hb);
            }

            Group.Barrier();
        }

        if (r < rows && c < cols)
        {
            PairCounts counts;
            counts.N = n;
            counts.Equal = equal;
            counts.Ibs0 = ibs0;
            counts.HetHet = hetHet;
            counts.HetA = hetA;
            counts.HetB = hetB;
            output[((long)r * cols) + c] = counts;
        }
    }
}
