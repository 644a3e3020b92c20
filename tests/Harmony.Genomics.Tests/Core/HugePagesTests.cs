using Harmony.Genomics.Core;
using Mapping = Harmony.Genomics.Core.HugePages.Mapping;

namespace Harmony.Genomics.Tests.Core;

public sealed class HugePagesTests
{
    // A reservation as /proc/self/maps shows it: bookkeeping, committed regions, the rest of the reserve, a thread stack.
    private static readonly string[] Maps =
    [
        "55d0c0000000-55d0c0700000 r-xp 00000000 08:01 1234 /opt/harmony/harmony",
        "7f0000000000-7f0001000000 rw-p 00000000 00:00 0 ",
        "7f0010000000-7f0011000000 ---p 00000000 00:00 0 ",
        "7f0011000000-7f0011400000 rw-p 00000000 00:00 0 ",
        "7f0011400000-7f0011410000 rw-p 00000000 00:00 0 [anon:regions]",
        "7f0011420000-7f0031420000 ---p 00000000 00:00 0 ",
        "7f0031420000-7f0031421000 ---p 00000000 00:00 0 ",
        "7f0031421000-7f0031c21000 rw-p 00000000 00:00 0 ",
        "7f0040000000-7f0040200000 rw-p 00000000 08:01 99 /tmp/mapped.bin",
        "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]",
    ];

    private static List<Mapping> Parsed() => Maps.Select(Mapping.Parse).OfType<Mapping>().ToList();

    [Fact]
    public void Parse_ReadsRangeProtectionAndWhetherAnonymous()
    {
        Assert.Equal(new Mapping(0x55d0c0000000, 0x55d0c0700000, true, false), Mapping.Parse(Maps[0]));
        Assert.Equal(new Mapping(0x7f0010000000, 0x7f0011000000, false, true), Mapping.Parse(Maps[2]));
        Assert.Equal(new Mapping(0x7f0011400000, 0x7f0011410000, true, true), Mapping.Parse(Maps[4]));
        Assert.False(Mapping.Parse(Maps[^1])!.Value.Anonymous);
        Assert.Null(Mapping.Parse("not a maps line"));
    }

    [Fact]
    public void HeapMappings_AreTheAnonymousNeighboursOfTheObjectWithGapsUnderOneMiB()
    {
        var heap = HugePages.HeapMappings(Parsed(), 0x7f0011000100);

        // From the bookkeeping mapping (a 240 MiB gap before it ends the walk down) to the thread stack that follows
        // the reserve without a gap; the file mapping and [stack] are not anonymous memory.
        Assert.Equal(0x7f0010000000, heap[0].Start);
        Assert.Equal(0x7f0031c21000, heap[^1].End);
        Assert.Equal(6, heap.Count);
        Assert.Empty(HugePages.HeapMappings(Parsed(), 0x55d0c0000100));
        Assert.Empty(HugePages.HeapMappings(Parsed(), 0x10));
    }

    [Fact]
    public void Window_OpensReservedMappingsOfTwoMiBOrMoreWithinTheWindow_NeverAGuardPage()
    {
        var heap = HugePages.HeapMappings(Parsed(), 0x7f0011000100);

        // 512 MiB from the heap's start: the bookkeeping (16 MiB) whole, the reserve up to the window's end.
        Assert.Equal(
            new[] { (0x7f0010000000L, 0x7f0011000000L), (0x7f0011420000L, 0x7f0030000000L) },
            HugePages.Window(heap, 512L << 20).ToList());

        // A wide window reaches the stack's 4 KiB guard page, which stays closed.
        var wide = HugePages.Window(heap, 1L << 40).ToList();
        Assert.Equal((0x7f0011420000L, 0x7f0031420000L), wide[^1]);
        Assert.DoesNotContain(wide, w => w.From == 0x7f0031420000);
        Assert.Empty(HugePages.Window([], 1L << 30));
    }

