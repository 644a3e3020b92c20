using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>Every generated VCF is read by bcftools without an error or a warning.</summary>
public sealed class SyntheticCohortBcftoolsTests
{
    [RequiresToolFact("bcftools")]
    public void Bcftools_view_reads_every_vcf_silently()
    {
        // Subtypes forced on so fusions, deletions and gains all appear in a small cohort.
        var parameters = CohortParameters.Default with { HotspotRate = 1, ArtefactOnHotspot = 0.5, TpmtAlleles = SyntheticCohortIngestTests.FrequentTpmt, Nudt15Alleles = SyntheticCohortIngestTests.FrequentNudt15 };
        foreach (var assembly in new[] { GenomeAssembly.GRCh38, GenomeAssembly.GRCh37 })
        {
            using var cohort = new SynthCohortFixture(25, 5, assembly, parameters);
            var vcfs = Directory.GetFiles(cohort.Root, "*.vcf", SearchOption.AllDirectories);
            Assert.Equal(25 * 3, vcfs.Length);
            foreach (var vcf in vcfs)
            {
                var result = ProcessRunner.Run("bcftools", ["view", "-Ov", "-o", "/dev/null", vcf]);
                Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"{vcf}: exit {result.ExitCode}: {result.StandardError}");
            }
        }
    }
}
