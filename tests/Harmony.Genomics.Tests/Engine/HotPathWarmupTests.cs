using Harmony.Genomics.Engine;

namespace Harmony.Genomics.Tests.Engine;

public sealed class HotPathWarmupTests
{
    [Fact]
    public void Prepare_FindsAndPreparesTheHotLoopsOfDecodingAndPivoting()
    {
        var prepared = HotPathWarmup.Prepare();

        // The loops a ReadyToRun build leaves to the JIT: if their attribute were lost they would silently run
        // precompiled code that measured a third slower on workload c.
        Assert.Contains("VcfRecordDecoder.Decode", prepared);
        Assert.Contains("VcfRecordDecoder.DecodeSamplesOnePass", prepared);
        Assert.Contains("VariantBatchBuilder.AppendCalls", prepared);
        Assert.Contains("GenotypeColumns.AppendDiploid", prepared);
        Assert.Contains("RecordPipeline.Read", prepared);
    }
}
