using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Tests.Compute.Kernels;

public class CohortStatsKernelTests
{
    internal static GenotypeMatrix RandomMatrix(int variants, int samples, int ploidy, int seed)
    {
        var random = new Random(seed);
        var m = new GenotypeMatrix(variants, samples, ploidy);
        for (var v = 0; v < variants; v++)
        {
            var nAlt = random.Next(0, 5) == 0 ? random.Next(2, 4) : 1;
            m.AltCounts[v] = nAlt;
            m.SnvClass[v] = (byte)random.Next(0, 3);
            var mixedPloidy = random.Next(0, 2) == 0;
            var af = 0.05 + (0.9 * random.NextDouble());
            for (var s = 0; s < samples; s++)
            {
                var roll = random.NextDouble();
                var absentCall = roll < 0.05;
                var missingCall = roll is >= 0.05 and < 0.12;
                var callPloidy = mixedPloidy && random.Next(0, 8) == 0 ? random.Next(1, ploidy + 1) : Math.Min(2, ploidy);
                for (var h = 0; h < ploidy; h++)
                {
                    sbyte code;
                    if (absentCall || h >= callPloidy)
                    {
                        code = GenotypeMatrix.Absent;
                    }
                    else if (missingCall && random.Next(0, 2) == 0)
                    {
                        code = GenotypeMatrix.Missing;
                    }
                    else
                    {
                        code = random.NextDouble() < af ? (sbyte)random.Next(1, nAlt + 1) : (sbyte)0;
                    }

                    m.Alleles[m.Index(v, h, s)] = code;
                }
            }
        }

        m.SealAltCounts();
        return m;
    }

    internal static CohortStats Run(ICohortStatsKernel kernel, GenotypeMatrix m)
    {
        var output = new CohortStats(m.Variants, m.Samples, m.TotalAlts);
        output.Poison(-99);
        kernel.Compute(m, output);
        return output;
    }

    internal static void AssertSame(CohortStats expected, CohortStats actual)
    {
        Assert.Equal(expected.An, actual.An);
        Assert.Equal(expected.Ac, actual.Ac);
        Assert.Equal(expected.NHet, actual.NHet);
        Assert.Equal(expected.NHomAlt, actual.NHomAlt);
        Assert.Equal(expected.NHomRef, actual.NHomRef);
        Assert.Equal(expected.NMissing, actual.NMissing);
        Assert.Equal(expected.NNonDiploid, actual.NNonDiploid);
        Assert.Equal(expected.HweP.Select(BitConverter.DoubleToInt64Bits), actual.HweP.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.SampleHet, actual.SampleHet);
        Assert.Equal(expected.SampleHomAlt, actual.SampleHomAlt);
        Assert.Equal(expected.SampleHomRef, actual.SampleHomRef);
        Assert.Equal(expected.SampleMissing, actual.SampleMissing);
        Assert.Equal(expected.SampleTs, actual.SampleTs);
        Assert.Equal(expected.SampleTv, actual.SampleTv);
    }

    [Theory]
    [InlineData(300, 77, 2, 1)]
    [InlineData(260, 64, 3, 2)]
    [InlineData(5, 31, 1, 3)]
    [InlineData(128, 100, 4, 4)]
    public void SimdEqualsScalarReferenceAndWritesEverything(int variants, int samples, int ploidy, int seed)
    {
        var m = RandomMatrix(variants, samples, ploidy, seed);
        using var scalar = new ScalarCohortStatsKernel();
        using var simd = new SimdCohortStatsKernel(threads: 3);
        var expected = Run(scalar, m);
        Assert.DoesNotContain(-99, expected.An);
        if (ploidy >= 2)
        {
            Assert.Contains(expected.NHet, x => x > 0);
            Assert.Contains(expected.HweP, x => !double.IsNaN(x) && x < 1);
        }
        AssertSame(expected, Run(simd, m));
    }

    /// <summary>165 samples: two 64-lane vectors, one 32-lane vector and a 5-sample tail on the Vector512 path.</summary>
    [Fact]
    public void EveryForcedVectorWidthEqualsScalarReference()
    {
        var m = RandomMatrix(140, 165, 3, 5);
        using var scalar = new ScalarCohortStatsKernel();
        var expected = Run(scalar, m);
        Assert.Contains(expected.SampleHet, x => x > 0);
        foreach (var path in new[] { ScanPath.Auto, ScanPath.Scalar, ScanPath.Vector256, ScanPath.Vector512 })
        {
            using var simd = new SimdCohortStatsKernel(threads: 2, path);
            AssertSame(expected, Run(simd, m));
        }
    }

    [Fact]
    public void IlgpuKernelOnTheCpuAcceleratorEqualsScalarReference()
    {
        var m = RandomMatrix(70, 45, 3, 9);
        using var scalar = new ScalarCohortStatsKernel();
        using var ilgpu = new IlgpuCohortStatsKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        AssertSame(Run(scalar, m), Run(ilgpu, m));
    }

    [Fact]
    public void CountsFollowTheDefinitions()
    {
        // One variant, diploid: 0/0, 0/1, 1/1, ./., 0/. (missing), absent, haploid 1.
        var m = new GenotypeMatrix(1, 7, 2);
        sbyte[][] calls = [[0, 0], [0, 1], [1, 1], [-1, -1], [0, -1], [-2, -2], [1, -2]];
        for (var s = 0; s < calls.Length; s++)
        {
            m.Alleles[m.Index(0, 0, s)] = calls[s][0];
            m.Alleles[m.Index(0, 1, s)] = calls[s][1];
        }

        m.AltCounts[0] = 1;
        m.SnvClass[0] = (byte)SnvKind.Transition;
        m.SealAltCounts();
        using var kernel = new ScalarCohortStatsKernel();
        var stats = Run(kernel, m);
        Assert.Equal(8, stats.An[0]);
        Assert.Equal(4, stats.Ac[0]);
        Assert.Equal(1, stats.NHet[0]);
        Assert.Equal(2, stats.NHomAlt[0]);
        Assert.Equal(1, stats.NHomRef[0]);
        Assert.Equal(2, stats.NMissing[0]);
        Assert.Equal(1, stats.NNonDiploid[0]);
        Assert.True(double.IsNaN(stats.HweP[0]));
        Assert.Equal(4.0 / 6.0, stats.CallRate(0), 12);
        Assert.Equal([0, 1, 1, 0, 0, 0, 1], stats.SampleTs);
        Assert.Equal(SnvKind.Transition, SnvClassifier.Classify("C", ["T"]));
        Assert.Equal(SnvKind.Transversion, SnvClassifier.Classify("A", ["T"]));
        Assert.Equal(SnvKind.Other, SnvClassifier.Classify("A", ["AT"]));
    }

    [Fact]
    public void DeviceSelection()
    {
        Assert.Equal(DeviceChoice.Cuda, DeviceSelector.Parse("CUDA"));
        Assert.Throws<Harmony.Genomics.Core.HarmonyException>(() => DeviceSelector.Parse("gpu"));
        Assert.Equal(ComputeBackend.Simd, DeviceSelector.Resolve(DeviceChoice.Cpu));
        if (!GpuSession.CudaAvailable())
        {
            Assert.Equal(ComputeBackend.Simd, DeviceSelector.Resolve(DeviceChoice.Auto));
            var e = Assert.Throws<Harmony.Genomics.Core.HarmonyException>(() => DeviceSelector.Resolve(DeviceChoice.Cuda));
            Assert.Contains("no CUDA device", e.Message, StringComparison.Ordinal);
        }
    }
}
