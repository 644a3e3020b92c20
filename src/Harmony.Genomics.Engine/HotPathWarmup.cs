using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Jits the ingest's hottest loops, the few methods marked <see cref="MethodImplOptions.AggressiveOptimization"/>, on a
/// background thread as soon as an ingest starts, while the caller opens the lake, hashes the input and reads its
/// header. A ReadyToRun build precompiles everything else; these are left to the JIT because its code for them is
/// faster on large files. Only the per-record and per-sample loops whose precompiled code measured slower keep the
/// mark: marking every loop of the decoder and the pivot (67 methods until 2026-11-30) put about 70 ms of jitting
/// before a small file's first record, and a tiny ingest took 0.15 s instead of 0.12 s (see docs/performance.md).
/// The line reader (Utf8VcfReader.Read) lost its mark too: with decoder workers it reads only the header and the lines
/// that cross a buffer segment, so jitting it (13-21 ms) only held back the header (a 0.83 -> 0.80 s, c 1.90 -> 1.85 s,
/// small files 10-20 ms less; one thread on c 2.99 -> 2.95 s, so its precompiled code is no slower there either).
/// </summary>
internal static class HotPathWarmup
{
    // The types whose marked loops every VCF ingest runs, found by name (the Lake ones are internal to it) so that no
    // other type of their assemblies is loaded. Left to their first call: DelimiterIndex (the general multi-sample
    // path only), BcfRecordRenderer and VcfRecordDecoder's BcfDecoding (BCF input only: warming them up cost a VCF
    // ingest of a small file about 8 ms). HotPathWarmupTests holds every marked method to this choice.
    internal static readonly string[] HotTypes =
    [
        typeof(VcfRecordDecoder).FullName!,
        "Harmony.Genomics.Lake.Tables.VariantBatchBuilder", "Harmony.Genomics.Lake.Tables.FieldColumns",
        "Harmony.Genomics.Lake.Tables.GenotypeColumns",
    ];

    private static int _started;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only runs where code is jitted; a native (trimmed, AOT) build has nothing to jit and returns first.")]
    public static void Start()
    {
        // A native build (publish profile "native") has every method compiled already.
        if (!RuntimeFeature.IsDynamicCodeCompiled)
        {
            return;
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => PrepareQuietly(), null);
        }
    }

    /// <summary>Prepares the hot methods now and returns their names (tests check which are found).</summary>
    [RequiresUnreferencedCode("Finds the hot types and their methods by reflection.")]
    internal static List<string> Prepare()
    {
        Assembly[] assemblies = [typeof(VcfReader).Assembly, typeof(VcfSourceWriter).Assembly, typeof(HotPathWarmup).Assembly];
        var prepared = new List<string>();
        foreach (var name in HotTypes)
        {
            var type = assemblies.Select(a => a.GetType(name)).FirstOrDefault(t => t is not null)
                ?? throw new InvalidOperationException($"hot type {name} not found");
            foreach (var method in MarkedMethods(type))
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                prepared.Add(type.Name + "." + method.Name);
            }
        }

        return prepared;
    }

    /// <summary>The methods of a type marked <see cref="MethodImplOptions.AggressiveOptimization"/> that can be prepared ahead.</summary>
    internal static IEnumerable<MethodInfo> MarkedMethods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type) =>
        type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0 && !m.IsAbstract && !m.ContainsGenericParameters);

    // On a pool thread an exception would end the process; only timing is at stake here, so none may escape. The tests
    // call Prepare itself, where a fault shows.
    [RequiresUnreferencedCode("Finds the hot types and their methods by reflection.")]
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
}
