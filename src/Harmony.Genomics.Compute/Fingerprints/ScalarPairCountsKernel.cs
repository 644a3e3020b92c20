namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>The reference: one SNP at a time from the 2-bit codes.</summary>
internal sealed class ScalarPairCountsKernel : IPairCountsKernel
{
    private PackedGenotypes? _packed;

    public void Load(PackedGenotypes packed) => _packed = packed ?? throw new ArgumentNullException(nameof(packed));

    public void ComputeBlock(int rowStart, int rows, int colStart, int cols, PairCounts[] output)
    {
        var p = _packed ?? throw new InvalidOperationException("Load first");
        ArgumentNullException.ThrowIfNull(output);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var counts = default(PairCounts);
                for (var j = 0; j < p.Snps; j++)
                {
                    var x = p.Get(rowStart + r, j);
                    var y = p.Get(colStart + c, j);
                    if (x == 3 || y == 3)
                    {
                        continue;
                    }

                    counts.N++;
                    counts.Equal += x == y ? 1 : 0;
                    counts.Ibs0 += (x == 0 && y == 2) || (x == 2 && y == 0) ? 1 : 0;
                    counts.HetHet += x == 1 && y == 1 ? 1 : 0;
                    counts.HetA += x == 1 ? 1 : 0;
                    counts.HetB += y == 1 ? 1 : 0;
                }

                output[((long)r * cols) + c] = counts;
            }
        }
    }

    public void Dispose()
    {
    }
}
