namespace Harmony.Genomics.Core;

/// <summary>
/// Faults in, ahead of use and on a thread of its own, the part of the garbage-collected heap that a large job is about
/// to fill: one <c>madvise(MADV_POPULATE_WRITE)</c> over it instead of one page fault per 4 KiB page as the job first
/// touches each (Linux 5.14 and later; elsewhere nothing is done).
/// </summary>
/// <remarks>
/// An ingest of a few MiB of compressed VCF touches 40-60 MiB of heap for the first time: its pools of records, block and
/// column buffers, Parquet pages. On the virtual machines this project runs on a first touch costs about 10
/// microseconds a page (the hypervisor supplies the page), 9,000-10,000 faults and about a sixth of the CPU of
/// workload a of benchmarks/e2e.sh; populating the same pages in one call costs under a microsecond each. The call runs
/// while the main thread is still starting the job (command line, lake, header), on the core that is idle then.
/// <para>
/// The collector hands out its young regions upwards from where the first objects lie, so the range starts at the region
/// (4 MiB) holding a fresh object; the two regions below it, where the collector starts its older generations and the
/// first collections compact to, are populated after it when they are the heap's (a's faults 4,400 -> 2,500, c's 3,500
/// -> 1,600). The parts of the range it has only reserved are made readable and writable first, as
/// <see cref="HugePages"/> does for its window: the collector's own commits there change nothing. Pages populated and
/// never used stay resident (peak RSS of workload a 56 -> 82 MiB with 48 MiB populated), so the size is chosen by the
/// caller from the input's size, and small inputs populate nothing.
/// </para>
/// </remarks>
public static class HeapPrefault
{
    /// <summary>The most that <see cref="ForInput"/> asks for: what the largest workloads of benchmarks/e2e.sh fill.</summary>
    public const long MaxBytes = 48L << 20;

    private const long RegionBytes = 4L << 20;
    private const long OlderRegionsBytes = 2 * RegionBytes;
    private const int MadvisePopulateWrite = 23; // MADV_POPULATE_WRITE, linux/mman.h (Linux 5.14)

    /// <summary>
    /// How much heap to fault in for inputs of <paramref name="inputBytes"/> bytes in all (as stored: compressed or not):
    /// ten times their size, at most <see cref="MaxBytes"/>, nothing under 1 MiB (a small file's ingest fills little more
    /// than the runtime's first regions). <paramref name="setting"/> (HARMONY_PREFAULT_MIB) overrides it: a number of MiB,
    /// 0 for none.
    /// </summary>
    public static long ForInput(long inputBytes, string? setting)
    {
        if (setting is not null && long.TryParse(setting, out var mib) && mib >= 0)
        {
            return Math.Min(mib, 1L << 20) << 20;
        }

        return inputBytes < (1L << 20) ? 0 : Math.Min(MaxBytes, inputBytes * 10);
    }

    /// <summary>
    /// Starts faulting in <paramref name="bytes"/> of heap on a background thread and returns at once; nothing when
    /// <paramref name="bytes"/> is 0 or the system is not Linux.
    /// </summary>
    public static void Start(long bytes)
    {
        if (bytes <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        var start = RegionOf(new byte[64]);
        var thread = new Thread(() =>
        {
            try
            {
                var maps = HugePages.ReadMaps();
                Populate(maps, start, bytes);

                // Then the two regions below, where the collector starts its older generations (the first collections
                // compact into them): only when they are the heap's too and wholly open to populating.
                Populate(maps, start - OlderRegionsBytes, OlderRegionsBytes, whole: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // /proc/self/maps unreadable (a sandbox): the job faults its pages in as it goes.
            }
        })
        { IsBackground = true, Name = "heap-prefault" };
        thread.Start();
    }

    /// <summary>
    /// Opens the reserved parts of [<paramref name="start"/>, + <paramref name="bytes"/>) of the heap's mappings (among
    /// <paramref name="maps"/>, the process's) and faults the range in; returns the bytes populated (0 when the kernel refused, as before Linux 5.14, or, with
    /// <paramref name="whole"/>, when the heap's mappings do not cover the whole range openly).
    /// </summary>
    internal static long Populate(IReadOnlyList<HugePages.Mapping> maps, long start, long bytes, bool whole = false)
    {
        var (open, end) = Plan(HugePages.HeapMappings(maps, start), start, bytes);
        if (whole && end != start + bytes)
        {
            return 0;
        }

        foreach (var (from, to) in open)
        {
            if (HugePages.Mprotect((nint)from, (nuint)(to - from), HugePages.ReadWrite) != 0)
            {
                end = from;
                break;
            }

            HugePages.Madvise((nint)from, (nuint)(to - from), HugePages.MadviseDoDump);
        }

        return end > start && HugePages.Madvise((nint)start, (nuint)(end - start), MadvisePopulateWrite) == 0 ? end - start : 0;
    }

    /// <summary>
    /// Of [<paramref name="start"/>, + <paramref name="bytes"/>): the reserved parts of <paramref name="heap"/> to open,
    /// and where the range to populate ends: at the end of the heap's mappings, or at the first inaccessible mapping under
    /// 2 MiB (not the collector's: a thread stack's guard page, next to a heap given a hard limit).
    /// </summary>
    internal static (List<(long From, long To)> Open, long End) Plan(IReadOnlyList<HugePages.Mapping> heap, long start, long bytes)
    {
        var open = new List<(long From, long To)>();
        if (heap.Count == 0 || start < heap[0].Start)
        {
            return (open, start);
        }

        var end = Math.Min(start + bytes, heap[^1].End);
        foreach (var mapping in heap)
        {
            var (from, to) = (Math.Max(mapping.Start, start), Math.Min(mapping.End, end));
            if (mapping.Accessible || from >= to)
            {
                continue;
            }

            if (mapping.End - mapping.Start < (2L << 20))
            {
                end = from;
                break;
            }

            open.Add((from, to));
        }

        return (open, end);
    }

    /// <summary>The start of the collector's region (4 MiB, aligned) that holds the array now.</summary>
    internal static long RegionOf(byte[] array) => HugePages.AddressOf(array) & ~(RegionBytes - 1);
}
