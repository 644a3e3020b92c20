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
    public void AdviseGarbageCollectedHeap_MarksTheMappingOfAFreshObject_OrSaysWhyNot()
    {
        var advice = HugePages.AdviseGarbageCollectedHeap();
        var setting = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")
            ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled")
            : string.Empty;
        if (!OperatingSystem.IsLinux() || setting.Contains("[never]", StringComparison.Ordinal) || setting.Length == 0
            || Environment.GetEnvironmentVariable("HARMONY_HUGE_PAGES") == "0")
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
            advice = attempt == 0 ? advice : HugePages.AdviseGarbageCollectedHeap();
            Assert.Null(advice.SkippedBecause);
            var fresh = new byte[1024];
            var address = HugePages.AddressOf(fresh);
            Assert.InRange(address, (long)advice.Start, (long)advice.End - 1);
            flags = VmFlagsAt(address);
            GC.KeepAlive(fresh);
        }

        Assert.Contains(" hg", flags, StringComparison.Ordinal);
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
