using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary>
/// <c>-r/-R</c> (through .tbi and .csi indexes) and <c>-t/-T</c> (streamed) select the records <c>bcftools view</c>
/// selects, for BGZF VCF and BCF, compared with <c>bcftools query</c> on bcftools' own output.
/// </summary>
public sealed class RegionSelectionTests
{
    private static string Conformance(string name) => TestPaths.TestData($"conformance/bcftools-test/{name}");

    [RequiresToolFact("bcftools")]
    public void Regions_OverlapTheRecordSpan_IncludingIndelsAndEndThatStartBefore()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = SelectionFixture.WriteSynthetic(dir);
            using var fixture = SelectionFixture.Create(vcf);
            fixture.AssertSameAsBcftools("-r", "chrA:20000-25000");

            // One position inside a symbolic deletion, after its POS: only INFO/END makes the record overlap.
            var deletion = File.ReadLines(vcf).First(l => l.Contains("<DEL>", StringComparison.Ordinal) && l.StartsWith("chrA", StringComparison.Ordinal)).Split('\t');
            var inside = long.Parse(deletion[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
            fixture.AssertSameAsBcftools("-r", $"chrA:{inside}");
            fixture.AssertSameAsBcftools("-r", "chrB:1000-");
            fixture.AssertSameAsBcftools("-r", "chrA");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void OverlappingAndMultipleRegions_GiveEachRecordOnce()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            fixture.AssertSameAsBcftools("-r", "chrA:10000-20000,chrA:15000-30000,chrA:29000-29500,chrB:5000-6000,chrB:5500-7000");
            fixture.AssertSameAsBcftools("-r", "chrA:100-200,chrZ:1-100,chrB:50000-60000");

            // bcftools orders chromosomes as the list names them.
            fixture.AssertSameAsBcftools("-r", "chrB:1000-3000,chrA:1000-3000,chrB:2000-4000");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void Regions_OnAConformanceFile_IndelSpanningTheRegionStart()
    {
        // mpileup.c.vcf: 4,103 records on 17 over many BGZF blocks; a 14-base REF at 3493 reaches into 3500.
        using var fixture = SelectionFixture.Create(Conformance("mpileup.c.vcf"));
        fixture.AssertSameAsBcftools("-r", "17:3500-3600");
        fixture.AssertSameAsBcftools("-t", "17:3500-3600");
        fixture.AssertSameAsBcftools("-r", "17:1-100,17:4000-4100,17:50-150");
    }

    [RequiresToolFact("bcftools")]
    public void Targets_MatchByPositionOnly_AndCaretExcludes()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            fixture.AssertSameAsBcftools("-t", "chrA:20000-25000,chrB:100-900");
            fixture.AssertSameAsBcftools("-t", "^chrA:20000-25000,chrB");
            fixture.AssertSameAsBcftools("-r", "chrA:20000-40000", "-t", "chrA:22000-23000");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void RegionAndTargetFiles_BedIsZeroBasedByItsSuffix()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            var tsv = Path.Combine(dir, "regions.tsv");
            File.WriteAllText(tsv, "# chrom\tbeg\tend\nchrA\t20000\t20500\nchrB\t3000\t3000\nchrB\t7000\t9000\n");
            var bed = Path.Combine(dir, "regions.bed");
            File.WriteAllText(bed, "chrA\t19999\t20500\nchrB\t2999\t3000\nchrB\t7000\t9000\n");
            fixture.AssertSameAsBcftools("-R", tsv);
            fixture.AssertSameAsBcftools("-R", bed);
            fixture.AssertSameAsBcftools("-T", tsv);
            fixture.AssertSameAsBcftools("-T", bed);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void Regions_WithoutAnIndex_AreAClearErrorNamingTheFile()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "plain.vcf.gz");
            Assert.Equal(0, ProcessRunner.Run(BcftoolsOracle.Tool, ["view", "-Oz", "-o", vcf, SelectionFixture.WriteSynthetic(dir)]).ExitCode);
            var rc = Formats.Bcf.BcfLakeTests.Ingest(vcf, Path.Combine(dir, "lake"), out var error, "-r", "chrA:1-100");
            Assert.Equal(1, rc);
            Assert.Contains(vcf, error, StringComparison.Ordinal);
            Assert.Contains(".tbi", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "lake", "variants")));

            // A plain-text VCF cannot be indexed at all.
            var plain = SelectionFixture.WriteSynthetic(dir);
            Assert.Equal(1, Formats.Bcf.BcfLakeTests.Ingest(plain, Path.Combine(dir, "lake3"), out error, "-r", "chrA:1-100"));
            Assert.Contains("BGZF", error, StringComparison.Ordinal);
            Assert.Contains(plain, error, StringComparison.Ordinal);

            // Targets need no index.
            Assert.Equal(0, Formats.Bcf.BcfLakeTests.Ingest(vcf, Path.Combine(dir, "lake2"), out error, "-t", "chrA:1-100"));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
