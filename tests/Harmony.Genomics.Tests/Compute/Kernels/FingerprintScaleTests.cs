using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Harmony.Genomics.Tests.Compute.Kernels;

/// <summary>
/// Fingerprints at cohort scale, checked by what they find and what they allocate (never by time): 20,000 samples
/// × 1,000 SNPs are 2·10^8 pairs, whose counts alone would take 4.8 GB if they were kept.
/// </summary>
[Collection(ProcessWideMeasurementCollection.Name)]
public sealed class FingerprintScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void TwentyThousandSamplesFindThePlantedPairsInBoundedMemory()
    {
        const int samples = 20_000;
        const int snps = 1_000;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cohort = PlantedFingerprintCohort.Generate(samples, snps, seed: 8);
        var pairs = new List<RelatedPair>();
        using (var kernel = FingerprintScan.CreateKernel(ComputeBackend.Simd, threads: 2))
        {
            FingerprintScan.Run(cohort.Packed, kernel, pairs.Add);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Exactly the planted pairs: nothing among the ~2·10^8 unrelated pairs crosses the first-degree threshold.
        Assert.Equal(2, pairs.Count);
        var duplicate = Assert.Single(pairs, p => p.Relationship == Relationship.Duplicate);
        Assert.Equal((cohort.DuplicateOf, cohort.Duplicate), (duplicate.SampleA, duplicate.SampleB));
        Assert.InRange(duplicate.Counts.Concordance, 0.98, 1.0);
        var child = Assert.Single(pairs, p => p.Relationship == Relationship.FirstDegree);
        Assert.Equal((cohort.Parent, cohort.Child), (child.SampleA, child.SampleB));
        Assert.Equal(0, child.Counts.Ibs0);

        // Memory: the packed genotypes (2 bits a genotype), one block of pair counts and small change; nothing that
        // grows with the number of pairs.
        var packedBytes = cohort.Packed.Words.LongLength * sizeof(ulong);
        var blockBytes = (long)FingerprintScan.DefaultBlock * FingerprintScan.DefaultBlock * System.Runtime.CompilerServices.Unsafe.SizeOf<PairCounts>();
        output.WriteLine($"allocated {allocated / 1e6:F1} MB: packed {packedBytes / 1e6:F1} MB, block buffer {blockBytes / 1e6:F1} MB");
        Assert.Equal((long)samples * ((snps + 31) / 32) * 8, packedBytes);
        Assert.InRange(allocated, packedBytes + blockBytes, packedBytes + blockBytes + (16L << 20));
    }
}
