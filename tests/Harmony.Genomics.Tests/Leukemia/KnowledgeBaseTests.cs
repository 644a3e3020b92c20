using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

public class KnowledgeBaseTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Version_is_stamped() => Assert.Equal("ALL-KB 2026.12.1", Kb.Version);

    [Fact]
    public void Genes_have_both_builds_with_source()
    {
        // Values typed from ALL-knowledge.md 7.1 (canonical-like spans, which it asks for in "gene deleted?" tests).
        var ikzf1 = Kb.Gene("IKZF1")!;
        Assert.Equal(new GenomicInterval("chr7", 50304064, 50405100), ikzf1.Grch38);
        Assert.Equal(new GenomicInterval("chr7", 50343660, 50472798), ikzf1.Grch37);
        // Not Ensembl's read-through spans (RUNX1 to 36,004,667; RB1 to 48,599,436).
        Assert.Equal(new GenomicInterval("chr21", 34787801, 35049298), Kb.Gene("RUNX1")!.Grch38);
        Assert.Equal(new GenomicInterval("chr13", 48303747, 48481890), Kb.Gene("RB1")!.Grch38);
        Assert.Equal("+", ikzf1.Strand);
        Assert.Contains("germline", ikzf1.Roles);
        Assert.Equal("ALL_genes_subset_grch37_grch38.tsv", ikzf1.Source.File);
        Assert.Equal(2, ikzf1.Source.Line);
        Assert.True(Kb.Genes.Count > 110);
    }

    [Fact]
    public void Loci_spans_are_flagged_derived() =>
        Assert.Equal(Certainty.Derived, Kb.Gene("IGH_locus")!.Certainty);

    [Fact]
    public void Dux4_grch37_span_is_the_region_of_section_3_3_and_derived()
    {
        // The GRCh37 gene tables have no DUX4; ALL-knowledge.md §3.3 [V] gives its region (ALL-KB 2026.11.4).
        Assert.Equal(new GenomicInterval("chr4", 190988100, 191007000), Kb.Gene("DUX4")!.Grch37);
        Assert.Equal(Certainty.Derived, Kb.Gene("DUX4")!.Certainty);
    }

    [Fact]
    public void Notch1_exon_26_on_both_builds()
    {
        var exons = Kb.Exons.Where(e => e.Symbol == "NOTCH1" && e.Number == 26).ToList();
        Assert.Contains(exons, e => e.Assembly == GenomeAssembly.GRCh38 && e.Interval == new GenomicInterval("chr9", 136504673, 136505104));
        Assert.Contains(exons, e => e.Assembly == GenomeAssembly.GRCh37 && e.Interval == new GenomicInterval("chr9", 139399125, 139399556));
    }

    [Fact]
    public void Hotspots_grch38_verified_and_grch37_derived()
    {
        var g12d = Kb.Hotspots.Where(h => h.Gene == "KRAS" && h.ProteinChange == "p.G12D").ToList();
        Assert.Contains(g12d, h => h.Assembly == GenomeAssembly.GRCh38 && h.Position == 25245350 && h.Certainty == Certainty.VerifiedData);
        Assert.Contains(g12d, h => h.Assembly == GenomeAssembly.GRCh37 && h.Position == 25398284 && h.Certainty == Certainty.Derived);
        Assert.Contains(Kb.Hotspots, h => h.Gene == "IKZF1" && h.SubtypeSignature == "IKZF1 N159Y" && h.Position == 50382593);
    }

    [Fact]
    public void Ikzf1_hotspots_on_grch37_use_the_exon_4_to_8_offset_only()
    {
        // N159 codon: GRCh38 50,382,593 (MD-ALL) + 67,698 = 50,450,291, which is c.475 on the UTA GRCh37 exon 5 (see PROVENANCE.md).
        var n159y = Assert.Single(Kb.Hotspots, h => h.Gene == "IKZF1" && h.ProteinChange == "p.N159Y" && h.Assembly == GenomeAssembly.GRCh37);
        Assert.Equal((50450291L, "A", "T", Certainty.Derived), (n159y.Position, n159y.Reference, n159y.Alternate, n159y.Certainty));
        Assert.Equal("IKZF1 N159Y", n159y.SubtypeSignature);
        // Every MD-ALL IKZF1 hotspot lies in exons 5 and 8, inside the offset's range, so each has a GRCh37 twin.
        Assert.Equal(Kb.Hotspots.Count(h => h.Gene == "IKZF1" && h.Assembly == GenomeAssembly.GRCh38), Kb.Hotspots.Count(h => h.Gene == "IKZF1" && h.Assembly == GenomeAssembly.GRCh37));
        var exon5 = Kb.Exons.Single(e => e.Symbol == "IKZF1" && e.Assembly == GenomeAssembly.GRCh37 && e.Number == 5).Interval;
        Assert.InRange(n159y.Position, exon5.Start, exon5.End);
    }

    [Fact]
    public void Ikzf1_exons_on_both_builds_with_their_certainty()
    {
        var grch37 = Kb.Exons.Where(e => e.Symbol == "IKZF1" && e.Assembly == GenomeAssembly.GRCh37).OrderBy(e => e.Number).ToList();
        var grch38 = Kb.Exons.Where(e => e.Symbol == "IKZF1" && e.Assembly == GenomeAssembly.GRCh38).OrderBy(e => e.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 8), grch37.Select(e => e.Number));
        Assert.Equal(Enumerable.Range(1, 8), grch38.Select(e => e.Number));
        Assert.Equal(new GenomicInterval("chr7", 50444231, 50444491), grch37[3].Interval);
        Assert.Equal(new GenomicInterval("chr7", 50467616, 50472799), grch37[7].Interval);
        Assert.All(grch37, e => Assert.Equal(("NM_006060.6", Certainty.VerifiedData), (e.Transcript, e.Certainty)));
        Assert.Equal(new GenomicInterval("chr7", 50304716, 50304922), grch38[0].Interval);
        Assert.Equal(new GenomicInterval("chr7", 50382540, 50382707), grch38[4].Interval);
        Assert.Equal(new GenomicInterval("chr7", 50399918, 50405101), grch38[7].Interval);
        Assert.Equal([4, 5, 6, 7], grch38.Where(e => e.Certainty == Certainty.Derived).Select(e => e.Number));
        Assert.Equal("IKZF1_exons_NM_006060_grch37_grch38.tsv", grch38[4].Source.File);
        // Same transcript structure on both builds: every exon has the same length (207, 54, 120, 261, 168, 126, 135, 5184).
        Assert.Equal(grch37.Select(e => e.Interval.End - e.Interval.Start), grch38.Select(e => e.Interval.End - e.Interval.Start));
        Assert.Equal(6255, grch37.Sum(e => e.Interval.End - e.Interval.Start + 1));
    }

    [Fact]
    public void Genome_structure()
    {
        Assert.Equal(248956422, Kb.ChromosomeSizes[GenomeAssembly.GRCh38]["chr1"]);
        Assert.Equal(249250621, Kb.ChromosomeSizes[GenomeAssembly.GRCh37]["chr1"]);
        Assert.Equal(new GenomicInterval("chrX", 10001, 2781479), Kb.PseudoautosomalRegions[GenomeAssembly.GRCh38]["chrX_par1"]);
        Assert.Contains(new GenomicInterval("chr1", 122026460, 124932724), Kb.Centromeres[GenomeAssembly.GRCh38]);
    }

    [Fact]
    public void Pgx_definitions_and_phenotypes()
    {
        Assert.Contains(Kb.PgxAlleles, a => a.Gene == "TPMT" && a.StarAllele == "*3A" && a.PositionGrch38 == 18138997 && a.PositionGrch37 == 18139228);
        Assert.Equal("No function", Kb.PgxFunctions["NUDT15"]["*9"]);
        Assert.Equal("Intermediate Metabolizer", Kb.PgxPhenotypes["TPMT"]["*1/*3A"]);
        Assert.Equal("*1/*3A", KnowledgeBase.DiplotypeKey("*3A", "*1"));
        Assert.Equal("*2/*10", KnowledgeBase.DiplotypeKey("*10", "*2"));
    }

    [Fact]
    public void Germline_genes_keep_their_evidence_tag()
    {
        Assert.Equal(Certainty.Verified, Kb.GermlineGenes.Single(g => g.Gene == "TP53").Certainty);
        Assert.Equal(Certainty.Unverified, Kb.GermlineGenes.Single(g => g.Gene == "ATM").Certainty);
    }

    [Theory]
    [InlineData("1", "chr1")]
    [InlineData("chr1", "chr1")]
    [InlineData("X", "chrX")]
    [InlineData("chrX", "chrX")]
    [InlineData("MT", "chrM")]
    [InlineData("chrM", "chrM")]
    [InlineData("chr1_KI270706v1_random", null)]
    [InlineData("GL000228.1", null)]
    [InlineData("Chr1", null)]
    public void Contig_aliases_are_an_explicit_table(string name, string? canonical) => Assert.Equal(canonical, ContigAliases.Canonical(name));

    // MD-ALL's table has the 5'::3' name (fusion_feature) and the genes sorted alphabetically (fusion_ordered): the
    // knowledge base must name fusions by the first (ALL-knowledge.md §0: "5'GENE::3'GENE").
    [Fact]
    public void Fusion_features_are_named_five_prime_to_three_prime()
    {
        var names = Kb.FusionFeatures.Select(f => f.Feature).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["BCR::ABL1", "TCF3::PBX1", "TCF3::HLF", "KMT2A::AFF1", "P2RY8::CRLF2", "ETV6::RUNX1"]), names);
        Assert.DoesNotContain("ABL1::BCR", names);
        Assert.DoesNotContain("PBX1::TCF3", names);
    }
}
