using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Compute.Allelic;

/// <summary>Creates the allele-depth implementation for a backend.</summary>
internal static class AllelicImbalanceKernels
{
    public static IAllelicImbalanceKernel Create(ComputeBackend backend, int threads) => backend switch
    {
        ComputeBackend.Scalar => new ScalarAllelicImbalanceKernel(),
        ComputeBackend.Simd => new SimdAllelicImbalanceKernel(threads),
        _ => new IlgpuAllelicImbalanceKernel(GpuSession.Open(backend)!, ownsSession: true),
    };
}
