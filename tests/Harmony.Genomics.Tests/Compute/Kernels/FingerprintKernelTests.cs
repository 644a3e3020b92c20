using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Tests.Compute.Kernels;

public class FingerprintKernelTests
{
    private static PackedGenotypes RandomPacked(int samples, int snps, int seed)
    {
        var random = new Random(seed);
        var dosages = new sbyte[samples * snps];
        for (var i = 0; i < dosages.Length; i++)
        {
            dosages[i] = random.Next(0, 12) == 0 ? (sbyte)-1 : (sbyte)random.Next(0, 3);
        }

        return PackedGenotypes.Pack(dosages, samples, snps);
    }

    private static PairCounts[] Block(IPairCountsKernel kernel, PackedGenotypes packed, int r0, int rows, int c0, int cols)
    {
        kernel.Load(packed);
        var output = Enumerable.Repeat(PairCounts.Poisoned, (rows * cols) + 3).ToArray();
        kernel.ComputeBlock(r0, rows, c0, cols, output);
        Assert.Equal(PairCounts.Poisoned, output[^1]);
        return output[..(rows * cols)];
    }

    [Theory]
    [InlineData(40, 300, 3, 29, 7, 33, 1)]
    [InlineData(70, 1000, 0, 70, 0, 70, 2)]
    [InlineData(9, 31, 1, 8, 0, 9, 3)]
    public void SimdEqualsScalarReferenceAndWritesEverything(int samples, int snps, int r0, int rows, int c0, int cols, int seed)
    {
        var packed = RandomPacked(samples, snps, seed);
        using var scalar = new ScalarPairCountsKernel();
        using var simd = new SimdPairCountsKernel(threads: 3);
        var expected = Block(scalar, packed, r0, rows, c0, cols);
        Assert.DoesNotContain(PairCounts.Poisoned, expected);
        Assert.Contains(expected, p => p.Ibs0 > 0 && p.HetHet > 0 && p.N < snps);
        Assert.Equal(expected, Block(simd, packed, r0, rows, c0, cols));
    }

    /// <summary>731 SNPs are 23 words: two 8-word vectors, one 4-word vector and a 3-word tail on the Vector512 path.</summary>
    [Fact]
    public void EveryForcedVectorWidthEqualsScalarReference()
    {
        var packed = RandomPacked(21, 731, 6);
        using var scalar = new ScalarPairCountsKernel();
        var expected = Block(scalar, packed, 0, 21, 0, 21);
        Assert.Contains(expected, p => p.Ibs0 > 0 && p.HetHet > 0 && p.N < 731);
        foreach (var path in new[] { ScanPath.Auto, ScanPath.Scalar, ScanPath.Vector256, ScanPath.Vector512 })
        {
            using var simd = new SimdPairCountsKernel(threads: 2, path);
            Assert.Equal(expected, Block(simd, packed, 0, 21, 0, 21));
        }
    }

    [Fact]
    public void TiledIlgpuKernelOnTheCpuAcceleratorEqualsScalarReference()
    {
        var packed = RandomPacked(23, 700, 4);
        using var scalar = new ScalarPairCountsKernel();
        using var ilgpu = new IlgpuPairCountsKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        Assert.True(ilgpu.Tile > 1);
        Assert.Equal(Block(scalar, packed, 2, 13, 5, 18), Block(ilgpu, packed, 2, 13, 5, 18));
        Assert.Equal(Block(scalar, packed, 0, 23, 0, 23), Block(ilgpu, packed, 0, 23, 0, 23));
    }

    /// <summary>
    /// 24 unrelated samples drawn under HWE, a duplicate of sample 0 with 1% of genotypes redrawn (two pseudonyms
    /// of one patient), and a child of sample 1 (one allele from the parent at every site, one from the population).
    /// </summary>
    internal static (sbyte[] Dosages, int Samples, int Snps) PlantedCohort(int seed)
    {
        const int unrelated = 24;
        const int snps = 2000;
        const int samples = unrelated + 2;
        var random = new Random(seed);
        var freqs = Enumerable.Range(0, snps).Select(_ => 0.2 + (0.3 * random.NextDouble())).ToArray();
        var haplotypes = new bool[samples, snps, 2];
        for (var s = 0; s < unrelated; s++)
        {
            for (var j = 0; j < snps; j++)
            {
                haplotypes[s, j, 0] = random.NextDouble() < freqs[j];
                haplotypes[s, j, 1] = random.NextDouble() < freqs[j];
            }
        }

        for (var j = 0; j < snps; j++)
        {
            var redraw = random.NextDouble() < 0.01;
            haplotypes[unrelated, j, 0] = redraw ? random.NextDouble() < freqs[j] : haplotypes[0, j, 0];
            haplotypes[unrelated, j, 1] = redraw ? random.NextDouble() < freqs[j] : haplotypes[0, j, 1];
            haplotypes[unrelated + 1, j, 0] = haplotypes[1, j, random.Next(0, 2)];
            haplotypes[unrelated + 1, j, 1] = random.NextDouble() < freqs[j];
        }

        var dosages = new sbyte[samples * snps];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < snps; j++)
            {
                dosages[(s * snps) + j] = random.Next(0, 200) == 0 ? (sbyte)-1 : (sbyte)((haplotypes[s, j, 0] ? 1 : 0) + (haplotypes[s, j, 1] ? 1 : 0));
            }
        }

        return (dosages, samples, snps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PlantedCohortIsClassified(int backendNumber)
    {
        var backend = backendNumber == 0 ? ComputeBackend.Scalar : ComputeBackend.Simd;
        var (dosages, samples, snps) = PlantedCohort(11);
        var packed = PackedGenotypes.Pack(dosages, samples, snps);
        using var kernel = FingerprintScan.CreateKernel(backend, threads: 2);
        var pairs = FingerprintScan.Run(packed, kernel, block: 7);
        Assert.Equal(2, pairs.Count);
        var duplicate = Assert.Single(pairs, p => p.Relationship == Relationship.Duplicate);
        Assert.Equal((0, samples - 2), (duplicate.SampleA, duplicate.SampleB));
        Assert.True(duplicate.Counts.Concordance > 0.98);
        var child = Assert.Single(pairs, p => p.Relationship == Relationship.FirstDegree);
        Assert.Equal((1, samples - 1), (child.SampleA, child.SampleB));
        Assert.Equal(0, child.Counts.Ibs0);
        Assert.InRange(child.Counts.Kinship, 0.2, 0.3);
    }

    [Fact]
    public void PackingRoundTrips()
    {
        var packed = PackedGenotypes.Pack([0, 1, 2, -1, 2, 0], 2, 3);
        Assert.Equal([0, 1, 2, 3, 2, 0], new[] { packed.Get(0, 0), packed.Get(0, 1), packed.Get(0, 2), packed.Get(1, 0), packed.Get(1, 1), packed.Get(1, 2) });
        Assert.Equal(ulong.MaxValue << 6, packed.Words[0] & (ulong.MaxValue << 6));
    }
}
