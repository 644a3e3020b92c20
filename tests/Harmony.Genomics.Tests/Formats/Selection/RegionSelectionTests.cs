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

    [RequiresToolTheory("bcftools")]
    [InlineData("--regions-overlap", "0", "-r")]
    [InlineData("--regions-overlap", "pos", "-r")]
    [InlineData("--regions-overlap", "1", "-r")]
    [InlineData("--regions-overlap", "2", "-r")]
    [InlineData("--regions-overlap", "variant", "-r")]
    [InlineData("--targets-overlap", "0", "-t")]
    [InlineData("--targets-overlap", "1", "-t")]
    [InlineData("--targets-overlap", "record", "-t")]
    [InlineData("--targets-overlap", "2", "-t")]
    public void OverlapRules_SelectWhatBcftoolsSelects(string option, string rule, string selection)
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using (var edges = SelectionFixture.Create(WriteOverlapEdges(dir)))
            {
                edges.AssertSameAsBcftools(selection, "chrA:101-200", option, rule);
            }

            // Many short windows over the synthetic file: deletions and symbolic <DEL>s straddle their edges.
            var windows = string.Join(',', Enumerable.Range(0, 40).Select(i => $"chrA:{1000 + (i * 2500)}-{1030 + (i * 2500)}"));
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            fixture.AssertSameAsBcftools(selection, windows, option, rule);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void OverlapRules_AreNotVacuous_EachRuleSelectsDifferentRecordsAtTheEdges()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(WriteOverlapEdges(dir));
            var file = fixture.Files[0];
            string Selected(string rule) => string.Join(' ', fixture.Expected(file, "-r", "chrA:101-200", "--regions-overlap", rule).Sites.Select(site => site.Split('\t')[1]));

            // Worked out by hand from the records in WriteOverlapEdges.
            Assert.Equal("150 195 200", Selected("0"));
            Assert.Equal("90 150 195 200", Selected("1"));
            Assert.Equal("90 150 195", Selected("2"));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    /// <summary>
    /// Records at the edges of chrA:101-200: a long deletion from 90 (span 90-102, varying 91-102), an SNV at 100,
    /// a symbolic deletion at 150 (END 260), a deletion at 195 (varying 196-200) and one whose padding base is the
    /// window's last base (200; varying 201).
    /// </summary>
    private static string WriteOverlapEdges(string dir)
    {
        var path = Path.Combine(dir, "edges.vcf");
        File.WriteAllText(path, string.Concat(
            "##fileformat=VCFv4.2\n##contig=<ID=chrA,length=1000>\n",
            "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##ALT=<ID=DEL,Description=\"Deletion\">\n",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n",
            "chrA\t90\t.\tAAAAAAAAAAAAA\tA\t50\tPASS\t.\tGT\t0/1\n",
            "chrA\t100\t.\tA\tC\t50\tPASS\t.\tGT\t0/1\n",
            "chrA\t150\t.\tA\t<DEL>\t50\tPASS\tEND=260\tGT\t0/1\n",
            "chrA\t195\t.\tACGTAC\tA\t50\tPASS\t.\tGT\t1/1\n",
            "chrA\t200\t.\tAT\tA\t50\tPASS\t.\tGT\t0/1\n"));
        return path;
    }

    [Fact]
    public void OverlapRule_UnknownValue_IsAClearError()
    {
        var error = Assert.Throws<Harmony.Genomics.Core.HarmonyException>(() => Harmony.Genomics.Formats.Selection.RegionOverlapText.Parse("3", "--regions-overlap"));
        Assert.Contains("expected 0, 1, 2, pos, record or variant", error.Message, StringComparison.Ordinal);
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
            File.WriteAllText(bed, "chrA\t19999\t20500\nchrB\t2999\t3000\nchrB\t5000\t5000\nchrB\t7000\t9000\n");
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
