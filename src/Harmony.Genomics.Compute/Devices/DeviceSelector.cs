using Harmony.Genomics.Core;

namespace Harmony.Genomics.Compute.Devices;

/// <summary>Turns <c>--device auto|cpu|cuda</c> into a backend.</summary>
public static class DeviceSelector
{
    /// <summary>Parses a <c>--device</c> value.</summary>
    /// <param name="text"><c>auto</c>, <c>cpu</c> or <c>cuda</c> (any case).</param>
    /// <returns>The choice.</returns>
    /// <exception cref="HarmonyException">Another value.</exception>
    public static DeviceChoice Parse(string text) => text?.ToUpperInvariant() switch
    {
        "AUTO" => DeviceChoice.Auto,
        "CPU" => DeviceChoice.Cpu,
        "CUDA" => DeviceChoice.Cuda,
        _ => throw new HarmonyException($"--device: expected auto, cpu or cuda, not '{text}'"),
    };

    /// <summary>Auto takes CUDA when a CUDA device exists, else the CPU SIMD path; cuda with no device is an error.</summary>
    internal static ComputeBackend Resolve(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => ComputeBackend.Simd,
        DeviceChoice.Cuda => ResolveCuda(),
        _ => GpuSession.CudaAvailable() ? ComputeBackend.Cuda : ComputeBackend.Simd,
    };

    private static ComputeBackend ResolveCuda()
    {
        GpuSession.ThrowIfNativeBuild("--device cuda");
        return GpuSession.CudaAvailable()
            ? ComputeBackend.Cuda
            : throw new HarmonyException("--device cuda: no CUDA device was found (no NVIDIA GPU, or no CUDA driver); use --device auto or cpu.");
    }

    /// <summary>A short name for messages and tables.</summary>
    internal static string Describe(ComputeBackend backend) => backend switch
    {
        ComputeBackend.Scalar => "cpu-scalar",
        ComputeBackend.Simd => "cpu-simd",
        ComputeBackend.IlgpuCpu => "ilgpu-cpu",
        _ => "cuda",
    };
}
