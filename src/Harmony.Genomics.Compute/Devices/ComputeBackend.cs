namespace Harmony.Genomics.Compute.Devices;

/// <summary>The implementation behind a kernel interface; tests force each one.</summary>
internal enum ComputeBackend
{
    /// <summary>The simple scalar reference.</summary>
    Scalar,

    /// <summary>Vector256 on the CPU with a scalar tail, parallel over blocks.</summary>
    Simd,

    /// <summary>The ILGPU kernel on ILGPU's CPU accelerator (simulated threads; for checking kernels only).</summary>
    IlgpuCpu,

    /// <summary>The ILGPU kernel on the first CUDA device.</summary>
    Cuda,
}
