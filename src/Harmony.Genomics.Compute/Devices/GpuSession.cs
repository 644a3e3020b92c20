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

    /// <summary>Whether a CUDA device can be opened on this machine.</summary>
    public static bool CudaAvailable()
    {
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
        var context = Context.Create(b => b.CPU(CPUDevice.Default));
        return new GpuSession(context, context.CreateCPUAccelerator(0));
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
