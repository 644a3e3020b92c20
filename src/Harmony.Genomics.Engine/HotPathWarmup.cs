using System.Reflection;
using System.Runtime.CompilerServices;
using Harmony.Genomics.Compute.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Jits the ingest's hot loops, the methods marked <see cref="MethodImplOptions.AggressiveOptimization"/>, on a
/// background thread as soon as an ingest starts, while the caller opens the lake, hashes the input and reads its
/// header. A ReadyToRun build precompiles everything else but leaves those to the JIT so they get its best code;
/// jitted on first call they put about 0.1 s of work on one core at the start of every run, while the other core idled.
/// </summary>
internal static class HotPathWarmup
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => PrepareQuietly(), null);
        }
    }

    // On a pool thread an exception would end the process; only timing is at stake here, so none may escape. The tests
    // call Prepare itself, where a fault shows.
    private static void PrepareQuietly()
    {
        try
        {
            Prepare();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The loops are then jitted on first call, as without the warm-up.
        }
    }

    /// <summary>Prepares every hot method now and returns their names (tests check the list is not empty).</summary>
    internal static List<string> Prepare()
    {
        var prepared = new List<string>();
        Assembly[] assemblies = [typeof(DelimiterIndex).Assembly, typeof(VcfReader).Assembly, typeof(VcfSourceWriter).Assembly, typeof(HotPathWarmup).Assembly];
        const BindingFlags All = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            foreach (var method in type.GetMethods(All))
            {
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0 || method.IsAbstract || method.ContainsGenericParameters)
                {
                    continue;
                }

                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    prepared.Add(type.Name + "." + method.Name);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or TypeLoadException)
                {
                    // Only timing is at stake: a method the runtime will not prepare ahead is jitted on first call.
                }
            }
        }

        return prepared;
    }
}
