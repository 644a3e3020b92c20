using System.Globalization;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>
/// Planted events checked against coordinates typed by hand from ALL-knowledge.md §4.1/§7.1 and the knowledge base's
/// GeneFuse exon table (GRCh38 ENST00000396373 ETV6, ENST00000344691 RUNX1, ENST00000305877 BCR, ENST00000318560
/// ABL1, ENST00000358127 PAX5), so the generator cannot share a coordinate mistake with the annotator.
/// </summary>
public sealed class PlantedCoordinatesTests
{
    private static readonly AgeFrequencies None = AgeFrequencies.All(0);

    // Children, B-lineage, no subtype unless a test turns one on.
    private static CohortParameters Only => CohortParameters.Default with
    {
        AgeMix = new AgeFrequencies(1, 0, 0, 0),
        TLineage = None,
        EtvRunx1 = None,
        HighHyperdiploidy = None,
        BcrAbl1 = None,
        Kmt2aAff1 = None,
        Tcf3Pbx1 = None,
        Pax5P80r = None,
        Ikzf1N159y = None,
    };

    private static long Pos(string[] record) => long.Parse(record[1], CultureInfo.InvariantCulture);

    [Fact]
    public void Etv6_runx1_breakends_lie_in_etv6_intron_5_and_runx1_intron_1_with_inverted_orientation()
    {
        using var cohort = new SynthCohortFixture(10, 21, parameters: Only with { EtvRunx1 = AgeFrequencies.All(1) });
        for (var p = 1; p <= 10; p++)
        {
            var id = $"SYN{p:D6}";
            var bnd = cohort.Records(id, $"{id}-DX.sv.vcf").Where(r => r[6] == "PASS" && r[7].Contains("SVTYPE=BND", StringComparison.Ordinal)).ToList();
            var etv6 = Assert.Single(bnd, r => r[0] == "chr12");
            var runx1 = Assert.Single(bnd, r => r[0] == "chr21");
            // ETV6 (+) exon 5 ends 11,869,969, exon 6 starts 11,884,445; RUNX1 (−) exon 2 ends 34,880,713, exon 1 starts 34,886,843.
            Assert.InRange(Pos(etv6), 11_869_970, 11_884_444);
            Assert.InRange(Pos(runx1), 34_880_714, 34_886_842);
            // Plus-strand 5' part kept left, minus-strand 3' part kept left: t]p] on both sides.
            Assert.Equal($"N]chr21:{Pos(runx1)}]", etv6[4]);
            Assert.Equal($"N]chr12:{Pos(etv6)}]", runx1[4]);
            Assert.Contains($"MATEID={runx1[2]}", etv6[7], StringComparison.Ordinal);
            var arriba = cohort.Records(id, $"{id}-DX.fusions.tsv").Single();
            Assert.Equal(["ETV6", "RUNX1", "+/+", "-/-", "chr12:11869969", "chr21:34880713"], arriba[..6]);
        }

        Assert.Equal(10, cohort.Truth().Count(t => t[2] == "ETV6::RUNX1" && t[3] == "fusion" && t[4] == "B-ALL with ETV6::RUNX1 fusion"));
    }

    [Fact]
    public void Bcr_abl1_joins_bcr_to_abl1_exon_2_on_the_plus_strands()
    {
        using var cohort = new SynthCohortFixture(12, 22, parameters: Only with { BcrAbl1 = AgeFrequencies.All(1) });
        var minorBcr = 0;
        for (var p = 1; p <= 12; p++)
        {
            var id = $"SYN{p:D6}";
            var bnd = cohort.Records(id, $"{id}-DX.sv.vcf").Where(r => r[6] == "PASS" && r[7].Contains("SVTYPE=BND", StringComparison.Ordinal)).ToList();
            var bcr = Assert.Single(bnd, r => r[0] == "chr22");
            var abl1 = Assert.Single(bnd, r => r[0] == "chr9");
            // ABL1 exon 1 ends 130,835,525, exon 2 starts 130,854,064.
            Assert.InRange(Pos(abl1), 130_835_526, 130_854_063);
            Assert.Equal($"N[chr9:{Pos(abl1)}[", bcr[4]);
            Assert.Equal($"]chr22:{Pos(bcr)}]N", abl1[4]);
            // BCR exon 1 ends 23,182,239, exon 2 starts 23,253,799 (m-bcr, p190); M-bcr breakpoints lie further 3'.
            if (Pos(bcr) is >= 23_182_240 and <= 23_253_798)
            {
                minorBcr++;
            }
            else
            {
                Assert.InRange(Pos(bcr), 23_253_799, 23_318_037);
            }
        }

        Assert.InRange(minorBcr, 1, 12);
    }

