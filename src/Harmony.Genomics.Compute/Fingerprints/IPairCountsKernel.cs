namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>Pair counts for a rectangular block of the sample × sample matrix; implementations give identical results.</summary>
internal interface IPairCountsKernel : IDisposable
{
    /// <summary>Makes <paramref name="packed"/> the genotypes later blocks read (uploaded once on a GPU).</summary>
    void Load(PackedGenotypes packed);

    /// <summary>Writes <c>output[r * cols + c]</c> for sample rowStart + r against sample colStart + c, every element.</summary>
    void ComputeBlock(int rowStart, int rows, int colStart, int cols, PairCounts[] output);
}
