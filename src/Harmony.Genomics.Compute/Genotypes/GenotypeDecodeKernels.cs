using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>Creates the genotype-decoding implementation for a backend.</summary>
internal static class GenotypeDecodeKernels
{
    public static IGenotypeDecodeKernel Create(ComputeBackend backend, int threads) => backend switch
    {
        ComputeBackend.Scalar => new ScalarGenotypeDecodeKernel(),
        ComputeBackend.Simd => new SimdGenotypeDecodeKernel(threads),
        _ => new IlgpuGenotypeDecodeKernel(GpuSession.Open(backend)!, ownsSession: true),
    };
}