    [Fact]
    public void Hotspots_sit_at_the_hand_typed_positions_on_both_assemblies()
    {
        var rich = Only with { HotspotRate = 1, SecondHotspot = 0.5 };
        using var grch38 = new SynthCohortFixture(60, 23, GenomeAssembly.GRCh38, rich);
        using var grch37 = new SynthCohortFixture(60, 23, GenomeAssembly.GRCh37, rich);
        // KRAS G12D: GRCh38 chr12:25245350 C>T (§4.1); GRCh37 12:25398284 C>T (codon 25,398,283–285 [D]).
        // NRAS G12D: GRCh38 chr1:114716126 C>T; GRCh37 1:115258747 C>T.
        foreach (var (cohort, kras, nras) in new[] { (grch38, ("chr12", "25245350"), ("chr1", "114716126")), (grch37, ("12", "25398284"), ("1", "115258747")) })
        {
            var checkedAny = 0;
            foreach (var row in cohort.Truth().Where(t => t[2] is "KRAS p.G12D" or "NRAS p.G12D"))
            {
                var (chrom, pos) = row[2].StartsWith("KRAS", StringComparison.Ordinal) ? kras : nras;
                var records = cohort.Records(row[0], $"{row[0]}-DX.somatic.vcf");
                Assert.Contains(records, r => r[0] == chrom && r[1] == pos && r[3] == "C" && r[4] == "T" && r[6] == "PASS");
                checkedAny++;
            }

            Assert.True(checkedAny > 0, "no RAS G12D planted: pick another seed");
        }
    }

    [Fact]
    public void Subtype_defining_snvs_use_the_hand_typed_positions()
    {
        using var pax5 = new SynthCohortFixture(3, 24, parameters: Only with { Pax5P80r = AgeFrequencies.All(1) });
        using var ikzf1 = new SynthCohortFixture(3, 24, parameters: Only with { Ikzf1N159y = AgeFrequencies.All(1) });
        // PAX5 P80R chr9:37015168 G>C; IKZF1 N159Y chr7:50382593 A>T (§3.2, §4.1).
        Assert.Contains(pax5.Records("SYN000001", "SYN000001-DX.somatic.vcf"), r => r[0] == "chr9" && r[1] == "37015168" && r[3] == "G" && r[4] == "C");
        Assert.Contains(ikzf1.Records("SYN000002", "SYN000002-DX.somatic.vcf"), r => r[0] == "chr7" && r[1] == "50382593" && r[3] == "A" && r[4] == "T");
        Assert.Contains(pax5.Truth(), t => t[2] == "PAX5 p.P80R" && t[4].StartsWith("B-ALL with PAX5 p.P80R", StringComparison.Ordinal));
    }

    [Fact]
    public void Deletions_cover_the_hand_typed_exons_and_hyperdiploid_gains_are_whole_chromosomes()
    {
        using var cohort = new SynthCohortFixture(40, 25, parameters: Only with { HighHyperdiploidy = AgeFrequencies.All(1), Pax5Deletion = 1, Ikzf1Deletion = 1 });
        var intragenic = 0;
        var delta47 = 0;
        for (var p = 1; p <= 40; p++)
        {
            var id = $"SYN{p:D6}";
            var seg = cohort.Records(id, $"{id}-DX.seg").Skip(1).ToList();
            double Mean(string[] s) => double.Parse(s[5], CultureInfo.InvariantCulture);
            long Start(string[] s) => long.Parse(s[2], CultureInfo.InvariantCulture);
            long End(string[] s) => long.Parse(s[3], CultureInfo.InvariantCulture);

            // IKZF1 (GRCh38 chr7:50,304,068–50,405,101) lies inside one loss segment, or Δ4–7 does: the segment covers
            // exons 4–7 (50,376,533–50,391,863) and spares exon 3 (ends 50,327,757) and exon 8 (starts 50,399,918).
            var ikzf1 = Assert.Single(seg, s => s[1] == "chr7" && Mean(s) < -0.2 && Start(s) <= 50_376_533 && End(s) >= 50_391_863);
            var wholeIkzf1 = Start(ikzf1) <= 50_304_068 && End(ikzf1) >= 50_405_101;
            Assert.True(wholeIkzf1 || (Start(ikzf1) > 50_327_757 && End(ikzf1) < 50_399_918), $"{id} IKZF1 segment {ikzf1[2]}-{ikzf1[3]}");
            delta47 += wholeIkzf1 ? 0 : 1;
            // PAX5 (−): exons 2–6 span chr9:36,966,549–37,020,801; exon 1 starts 37,033,986, exon 7 ends 36,923,484.
            var pax5 = Assert.Single(seg, s => s[1] == "chr9" && Mean(s) < -0.2 && Start(s) <= 36_966_549 && End(s) >= 37_020_801);
            if (Start(pax5) > 36_923_484 && End(pax5) < 37_033_986)
            {
                intragenic++;
            }

            // Hyperdiploidy: chr21 gained as one whole-chromosome segment (46,709,983 bp on GRCh38).
            var chr21 = Assert.Single(seg, s => s[1] == "chr21");
            Assert.Equal((1L, 46_709_983L), (Start(chr21), End(chr21)));
            Assert.True(Mean(chr21) > 0.2, $"{id} chr21 {chr21[5]}");
        }

        Assert.InRange(intragenic, 1, 39);
        Assert.InRange(delta47, 1, 39);
        Assert.Equal(delta47, cohort.Truth().Count(t => t[2] == "IKZF1 deletion" && t[5].Contains("exons 4-7 of ENST00000331340.8", StringComparison.Ordinal)));
        Assert.All(cohort.Truth().Where(t => t[2] == "high hyperdiploidy"), t => Assert.Matches("modal (5[1-9]|6[0-5]);", t[5]));
    }

