using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>Writing many patients keeps memory flat: nothing of the cohort is held beyond one batch.</summary>
[Collection(ProcessWideMeasurementCollection.Name)]
public sealed class SyntheticCohortStreamingTests
{
    [Fact]
    public void Memory_stays_flat_over_2000_patients()
    {
        long? early = null;
        long late = 0;
        void Measure(long done)
        {
            // Live heap after a full collection, once warmed up (KB, layout and JIT loaded) and at the end.
            if (done >= 200 && early is null)
            {
                early = GC.GetTotalMemory(forceFullCollection: true);
            }

            late = GC.GetTotalMemory(forceFullCollection: true);
        }

        using var cohort = new SynthCohortFixture(2000, 77, GenomeAssembly.GRCh38, CohortParameters.Default, threads: 2, progress: Measure);
        Assert.Equal(2000, cohort.Result.Patients);
        Assert.NotNull(early);
        var growth = late - early.Value;
        Assert.True(growth < 2 * 1024 * 1024, $"live heap grew by {growth} bytes between patient 200 and 2000");
    }
}