    [Fact]
    public void FreePageReportingBalloon_IsTheBalloonDeviceWithFeatureBitFive()
    {
        var devices = Directory.CreateTempSubdirectory("harmony-virtio-").FullName;
        try
        {
            Assert.Null(HugePages.FreePageReportingBalloon(Path.Combine(devices, "absent")));
            Assert.Null(HugePages.FreePageReportingBalloon(devices));

            // A block device with bit 5 set, and a balloon without it (bits 1 and 2: statistics, deflate on OOM).
            Device(devices, "virtio0", "0x0002", "0010011001100100000000000000010010000000");
            Device(devices, "virtio1", "0x0005", "0110000000000000000000000000000010000000");
            Directory.CreateDirectory(Path.Combine(devices, "virtio2"));
            Assert.Null(HugePages.FreePageReportingBalloon(devices));

            // As this project's Firecracker VMs show it: statistics, deflate on OOM and free page reporting.
            Device(devices, "virtio3", "0x0005", "0110010100000000000000000000000010000000");
            Assert.Equal("virtio3", HugePages.FreePageReportingBalloon(devices));

            var advice = HugePages.AdviseGarbageCollectedHeap(null, devices);
            if (OperatingSystem.IsLinux())
            {
                Assert.Contains("reports free pages", advice.SkippedBecause, StringComparison.Ordinal);
                Assert.Equal(0, advice.Start);
            }
        }
        finally
        {
            Directory.Delete(devices, recursive: true);
        }
    }

    [Fact]
    public void AdviseGarbageCollectedHeap_SkippedWhenTurnedOff()
    {
        Assert.NotNull(HugePages.AdviseGarbageCollectedHeap("0", "/sys/bus/virtio/devices").SkippedBecause);
    }

    [Fact]
    public void AdviseGarbageCollectedHeap_MarksTheMappingOfAFreshObject_OrSaysWhyNot()
    {
        // "1": also on a VM whose balloon reports free pages (this project's), where harmony skips it by default.
        var advice = HugePages.AdviseGarbageCollectedHeap("1", "/sys/bus/virtio/devices");
        var setting = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")
            ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled")
            : string.Empty;
        if (!OperatingSystem.IsLinux() || setting.Contains("[never]", StringComparison.Ordinal) || setting.Length == 0)
        {
            Assert.NotNull(advice.SkippedBecause);
            return;
        }

        // The kernel's own record of the mapping that holds a fresh object: flagged for huge pages ("hg"). Other test
        // classes run on other threads meanwhile, and a collection of theirs may decommit a region, which the collector
        // does by mapping the range afresh, and that mapping has lost the advice (a clean-clone run once saw
        // "VmFlags: mr mw me dd"). harmony advises first thing in Main, before any collection; here a fresh advice is
        // followed at once by a fresh object, a few times over, and one of them must be flagged.
        var flags = string.Empty;
        for (var attempt = 0; attempt < 5 && !flags.Contains(" hg", StringComparison.Ordinal); attempt++)
        {
            advice = attempt == 0 ? advice : HugePages.AdviseGarbageCollectedHeap("1", "/sys/bus/virtio/devices");
            Assert.Null(advice.SkippedBecause);
            var fresh = new byte[1024];
            var address = HugePages.AddressOf(fresh);
            Assert.InRange(address, (long)advice.Start, (long)advice.End - 1);
            flags = VmFlagsAt(address);
            GC.KeepAlive(fresh);
        }

        Assert.Contains(" hg", flags, StringComparison.Ordinal);
    }

    private static void Device(string devices, string name, string type, string features)
    {
        var folder = Directory.CreateDirectory(Path.Combine(devices, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "device"), type + "\n");
        File.WriteAllText(Path.Combine(folder, "features"), features + "\n");
    }

    private static string VmFlagsAt(long address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (Mapping.Parse(line) is { } m)
            {
                inside = m.Start <= address && address < m.End;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return string.Empty;
    }
}
