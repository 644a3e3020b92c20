using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Bcf;

/// <summary>Damaged BCF is refused with a format error, never a crash; BCF on standard input works.</summary>
public sealed class BcfCorruptionTests
{
    [RequiresToolFact("bcftools")]
    public void TruncatedOrFlippedBcf_OnlyEverRaisesFormatErrors()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var bcf = BcfFixtures.MakeBcf(TestPaths.TestData("conformance/bcftools-test/view.GT.vcf"), dir, compressed: false)!;
            var bytes = File.ReadAllBytes(bcf);
            var random = new Random(3);
            for (var trial = 0; trial < 300; trial++)
            {
                var damaged = (byte[])bytes.Clone();
                if (trial % 2 == 0)
                {
                    damaged = damaged[..random.Next(1, damaged.Length)];
                }
                else
                {
                    for (var k = 0; k < 4; k++)
                    {
                        damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                    }
                }

                try
                {
                    using var reader = VcfReader.Open(new MemoryStream(damaged), "damaged.bcf", new VcfReaderOptions { Threads = 1 });
                    var record = new VcfRecord();
                    while (reader.Read(record))
                    {
                    }
                }
                catch (HarmonyException)
                {
                    // Refused with a message: the expected outcome for most damage.
                }
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void BcfOnStandardInput_IsIngested()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = TestPaths.TestData("conformance/bcftools-test/view.GT.vcf");
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: true)!;
            var lake = Path.Combine(dir, "lake");
            var result = IngestJob.Run(["-"], new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 1, OpenStandardInput = () => File.OpenRead(bcf) });
            Assert.False(result.Sources[0].Skipped);
            var expected = BcftoolsOracle.Query(vcf);
            Assert.Equal(expected.Sites, LakeReader.ReadSites(lake));
            Assert.Equal(expected.Calls, LakeReader.ReadCalls(lake));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
