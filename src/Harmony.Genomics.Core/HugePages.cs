using System.Globalization;
using System.Runtime.InteropServices;

namespace Harmony.Genomics.Core;

/// <summary>
/// Lets Linux back the first part of the garbage-collected heap with transparent huge pages (2 MiB) where the kernel
/// allows them (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> set to <c>madvise</c>, Debian's default, or
/// <c>always</c>). An ingest touches tens of MiB for the first time (column buffers, Parquet pages, inflated blocks, all
/// arrays of the heap), and each first touch of a 4 KiB page is a fault: about 11 microseconds on the virtual machines
/// this project runs on, 12,000-15,000 faults and a sixth of the CPU on workloads a and c. One fault per 2 MiB costs
/// about a twenty-fifth of the 512 it replaces (issue #3).
/// </summary>
/// <remarks>
/// Advising the heap's address range is not enough by itself: the collector commits its reservation 64 KiB at a time
/// (<c>mprotect</c>, then <c>madvise(MADV_DODUMP)</c>), so when a region is first touched its mapping is 64 KiB long and
/// the kernel cannot place a 2 MiB page there. So the first <see cref="WindowMiB"/> MiB of the reservation are
/// also made readable and writable and marked for core dumps up front: the collector's own commits there change nothing,
/// and its regions are touched inside one long mapping. Nothing is touched here, so no memory is used until the
/// collector uses it; the cost is that each 2 MiB page the heap touches is resident whole (peak RSS of an ingest of
/// workload a 72 -> 98 MiB). Commit accounting counts the window as committed; where the kernel refuses that (strict
/// overcommit), the window is left as it was.
/// <para>
/// Not on a virtual machine whose kernel reports free memory to the hypervisor (a virtio balloon with free page
/// reporting, as on this project's Firecracker VMs): the kernel reports free 2 MiB blocks, which the host then takes
/// back, so a huge page is nearly always such a block and the host must supply it afresh on first touch. Touching
/// 64 MiB cost 120-180 ms in huge pages a few seconds after the last use of that memory (3 ms right after it) against
/// about 30 ms in 4 KiB pages either way; an ingest run a few seconds after the one before, as users and the benchmark
/// script run them, took workload a 0.35 s with huge pages against 0.27 s without, c 0.56 against 0.47 s (medians of
/// 5, native build, 3 s apart; back to back, a 0.21 against 0.23 s and c 0.48 both). <c>HARMONY_HUGE_PAGES=1</c> prepares
/// the heap there too.
/// </para>
/// </remarks>
public static partial class HugePages
{
    /// <summary>The part of the heap's reservation, from its start, that is prepared for huge pages.</summary>
    public const int WindowMiB = 512;

    internal const int ReadWrite = 3; // PROT_READ | PROT_WRITE
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, linux/mman.h
    internal const int MadviseDoDump = 17; // MADV_DODUMP
    private const int NoMemory = 12; // ENOMEM from madvise: the range held unmapped gaps, the mapped parts were advised
    private const long TwoMiB = 2 << 20;
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";
    private const string VirtioDevices = "/sys/bus/virtio/devices";
    private const string VirtioBalloon = "0x0005"; // VIRTIO_ID_BALLOON, linux/virtio_ids.h
    private const int BalloonReportsFreePages = 5; // VIRTIO_BALLOON_F_REPORTING, linux/virtio_balloon.h

    /// <summary>
    /// Prepares the start of the garbage collector's reservation for huge pages; a command-line program calls it first
    /// thing in <c>Main</c>, before its heap grows. Does nothing off Linux, when the kernel's setting is <c>never</c>, when
    /// the kernel reports free pages to a hypervisor (unless the environment sets <c>HARMONY_HUGE_PAGES=1</c>), or when
    /// the environment sets <c>HARMONY_HUGE_PAGES=0</c>. Under <c>always</c> the advice is redundant but the window
    /// is still needed: 64 KiB mappings get no huge pages under any setting.
    /// </summary>
    /// <returns>The address range prepared, or an empty range and the reason nothing was done.</returns>
    public static HugePageAdvice AdviseGarbageCollectedHeap() =>
        AdviseGarbageCollectedHeap(Environment.GetEnvironmentVariable("HARMONY_HUGE_PAGES"), VirtioDevices);

