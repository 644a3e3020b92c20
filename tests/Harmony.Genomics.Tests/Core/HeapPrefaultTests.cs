using System.Runtime.InteropServices;
using Harmony.Genomics.Core;
using Mapping = Harmony.Genomics.Core.HugePages.Mapping;

namespace Harmony.Genomics.Tests.Core;

public sealed partial class HeapPrefaultTests
{
    private const long MiB = 1L << 20;

    [Theory]
    [InlineData(0L, null, 0L)]
    [InlineData(1_000_000L, null, 0L)]
    [InlineData(4L * MiB, null, 40L * MiB)]
    [InlineData(18L * MiB, null, HeapPrefault.MaxBytes)]
    [InlineData(145L * MiB, null, HeapPrefault.MaxBytes)]
    [InlineData(145L * MiB, "0", 0L)]
    [InlineData(10L, "16", 16L * MiB)]
    [InlineData(4L * MiB, "many", 40L * MiB)]
    [InlineData(4L * MiB, "-3", 40L * MiB)]
    public void ForInput_IsTenTimesTheInputUpToTheMost_OrTheSetting(long inputBytes, string? setting, long expected) =>
        Assert.Equal(expected, HeapPrefault.ForInput(inputBytes, setting));

    [Fact]
    public void Plan_OpensTheReservedPartsInRange_AndStopsAtASmallInaccessibleMapping()
    {
        // Committed regions with reserved parts between them, then a thread stack's guard page and stack above.
        Mapping[] heap =
        [
            new(0x7f0010000000, 0x7f0010800000, true, true),
            new(0x7f0010800000, 0x7f0011000000, false, true),
            new(0x7f0011000000, 0x7f0011400000, true, true),
            new(0x7f0011400000, 0x7f0012000000, false, true),
            new(0x7f0012000000, 0x7f0012001000, false, true),
            new(0x7f0012001000, 0x7f0012801000, true, true),
        ];

        // From inside the first region, 32 MiB: every reserved part up to the guard page, where the range ends.
        var (open, end) = HeapPrefault.Plan(heap, 0x7f0010400000, 32 * MiB);
        Assert.Equal([(0x7f0010800000, 0x7f0011000000), (0x7f0011400000, 0x7f0012000000)], open);
        Assert.Equal(0x7f0012000000, end);

        // 8 MiB: the range ends within the first reserved part, which is opened only that far.
        (open, end) = HeapPrefault.Plan(heap, 0x7f0010400000, 8 * MiB);
        Assert.Equal([(0x7f0010800000, 0x7f0010c00000)], open);
        Assert.Equal(0x7f0010c00000, end);

        // Nothing below the heap's first mapping.
        (open, end) = HeapPrefault.Plan(heap, 0x7f0000000000, 8 * MiB);
        Assert.Empty(open);
        Assert.Equal(0x7f0000000000, end);
    }

    [Fact]
    public void Populate_MakesTheHeapAfterAnObjectResident_AndLeavesObjectsAsTheyWere()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var kept = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        var start = HeapPrefault.RegionOf(new byte[64]);
        var populated = HeapPrefault.Populate(HugePages.ReadMaps(), start, 8 * MiB);

        // 0 only where the kernel has no MADV_POPULATE_WRITE (before 5.14); then the range is left as it was.
        if (populated > 0)
        {
            var pages = (int)(populated / Environment.SystemPageSize);
            var resident = new byte[pages];
            Assert.Equal(0, Mincore((nint)start, (nuint)populated, resident));
            Assert.All(resident, r => Assert.Equal(1, r & 1));
        }
        else
        {
            Assert.True(Environment.OSVersion.Version < new Version(5, 14), $"nothing populated on Linux {Environment.OSVersion.Version}");
        }

        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)), kept);
    }

    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static partial int Mincore(nint address, nuint length, [Out] byte[] vector);
}
