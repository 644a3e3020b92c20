using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Selection;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary>Parsing region lists and files as bcftools does.</summary>
public sealed class RegionSetTests
{
    [Fact]
    public void Parse_PositionRangeOpenEndAndWholeChromosome()
    {
        var set = RegionSet.Parse("1:100,1:200-300,2:50-,X", allowExclude: false);
        Assert.Equal(["1", "2", "X"], set.Chromosomes);
        Assert.True(set.Overlaps("1", 100, 100));
        Assert.False(set.Overlaps("1", 101, 199));
        Assert.True(set.Overlaps("1", 150, 250));
        Assert.True(set.Overlaps("2", 1_000_000_000, 1_000_000_000));
        Assert.False(set.Overlaps("2", 1, 49));
        Assert.True(set.Overlaps("X", 1, 1));
        Assert.False(set.Overlaps("3", 1, 1));
        Assert.False(set.Exclude);
    }

    [Fact]
    public void Parse_MergesOverlaps_AndCaretOnlyWhenAllowed()
    {
        var set = RegionSet.Parse("^1:10-20,1:15-30,1:40-50", allowExclude: true);
        Assert.True(set.Exclude);
        Assert.Equal([(10L, 30L), (40L, 50L)], set.For("1"));
        Assert.Throws<HarmonyException>(() => RegionSet.Parse("1:20-10", allowExclude: false));
        Assert.Throws<HarmonyException>(() => RegionSet.Parse("1:x-10", allowExclude: false));
        Assert.Contains("found ''", Assert.Throws<HarmonyException>(() => RegionSet.Parse("", allowExclude: false)).Message, StringComparison.Ordinal);
        Assert.Throws<HarmonyException>(() => RegionSet.Parse("^,", allowExclude: true));
    }

    [Fact]
    public void Load_BedIsZeroBasedHalfOpen_OtherFilesOneBased()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var bed = Path.Combine(dir, "r.bed");
            File.WriteAllText(bed, "track name=x\n1\t99\t100\n");
            var tsv = Path.Combine(dir, "r.txt");
            File.WriteAllText(tsv, "#c\tb\te\n1\t99\t100\n2\t7\n");
            Assert.Equal([(100L, 100L)], RegionSet.Load(bed, allowExclude: false).For("1"));
            var plain = RegionSet.Load(tsv, allowExclude: false);
            Assert.Equal([(99L, 100L)], plain.For("1"));
            Assert.Equal([(7L, 7L)], plain.For("2"));
            var e = Assert.Throws<HarmonyException>(() => RegionSet.Load(Path.Combine(dir, "missing.bed"), allowExclude: false));
            Assert.Contains("missing.bed", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
