using Harmony.Genomics.Compute.Devices;

namespace Harmony.Genomics.Compute.Cohort;

/// <summary>Creates the cohort-statistics implementation for a backend.</summary>
internal static class CohortStatsKernels
{
    public static ICohortStatsKernel Create(ComputeBackend backend, int threads) => backend switch
    {
        ComputeBackend.Scalar => new ScalarCohortStatsKernel(),
        ComputeBackend.Simd => new SimdCohortStatsKernel(threads),
        _ => new IlgpuCohortStatsKernel(GpuSession.Open(backend)!, ownsSession: true),
    };
}
