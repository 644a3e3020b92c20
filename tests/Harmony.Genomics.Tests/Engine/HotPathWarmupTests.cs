using Harmony.Genomics.Compute.Text;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Tests.Engine;

public sealed class HotPathWarmupTests
{
    [Fact]
    public void Prepare_FindsAndPreparesTheHotLoopsOfDecodingAndPivoting()
    {
        var prepared = HotPathWarmup.Prepare();

        // The loops a ReadyToRun build leaves to the JIT: if their attribute were lost they would silently run
        // precompiled code, which measured 2-5% slower on workload c.
        Assert.Contains("VcfRecordDecoder.DecodeColumns", prepared);
        Assert.Contains("VcfRecordDecoder.DecodeInfo", prepared);
        Assert.Contains("VcfRecordDecoder.DecodeSamplesOnePass", prepared);
        Assert.Contains("VariantBatchBuilder.AppendVariant", prepared);
        Assert.Contains("GenotypeColumns.AppendDiploid", prepared);

        // The line reader's precompiled code measured no slower, and jitting it held back reading the header.
        Assert.DoesNotContain("Utf8VcfReader.Read", prepared);
    }

    [Fact]
    public void OnlyTheHottestLoops_AreLeftToTheJit()
    {
        // Every marked method is jitted before a small file's first record can be decoded: marking every loop again
        // would bring back about 70 ms of jitting into each small ingest (docs/performance.md).
        Assert.InRange(HotPathWarmup.Prepare().Count, 1, 16);
    }

    [Fact]
    public void EveryMarkedMethod_IsWarmedUpOrLeftOutOnPurpose()
    {
        // A method newly marked AggressiveOptimization in another type must be added to HotTypes or to this list.
        string[] leftOut = ["Harmony.Genomics.Compute.Text.DelimiterIndex", "Harmony.Genomics.Formats.Bcf.BcfRecordRenderer", "Harmony.Genomics.Formats.Vcf.VcfRecordDecoder+BcfDecoding"];
        var assemblies = new[] { typeof(DelimiterIndex).Assembly, typeof(VcfReader).Assembly, typeof(VcfSourceWriter).Assembly, typeof(HotPathWarmup).Assembly };
        var marked = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.GetMethods(System.Reflection.BindingFlags.DeclaredOnly | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Any(m => (m.MethodImplementationFlags & System.Reflection.MethodImplAttributes.AggressiveOptimization) != 0))
            .Select(t => t.FullName!)
            .ToHashSet();

        Assert.Empty(marked.Except(HotPathWarmup.HotTypes).Except(leftOut));
        Assert.Empty(HotPathWarmup.HotTypes.Except(marked));
    }
}