    [Theory]
    [InlineData(GenomeAssembly.GRCh38, 27UL)]
    [InlineData(GenomeAssembly.GRCh37, 28UL)]
    public void Copy_number_caller_finds_the_ikzf1_exons_the_truth_table_names(GenomeAssembly assembly, ulong seed)
    {
        using var cohort = new SynthCohortFixture(16, seed, assembly, Only with { Ikzf1Deletion = 1, Ikzf1Delta4To7Share = 0.5 });
        var planted = cohort.Truth().Where(t => t[2] == "IKZF1 deletion").ToList();
        Assert.Equal(16, planted.Count);
        foreach (var truth in planted)
        {
            var seg = Path.Combine(cohort.Root, truth[0], $"{truth[0]}-DX.seg");
            var call = CopyNumberCaller.Call(Harmony.Genomics.Formats.Calls.SegmentReader.Parse(File.ReadAllBytes(seg), seg), assembly, seg).Genes.Single(g => g.Gene == "IKZF1");
            var delta47 = truth[5].Contains("exons 4-7 of", StringComparison.Ordinal);
            Assert.Equal(delta47 ? ("intragenic", "Δ4–7") : ("whole-gene", "Δ1–8"), (call.Extent, call.ExonText));
        }

        Assert.Contains(planted, t => t[5].Contains("exons 4-7 of", StringComparison.Ordinal));
        Assert.Contains(planted, t => t[5].Contains("whole gene", StringComparison.Ordinal));
    }

    [Fact]
    public void Heterozygous_snps_in_the_tumour_show_b_allele_imbalance_on_gained_chromosomes_only()
    {
        using var cohort = new SynthCohortFixture(15, 26, parameters: Only with { HighHyperdiploidy = AgeFrequencies.All(1) });
        var gained = new List<double>();
        var balanced = new List<double>();
        for (var p = 1; p <= 15; p++)
        {
            var id = $"SYN{p:D6}";
            var gains = cohort.Records(id, $"{id}-DX.seg").Skip(1).Where(s => double.Parse(s[5], CultureInfo.InvariantCulture) > 0.2).Select(s => s[1]).ToHashSet();
            foreach (var snp in cohort.Records(id, $"{id}-DX.somatic.vcf").Where(r => r[6] == "germline" && r[9].StartsWith("0/1:", StringComparison.Ordinal)))
            {
                // Tumour AF (3rd FORMAT value) against the 0.5 of a balanced heterozygous SNP.
                var deviation = Math.Abs(double.Parse(snp[9].Split(':')[2], CultureInfo.InvariantCulture) - 0.5);
                (gains.Contains(snp[0]) ? gained : balanced).Add(deviation);
            }
        }

        Assert.True(gained.Count > 20 && balanced.Count > 20, $"{gained.Count} gained, {balanced.Count} balanced SNPs");
        Assert.True(gained.Average() > 0.08, $"mean |BAF-0.5| on gained chromosomes {gained.Average():F3}");
        Assert.True(balanced.Average() < 0.05, $"mean |BAF-0.5| elsewhere {balanced.Average():F3}");
    }

    [Fact]
    public void Tcf3_pbx1_joins_minus_to_plus_strand_with_both_parts_kept_to_the_right()
    {
        using var cohort = new SynthCohortFixture(4, 27, parameters: Only with { Tcf3Pbx1 = AgeFrequencies.All(1) });
        for (var p = 1; p <= 4; p++)
        {
            var id = $"SYN{p:D6}";
            var bnd = cohort.Records(id, $"{id}-DX.sv.vcf").Where(r => r[6] == "PASS" && r[7].Contains("SVTYPE=BND", StringComparison.Ordinal)).ToList();
            var tcf3 = Assert.Single(bnd, r => r[0] == "chr19");
            var pbx1 = Assert.Single(bnd, r => r[0] == "chr1");
            // TCF3 (−, ENST00000611869) intron 16: exon 17 ends 1,615,520, exon 16 starts 1,615,686.
            // PBX1 (+, ENST00000420696) intron 2: exon 2 ends 164,563,311, exon 3 starts 164,792,494.
            Assert.InRange(Pos(tcf3), 1_615_521, 1_615_685);
            Assert.InRange(Pos(pbx1), 164_563_312, 164_792_493);
            // Minus-strand 5' part lies right of its breakpoint, plus-strand 3' part right of its: [p[t on both sides.
            Assert.Equal($"[chr1:{Pos(pbx1)}[N", tcf3[4]);
            Assert.Equal($"[chr19:{Pos(tcf3)}[N", pbx1[4]);
            var arriba = cohort.Records(id, $"{id}-DX.fusions.tsv").Single();
            Assert.Equal(["TCF3", "PBX1", "-/-", "+/+", "chr19:1615686", "chr1:164792494"], arriba[..6]);
            Assert.Equal(["upstream", "upstream"], arriba[24..26]);
        }
    }
}
