using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

public class KnowledgeBaseTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Version_is_stamped() => Assert.Equal("ALL-KB 2026.11.1", Kb.Version);

    [Fact]
    public void Genes_have_both_builds_with_source()
    {
        // Values typed from ALL-knowledge.md 7.1 / the gene subset file (Ensembl spans).
        var ikzf1 = Kb.Gene("IKZF1")!;
        Assert.Equal(new GenomicInterval("chr7", 50304068, 50405101), ikzf1.Grch38);
        Assert.Equal(new GenomicInterval("chr7", 50343720, 50472799), ikzf1.Grch37);
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
    public void Dux4_has_no_grch37_span() => Assert.Null(Kb.Gene("DUX4")!.Grch37);

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
        // IKZF1's build offset is not constant, so no GRCh37 hotspot is invented for it.
        Assert.DoesNotContain(Kb.Hotspots, h => h.Gene == "IKZF1" && h.Assembly == GenomeAssembly.GRCh37);
        Assert.Contains(Kb.Hotspots, h => h.Gene == "IKZF1" && h.SubtypeSignature == "IKZF1 N159Y" && h.Position == 50382593);
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
}
