namespace Harmony.Genomics.Compute.Devices;

/// <summary>Where the compute kernels run (<c>--device auto|cpu|cuda</c>).</summary>
public enum DeviceChoice
{
    /// <summary>CUDA when a CUDA device exists, else the CPU SIMD path.</summary>
    Auto,

    /// <summary>The CPU SIMD path.</summary>
    Cpu,

    /// <summary>The first CUDA device; an error when there is none.</summary>
    Cuda,
}
