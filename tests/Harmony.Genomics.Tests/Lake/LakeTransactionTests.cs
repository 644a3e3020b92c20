using Harmony.Genomics.Engine;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

/// <summary>
/// A source's identity is scoped by cohort: the same bytes ingested into two cohorts are two sources (two patients who
/// share a raw id, or an empty fusion table, were skipped in the second cohort, losing its rows), while an entry recorded
/// before the scoping still counts for every cohort (src/Harmony.Genomics.Lake/LakeTransaction.cs).
/// </summary>
public sealed class LakeTransactionTests : IDisposable
{
    private readonly TempLake _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SourceIdentity_IsScopedByCohort_AndUnscopedEntriesStillCount()
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var scoped = TempLake.Sha("scoped content");
        var legacy = TempLake.Sha("legacy content");
        using (var tx = lake.BeginTransaction())
        {
            tx.AddSource(scoped, "a.vcf", "A");
            tx.AddSource(legacy, "old.vcf");
            tx.Commit();
        }

        using var next = lake.BeginTransaction();
        Assert.True(next.ContainsSource(scoped, "A"));
        Assert.False(next.ContainsSource(scoped, "B"));
        Assert.True(next.ContainsSource(legacy, "A"));
        Assert.True(next.ContainsSource(legacy, "B"));
        Assert.NotEqual(0, next.AddSource(scoped, "a.vcf", "B"));
        Assert.True(next.ContainsSource(scoped, "B"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReservedSource_IsRecordedOnceItsHashIsKnown_OrGivesItsNumberBackWhenHeld(bool appends)
    {
        var lake = LakeDirectory.Open(_temp.Path0);
        var held = TempLake.Sha("held content");
        using (var tx = lake.BeginTransaction())
        {
            tx.AddSource(held, "held.vcf", "A");
            tx.Commit();
        }

        using var next = appends ? lake.BeginAppend(TimeSpan.FromSeconds(30)) : lake.BeginTransaction();
        var first = next.ReserveSource();
        Assert.Equal(2, first);
        Assert.False(next.AddReservedSource(first, held, "copy.vcf", "A"));
        Assert.Throws<Harmony.Genomics.Core.HarmonyException>(() => next.SetRowCount(first, "variants", 1));

        // The number given back is the next one taken; a new content is recorded under it.
        var second = next.ReserveSource();
        Assert.Equal(first, second);
        var fresh = TempLake.Sha("fresh content");
        Assert.True(next.AddReservedSource(second, fresh, "fresh.vcf", "A"));
        Assert.True(next.ContainsSource(fresh, "A"));
        Assert.Throws<InvalidOperationException>(() => next.AddReservedSource(second, TempLake.Sha("other"), "other.vcf", "A"));
        Assert.Throws<InvalidOperationException>(() => next.AddReservedSource(second + 5, TempLake.Sha("other"), "other.vcf", "A"));

        // Held in the same run now: a third reservation of the same content is refused too.
        var third = next.ReserveSource();
        Assert.Equal(second + 1, third);
        Assert.False(next.AddReservedSource(third, fresh, "again.vcf", "A"));

        // Given back without a hash, by a caller that knows the content is held: taken again by the next source.
        var fourth = next.ReserveSource();
        Assert.Equal(third, fourth);
        next.GiveBackSource(fourth);
        Assert.Equal(fourth, next.ReserveSource());
        Assert.Throws<InvalidOperationException>(() => next.GiveBackSource(second));
        Assert.Throws<InvalidOperationException>(() => next.GiveBackSource(fourth + 1));
    }

    [Fact]
    public void SameVcf_IntoTwoCohorts_IsIngestedInBoth()
    {
        var vcf = TestPaths.TestData("demo/somatic-tumour.vcf");
        IngestJob.Run([vcf], new IngestOptions { LakePath = _temp.Path0, KeepSampleIds = true, Cohort = "A" });
        var second = IngestJob.Run([vcf], new IngestOptions { LakePath = _temp.Path0, KeepSampleIds = true, Cohort = "B" });

        Assert.False(second.Sources[0].Skipped);
        var counts = LakeReader.Query($"select cohort, count(*) from {LakeDump.Table(_temp.Path0, "variants")} group by cohort order by cohort");
        Assert.Equal(2, counts.Count);
        Assert.Equal(counts[0].Split('\t')[1], counts[1].Split('\t')[1]);

        // Into cohort A again: skipped, as before.
        Assert.True(IngestJob.Run([vcf], new IngestOptions { LakePath = _temp.Path0, KeepSampleIds = true, Cohort = "A" }).Sources[0].Skipped);
    }
}
