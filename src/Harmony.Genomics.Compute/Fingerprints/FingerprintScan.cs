using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Compute.Fingerprints;

/// <summary>All pairs of samples, block by block over the upper triangle; keeps only duplicate and first-degree pairs.</summary>
internal static class FingerprintScan
{
    /// <summary>Default edge of the blocks handed to a kernel (2048² pairs, 96 MiB of counts).</summary>
    public const int DefaultBlock = 2048;

    /// <summary>Pairs need at least this many SNPs called in both to be classified.</summary>
    public const int DefaultMinSnps = 50;

    public static IPairCountsKernel CreateKernel(ComputeBackend backend, int threads) => backend switch
    {
        ComputeBackend.Scalar => new ScalarPairCountsKernel(),
        ComputeBackend.Simd => new SimdPairCountsKernel(threads),
        _ => new IlgpuPairCountsKernel(GpuSession.Open(backend)!, ownsSession: true),
    };

    public static List<RelatedPair> Run(PackedGenotypes packed, IPairCountsKernel kernel, int minSnps = DefaultMinSnps, int block = DefaultBlock)
    {
        var found = new List<RelatedPair>();
        Run(packed, kernel, found.Add, minSnps, block);
        return found;
    }

    /// <summary>
    /// As <see cref="Run(PackedGenotypes, IPairCountsKernel, int, int)"/>, handing each related pair to
    /// <paramref name="found"/> as its block completes: memory is one block of counts whatever the cohort size.
    /// </summary>
    public static void Run(PackedGenotypes packed, IPairCountsKernel kernel, Action<RelatedPair> found, int minSnps = DefaultMinSnps, int block = DefaultBlock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packed);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        kernel.Load(packed);
        var n = packed.Samples;
        var buffer = new PairCounts[(long)Math.Min(block, n) * Math.Min(block, n)];
        for (var r0 = 0; r0 < n; r0 += block)
        {
            var rows = Math.Min(block, n - r0);
            for (var c0 = r0; c0 < n; c0 += block)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cols = Math.Min(block, n - c0);
                kernel.ComputeBlock(r0, rows, c0, cols, buffer);
                for (var r = 0; r < rows; r++)
                {
                    var a = r0 + r;
                    for (var c = c0 == r0 ? r + 1 : 0; c < cols; c++)
                    {
                        var counts = buffer[((long)r * cols) + c];
                        var relationship = RelationshipRules.Classify(counts, minSnps);
                        if (relationship != Relationship.Unrelated)
                        {
                            found(new RelatedPair(a, c0 + c, counts, relationship));
                        }
                    }
                }
            }
        }
    }
}