    /// <param name="choice">HARMONY_HUGE_PAGES: "0" never, "1" also where free pages are reported, otherwise by the machine.</param>
    /// <param name="virtioDevices">Where the kernel lists virtio devices (tests give a folder of their own).</param>
    internal static HugePageAdvice AdviseGarbageCollectedHeap(string? choice, string virtioDevices)
    {
        if (!OperatingSystem.IsLinux())
        {
            return HugePageAdvice.Skipped("not Linux");
        }

        if (choice == "0")
        {
            return HugePageAdvice.Skipped("HARMONY_HUGE_PAGES=0");
        }

        if (choice != "1" && FreePageReportingBalloon(virtioDevices) is { } balloon)
        {
            return HugePageAdvice.Skipped($"the kernel reports free pages to the hypervisor ({virtioDevices}/{balloon}), which makes each huge page cost more than the small pages it replaces; HARMONY_HUGE_PAGES=1 prepares the heap anyway");
        }

        string setting;
        try
        {
            setting = File.ReadAllText(Setting).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HugePageAdvice.Skipped($"{Setting} is unreadable");
        }

        if (!setting.Contains("[madvise]", StringComparison.Ordinal) && !setting.Contains("[always]", StringComparison.Ordinal))
        {
            return HugePageAdvice.Skipped($"transparent huge pages are set to '{setting}'");
        }

        var probe = new byte[64];
        var maps = ReadMaps();
        var heap = HeapMappings(maps, AddressOf(probe));
        GC.KeepAlive(probe);
        if (heap.Count == 0)
        {
            return HugePageAdvice.Skipped("the heap's mappings were not found in /proc/self/maps");
        }

        var (start, end) = (heap[0].Start, heap[^1].End);
        if (Madvise((nint)start, (nuint)(end - start), MadviseHugePage) != 0 && Marshal.GetLastPInvokeError() != NoMemory)
        {
            return HugePageAdvice.Skipped($"madvise(MADV_HUGEPAGE) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        var opened = 0L;
        foreach (var (from, to) in Window(heap, (long)WindowMiB << 20))
        {
            // Readable and writable first, then marked as the collector marks what it commits: one mapping, not many.
            if (Mprotect((nint)from, (nuint)(to - from), ReadWrite) != 0)
            {
                break;
            }

            Madvise((nint)from, (nuint)(to - from), MadviseDoDump);
            opened += to - from;
        }

        return new HugePageAdvice((nint)start, (nint)end, opened, null);
    }

    /// <summary>
    /// The virtio device under <paramref name="devices"/> (sysfs: one folder per device, its <c>device</c> file the
    /// device type, its <c>features</c> file one character per negotiated feature bit) that is a memory balloon reporting
    /// free pages to the host, or null when there is none.
    /// </summary>
    internal static string? FreePageReportingBalloon(string devices)
    {
        try
        {
            foreach (var device in Directory.EnumerateDirectories(devices).Order(StringComparer.Ordinal))
            {
                var type = Path.Combine(device, "device");
                var features = Path.Combine(device, "features");
                if (File.Exists(type) && File.Exists(features) && File.ReadAllText(type).Trim() == VirtioBalloon
                    && File.ReadAllText(features).Trim() is { Length: > BalloonReportsFreePages } bits && bits[BalloonReportsFreePages] == '1')
                {
                    return Path.GetFileName(device);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No virtio devices (bare metal, another hypervisor) or none readable: nothing known to report free pages.
        }

        return null;
    }

    /// <summary>This process's mappings, from <c>/proc/self/maps</c>.</summary>
    internal static List<Mapping> ReadMaps() => File.ReadAllLines("/proc/self/maps").Select(Mapping.Parse).OfType<Mapping>().ToList();

    /// <summary>
    /// The anonymous mappings around <paramref name="address"/> (an object on the heap) that follow one another with gaps
    /// under 1 MiB, in address order: the collector's reservation, split into several mappings by protection.
    /// </summary>
    internal static List<Mapping> HeapMappings(IReadOnlyList<Mapping> maps, long address)
    {
        const long Gap = 1 << 20;
        var anonymous = maps.Where(m => m.Anonymous).OrderBy(m => m.Start).ToList();
        var at = anonymous.FindIndex(m => m.Start <= address && address < m.End);
        if (at < 0)
        {
            return [];
        }

        var (first, last) = (at, at);
        while (first > 0 && anonymous[first].Start - anonymous[first - 1].End < Gap)
        {
            first--;
        }

        while (last < anonymous.Count - 1 && anonymous[last + 1].Start - anonymous[last].End < Gap)
        {
            last++;
        }

        return anonymous.GetRange(first, last - first + 1);
    }

    /// <summary>
    /// The inaccessible (reserved, not committed) parts of <paramref name="heap"/> within <paramref name="window"/> bytes
    /// of its start that are to be opened. Mappings under 2 MiB are left alone: no huge page fits them, and a guard page
    /// (a thread stack's) is one such.
    /// </summary>
    internal static IEnumerable<(long From, long To)> Window(IReadOnlyList<Mapping> heap, long window)
    {
        if (heap.Count == 0)
        {
            yield break;
        }

        var limit = heap[0].Start + window;
        foreach (var m in heap)
        {
            var to = Math.Min(m.End, limit);
            if (!m.Accessible && to - m.Start >= TwoMiB)
            {
                yield return (m.Start, to);
            }
        }
    }

    /// <summary>Where the array's elements lie now (the collector may move it later).</summary>
    internal static unsafe long AddressOf(byte[] array)
    {
        fixed (byte* p = array)
        {
            return (long)p;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    internal static partial int Mprotect(nint address, nuint length, int protection);

    /// <summary>One line of <c>/proc/PID/maps</c>.</summary>
    internal readonly record struct Mapping(long Start, long End, bool Accessible, bool Anonymous)
    {
        /// <summary>Reads <c>start-end perms offset dev inode [path]</c>; null for a line of another shape.</summary>
        public static Mapping? Parse(string line)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = fields.Length >= 5 ? fields[0].IndexOf('-', StringComparison.Ordinal) : -1;
            if (dash < 0
                || !long.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                return null;
            }

            // Anonymous: inode 0 and no path, or a name given to anonymous memory ([anon:...]); not [stack], [vdso] ...
            var path = fields.Length > 5 ? fields[5].Trim() : string.Empty;
            var anonymous = fields[4] == "0" && (path.Length == 0 || path.StartsWith("[anon:", StringComparison.Ordinal));
            return new Mapping(start, end, !fields[1].StartsWith("---", StringComparison.Ordinal), anonymous);
        }
    }
}

/// <summary>What <see cref="HugePages.AdviseGarbageCollectedHeap()"/> did.</summary>
/// <param name="Start">The first address advised (0 when skipped).</param>
/// <param name="End">The end of the range advised.</param>
/// <param name="OpenedBytes">How much of the reservation was made accessible up front.</param>
/// <param name="SkippedBecause">Why nothing was done, or null.</param>
public readonly record struct HugePageAdvice(nint Start, nint End, long OpenedBytes, string? SkippedBecause)
{
    internal static HugePageAdvice Skipped(string reason) => new(0, 0, 0, reason);
}
