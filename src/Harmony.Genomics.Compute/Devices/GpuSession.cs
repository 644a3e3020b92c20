using System.Runtime.CompilerServices;
using Harmony.Genomics.Core;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Harmony.Genomics.Compute.Devices;

/// <summary>
/// An ILGPU context and accelerator. CUDA is chosen explicitly (never ILGPU's preferred-device order, which can
/// rank an OpenCL device first and silently falls back to the CPU); the CPU accelerator only checks kernels.
/// </summary>
internal sealed class GpuSession : IDisposable
{
    private GpuSession(Context context, Accelerator accelerator)
    {
        Context = context;
        Accelerator = accelerator;
    }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public bool IsCuda => Accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>
    /// Whether a native build (publish profile <c>native</c>) is running: ILGPU compiles kernels from their IL at run
    /// time, which a native executable does not keep, so it has no GPU paths (<c>--device auto</c> takes the CPU).
    /// </summary>
    public static bool IsNativeBuild => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Whether a CUDA device can be opened on this machine (never in a native build).</summary>
    public static bool CudaAvailable()
    {
        if (IsNativeBuild)
        {
            return false;
        }

        try
        {
            using var context = Context.Create(b => b.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or NotSupportedException or TypeInitializationException)
        {
            return false;
        }
    }

    /// <summary>Opens the first CUDA device, or fails with a message that says why.</summary>
    public static GpuSession OpenCuda()
    {
        ThrowIfNativeBuild("--device cuda");
        Context? context = null;
        try
        {
            context = Context.Create(b => b.Cuda().CPU(CPUDevice.Default));
            if (context.GetCudaDevices().Count == 0)
            {
                throw new HarmonyException("--device cuda: no CUDA device was found (no NVIDIA GPU, or no CUDA driver); use --device auto or cpu.");
            }

            var accelerator = context.GetCudaDevice(0).CreateAccelerator(context);
            return new GpuSession(context, accelerator);
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or NotSupportedException or TypeInitializationException)
        {
            context?.Dispose();
            throw new HarmonyException($"--device cuda: the CUDA device could not be opened: {e.Message}", e);
        }
        catch
        {
            context?.Dispose();
            throw;
        }
    }

    /// <summary>Opens ILGPU's CPU accelerator (simulated GPU threads; slow, for tests).</summary>
    public static GpuSession OpenCpuSimulator()
    {
        ThrowIfNativeBuild("ILGPU's CPU accelerator");
        var context = Context.Create(b => b.CPU(CPUDevice.Default));
        return new GpuSession(context, context.CreateCPUAccelerator(0));
    }

    /// <summary>Fails, saying which build GPU work needs, when a native build is running.</summary>
    internal static void ThrowIfNativeBuild(string what)
    {
        if (IsNativeBuild)
        {
            throw new HarmonyException($"{what}: this harmony is a native build (publish profile 'native'), which cannot compile GPU kernels; on GPU nodes use the 'cluster' build (dotnet publish src/Harmony.Genomics.Cli -c Release -p:PublishProfile=cluster).");
        }
    }

    /// <summary>Opens the session a backend needs, or null for the CPU paths.</summary>
    public static GpuSession? Open(ComputeBackend backend) => backend switch
    {
        ComputeBackend.Cuda => OpenCuda(),
        ComputeBackend.IlgpuCpu => OpenCpuSimulator(),
        _ => null,
    };

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
