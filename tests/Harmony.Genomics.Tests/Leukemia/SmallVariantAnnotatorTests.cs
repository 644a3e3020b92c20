using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia;

// Records use two spaces for a tab (LeukemiaVcf.Run turns them into tabs). Hotspot coordinates are typed from
// ALL-knowledge.md 4.1 (GRCh38; GRCh37 codon spans [D]).
public class SmallVariantAnnotatorTests
{
    private const string Chr4 = "##contig=<ID=chr4,length=190214555>\n";

    [Fact]
    public void Kras_g12d_grch38_snv()
    {
        var (_, per, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr12  25245350  .  C  T  .  PASS  .  GT:AD  0/1:60,40\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("KRAS p.G12D", a.Name);
        Assert.Equal("mutation", a.Category);
        Assert.Equal(["KRAS"], a.Genes);
        Assert.Contains("VAF 0.4", a.Detail, StringComparison.Ordinal);
        Assert.Contains("heterozygous", a.Detail, StringComparison.Ordinal);
        Assert.Equal("unknown", a.GeneticOrigin);
        Assert.Equal("t.vcf:15 chr12:25245350 C>T", a.Evidence);
        Assert.Equal(Certainty.VerifiedData, a.Certainty);
        Assert.NotNull(per[0][0].Hotspot);
        Assert.Equal("KRAS", per[0][0].Gene);
    }

    [Theory]
    [InlineData("chr12  25245350  .  CC  TC")]       // suffix padding (CA>TA style)
    [InlineData("chr12  25245349  .  ACC  ATC")]     // both sides padded
    [InlineData("12  25245350  .  C  T")]            // bare contig name on GRCh38
    public void Padded_and_aliased_records_match(string site)
    {
        var meta = site.StartsWith("12", StringComparison.Ordinal) ? "##contig=<ID=12,length=133275309>\n" : LeukemiaVcf.Grch38Contigs;
        var (_, _, abn) = LeukemiaVcf.Run(meta, site + "  .  PASS  .  GT  0/1\n");
        Assert.Equal("KRAS p.G12D", Assert.Single(LeukemiaVcf.Mutations(abn)).Name);
    }

    [Fact]
    public void Padded_deletion_matches_flt3_i836del()
    {
        // Hotspot: chr13 28018497 CATG>C. Written here with one extra trailing base.
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr13  28018497  .  CATGA  CA  .  PASS  .  GT  0/1\n");
        Assert.Equal("FLT3 p.I836del", Assert.Single(LeukemiaVcf.Mutations(abn)).Name);
    }

    [Fact]
    public void Multi_allelic_split_per_alt_only_carried_alt_reported()
    {
        // ALT 1 = A (G12V), ALT 2 = T (G12D); the sample carries only ALT 2.
        var (_, per, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr12  25245350  .  C  A,T  .  PASS  .  GT:AF  0/2:0.1,0.3\n");
        Assert.Equal(2, per[0].Count);
        Assert.Equal("p.G12V", per[0][0].Hotspot!.ProteinChange);
        Assert.Equal("p.G12D", per[0][1].Hotspot!.ProteinChange);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("KRAS p.G12D", a.Name);
        Assert.Contains("VAF 0.3", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Grch37_kras_g12d_is_derived()
    {
        var (annotator, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch37BareContigs, "12  25398284  .  C  T  .  PASS  .  GT  0/1\n");
        Assert.Equal(GenomeAssembly.GRCh37, annotator.Assembly.Assembly);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("KRAS p.G12D", a.Name);
        Assert.Equal(Certainty.Derived, a.Certainty);
        Assert.Contains("[D]", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Grch38_position_on_grch37_file_does_not_match()
    {
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch37BareContigs, "12  25245350  .  C  T  .  PASS  .  GT  0/1\n");
        Assert.Empty(LeukemiaVcf.Mutations(abn));
    }

    [Fact]
    public void Subtype_defining_pax5_p80r_and_ikzf1_n159y()
    {
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr7  50382593  .  A  T  .  PASS  .  GT  0/1\nchr9  37015168  .  G  C  .  PASS  .  GT  0/1\n");
        var m = LeukemiaVcf.Mutations(abn);
        Assert.Contains(m, a => a.Name == "IKZF1 p.N159Y" && a.Detail.Contains("subtype-defining: IKZF1 N159Y", StringComparison.Ordinal));
        Assert.Contains(m, a => a.Name == "PAX5 p.P80R" && a.Detail.Contains("subtype-defining: PAX5 P80R", StringComparison.Ordinal));
    }

    [Fact]
    public void Ikzf1_n159y_on_grch37_at_the_derived_position()
    {
        // GRCh37 chr7:50450291 A>T = GRCh38 50382593 A>T + 67,698 (exon 5, PROVENANCE.md); the GRCh38 position does not match on GRCh37.
        const string grch37 = "##contig=<ID=1,length=249250621>\n##contig=<ID=7,length=159138663>\n##contig=<ID=12,length=133851895>\n";
        var (annotator, _, abn) = LeukemiaVcf.Run(grch37, "7  50450291  .  A  T  .  PASS  .  GT  0/1\n7  50382593  .  A  T  .  PASS  .  GT  0/1\n");
        Assert.Equal(GenomeAssembly.GRCh37, annotator.Assembly.Assembly);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("IKZF1 p.N159Y", a.Name);
        Assert.Equal("t.vcf:11 7:50450291 A>T", a.Evidence);
        Assert.Equal(Certainty.Derived, a.Certainty);
        Assert.Contains("subtype-defining: IKZF1 N159Y", a.Detail, StringComparison.Ordinal);
        Assert.Contains("[D]", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fbxw7_r465c_from_vep_on_nm_033632_is_a_wd40_arginine_call()
    {
        // VEP on the alpha isoform; the knowledge base has no FBXW7 codon positions, so the call rests on the annotation.
        const string csq = "CSQ=A|missense_variant|MODERATE|FBXW7|ENSG00000109670|Transcript|NM_033632.3|protein_coding|9/12||NM_033632.3:c.1393C>T|NP_361014.1:p.Arg465Cys|YES";
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + Chr4 + LeukemiaVcf.Csq, $"chr4  152328234  .  G  A  .  PASS  {csq}  GT  0/1\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("FBXW7 p.R465C", a.Name);
        Assert.Equal(["FBXW7"], a.Genes);
        Assert.Contains("FBXW7 WD40 arginine hotspot p.R465C on NM_033632 [P]", a.Detail, StringComparison.Ordinal);
        Assert.Equal(Certainty.Partial, a.Certainty);
        Assert.True(SmallVariantAnnotator.CarriesConsequence(a));
    }

    // SnpEff marks no canonical entry: when it lists another isoform first, the alpha isoform the rules number R465 on
    // is still the one reported.
    [Fact]
    public void Fbxw7_snpeff_entry_on_the_alpha_isoform_is_chosen_wherever_it_is_listed()
    {
        const string ann = "ANN=T|missense_variant|MODERATE|FBXW7|ENSG00000109670|transcript|ENST00000263981.9|protein_coding|8/11|c.1154G>A|p.Arg385His|||||,T|missense_variant|MODERATE|FBXW7|ENSG00000109670|transcript|ENST00000281708.10|protein_coding|9/12|c.1394G>A|p.Arg465His|||||";
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + Chr4 + LeukemiaVcf.Ann, $"chr4  152328233  .  C  T  .  PASS  {ann}  GT  0/1\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("FBXW7 p.R465H", a.Name);
        Assert.Contains("WD40 arginine hotspot", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fbxw7_missense_on_another_isoform_is_named_but_the_gap_is_stated()
    {
        const string csq = "CSQ=A|missense_variant|MODERATE|FBXW7|ENSG00000109670|Transcript|NM_018315.5|protein_coding|8/11||NM_018315.5:c.1039C>T|NP_060785.2:p.Arg347Cys|";
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + Chr4 + LeukemiaVcf.Csq, $"chr4  152328234  .  G  A  .  PASS  {csq}  GT  0/1\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("FBXW7 p.R347C", a.Name);
        Assert.Contains("not assessable from coordinates", a.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("WD40 arginine hotspot", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unannotated_fbxw7_record_is_not_called_and_the_gap_is_a_warning()
    {
        // Inside the FBXW7 span (GRCh38 chr4:152,320,544-152,536,092); without VEP/SnpEff nothing can name the codon.
        var (annotator, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + Chr4, "chr4  152328234  .  G  A  .  PASS  .  GT  0/1\n");
        Assert.Empty(LeukemiaVcf.Mutations(abn));
        var warning = Assert.Single(annotator.Warnings, w => w.Contains("FBXW7", StringComparison.Ordinal));
        Assert.Contains("asserts no FBXW7 codon or exon positions", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PHF6", "chrX", "NM_032458.3:c.820C>T", "ENSP00000359455.3:p.Arg274Ter", "stop_gained", "PHF6 p.R274*")]
    [InlineData("EP300", "chr22", "NM_001429.4:c.4174C>T", "ENSP00000263253.7:p.Arg1392Ter", "stop_gained", "EP300 p.R1392*")]
    [InlineData("PIK3R1", "chr5", "NM_181523.3:c.1392_1394del", "ENSP00000428056.1:p.Asp464del", "inframe_deletion", "PIK3R1 p.D464del")]
    [InlineData("DNMT3A", "chr2", "NM_022552.5:c.2645G>A", "ENSP00000264709.3:p.Arg882His", "missense_variant", "DNMT3A p.R882H")]
    [InlineData("IDH2", "chr15", "NM_002168.4:c.419G>A", "ENSP00000331897.4:p.Arg140Gln", "missense_variant", "IDH2 p.R140Q")]
    public void Vep_mutations_in_the_t_all_2024_genes_become_findings(string gene, string chrom, string hgvsc, string hgvsp, string consequence, string name)
    {
        // The annotator takes the gene from CSQ for these (PIK3R1, DNMT3A, IDH2 are not in the knowledge base's gene table);
        // the position is only where the record sits, not a knowledge-base fact.
        var csq = $"CSQ=A|{consequence}|MODERATE|{gene}|ENSG1|Transcript|ENST1|protein_coding|1/1||{hgvsc}|{hgvsp}|YES";
        var contigs = "##contig=<ID=chr2,length=242193529>\n##contig=<ID=chr5,length=181538259>\n##contig=<ID=chr15,length=101991189>\n##contig=<ID=chr22,length=50818468>\n##contig=<ID=chrX,length=156040895>\n";
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + contigs + LeukemiaVcf.Csq, $"{chrom}  1000000  .  G  A  .  PASS  {csq}  GT  0/1\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal(name, a.Name);
        Assert.Equal("mutation", a.Category);
        Assert.Equal([gene], a.Genes);
        Assert.True(SmallVariantAnnotator.CarriesConsequence(a));
    }

    [Fact]
    public void Hotspot_finding_without_consequence_does_not_mark_the_file_annotated()
    {
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr12  25245350  .  C  T  .  PASS  .  GT  0/1\n");
        Assert.False(SmallVariantAnnotator.CarriesConsequence(Assert.Single(LeukemiaVcf.Mutations(abn))));
    }

    [Fact]
    public void Filtered_and_unknown_contigs_give_nothing()
    {
        var (_, per, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + "##contig=<ID=chr12_KI270834v1_alt,length=1000>\n", "chr12  25245350  .  C  T  .  LowQual  .  GT  0/1\nchr12_KI270834v1_alt  500  .  C  T  .  PASS  .  GT  0/1\n");
        Assert.Empty(LeukemiaVcf.Mutations(abn));
        Assert.NotNull(per[0][0].Hotspot);
        Assert.Null(per[1][0].Hotspot);
        Assert.Null(per[1][0].Gene);
    }

    [Fact]
    public void Undetermined_assembly_skips_coordinate_rules_and_warns()
    {
        var (annotator, _, abn) = LeukemiaVcf.Run(string.Empty, "chr12  25245350  .  C  T  .  PASS  .  GT  0/1\n");
        Assert.Null(annotator.Assembly.Assembly);
        Assert.Empty(abn);
        Assert.Contains(annotator.Warnings, w => w.Contains("--assembly", StringComparison.Ordinal));
        var (forced, _, abn2) = LeukemiaVcf.Run(string.Empty, "chr12  25245350  .  C  T  .  PASS  .  GT  0/1\n", forced: GenomeAssembly.GRCh38);
        Assert.Equal(GenomeAssembly.GRCh38, forced.Assembly.Assembly);
        Assert.Equal("KRAS p.G12D", Assert.Single(LeukemiaVcf.Mutations(abn2)).Name);
    }

    [Fact]
    public void Vep_csq_is_used_for_non_hotspot_variants()
    {
        // A PTEN frameshift deletion; VEP writes the deleted allele as "-" (first base shared).
        const string csq = "CSQ=-|frameshift_variant|HIGH|PTEN|ENSG00000171862|Transcript|ENST00000371953|protein_coding|5/9||ENST00000371953.8:c.389del|ENSP00000361021.3:p.Arg130GlnfsTer4|YES,-|downstream_gene_variant|MODIFIER|KLLN|ENSG1|Transcript|ENST1|protein_coding||||";
        var (_, per, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + LeukemiaVcf.Csq + "##contig=<ID=chr10,length=133797422>\n", $"chr10  87933147  .  CG  C  .  PASS  {csq}  GT  0/1\n");
        var ann = per[0][0];
        Assert.Equal("PTEN", ann.Gene);
        Assert.Equal("frameshift_variant", ann.Consequence);
        Assert.Equal("ENSP00000361021.3:p.Arg130GlnfsTer4", ann.HgvsP);
        Assert.Equal("PTEN p.R130QfsTer4".Replace("Ter", "*", StringComparison.Ordinal), Assert.Single(LeukemiaVcf.Mutations(abn)).Name);
    }

    // A GATK joint-called record with a spanning deletion: VEP ignores '*' when trimming the shared first base, so the
    // deletion is still written '-' and must still be matched.
    [Fact]
    public void Vep_csq_matches_the_alleles_of_a_record_with_a_spanning_deletion()
    {
        const string csq = "CSQ=-|frameshift_variant|HIGH|PTEN|ENSG00000171862|Transcript|ENST00000371953|protein_coding|5/9||ENST00000371953.8:c.389del|ENSP00000361021.3:p.Arg130GlnfsTer4|YES";
        var (_, per, _) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + LeukemiaVcf.Csq + "##contig=<ID=chr10,length=133797422>\n", $"chr10  87933147  .  CG  C,*  .  PASS  {csq}  GT  0/1\n");
        Assert.Equal(("PTEN", "frameshift_variant"), (per[0][0].Gene, per[0][0].Consequence));
    }

    [Fact]
    public void Snpeff_ann_with_notch1_hd_domain()
    {
        // NOTCH1 exon 26 (HD-N) is chr9:136,504,673-136,505,104 on GRCh38 (ALL-knowledge.md 4.3).
        const string ann = "ANN=G|missense_variant|MODERATE|NOTCH1|ENSG00000148400|transcript|ENST00000277541.7|protein_coding|26/34|c.4802T>C|p.Leu1601Pro|||||";
        var (_, per, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + LeukemiaVcf.Ann, $"chr9  136504800  .  A  G  .  PASS  {ann}  GT  0/1\n");
        Assert.Equal("missense_variant", per[0][0].Consequence);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("NOTCH1 p.L1601P", a.Name);
        Assert.Contains("NOTCH1 HD domain (exon 26", a.Detail, StringComparison.Ordinal);
        Assert.Equal(Certainty.Partial, a.Certainty);
    }

    [Fact]
    public void Notch1_pest_frameshift_without_annotation()
    {
        // Exon 34 (TAD/PEST) GRCh38 chr9:136,494,444-136,497,558; a 1-base insertion is a frameshift.
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr9  136496000  .  G  GA  .  PASS  .  GT  0/1\n");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("NOTCH1 PEST/TAD variant", a.Name);
        // An in-frame indel in PEST is not the truncating class the rule counts.
        var (_, _, none) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr9  136496000  .  G  GAAA  .  PASS  .  GT  0/1\n");
        Assert.Empty(LeukemiaVcf.Mutations(none));
    }

    [Fact]
    public void Germline_specimen_flags_predisposition_genes_only()
    {
        // TP53 R248Q (chr17:7674220 C>T) in a germline sample; JAK2 V617F (chr9:5073770 G>T, not a predisposition gene) is not reported.
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr9  5073770  .  G  T  .  PASS  .  GT  0/1\nchr17  7674220  .  C  T  .  PASS  .  GT  0/1\n", SpecimenType.Germline);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("TP53 p.R248Q", a.Name);
        Assert.Equal("germline", a.Category);
        Assert.Equal("germline", a.GeneticOrigin);
        Assert.Contains("pathogenicity not assessed", a.Detail, StringComparison.Ordinal);
        Assert.Equal(Certainty.VerifiedData, a.Certainty);
    }

    // The knowledge base vouches for the gene, not for a variant of unassessed pathogenicity: Partial unless a hotspot.
    [Fact]
    public void Germline_variant_that_is_no_hotspot_is_partial()
    {
        const string csq = "CSQ=T|missense_variant|MODERATE|ETV6|ENSG00000139083|Transcript|ENST00000396373|protein_coding|5/8||ENST00000396373.9:c.601C>T|ENSP00000379658.4:p.Pro201Ser|YES";
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs + LeukemiaVcf.Csq, $"chr12  11800000  .  C  T  .  PASS  {csq}  GT  0/1\n", SpecimenType.Germline);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal(("ETV6 p.P201S", "germline", Certainty.Partial), (a.Name, a.Category, a.Certainty));
    }

    [Fact]
    public void Unverified_predisposition_gene_is_flagged()
    {
        // KRAS as a RASopathy predisposition gene is [U] in ALL-knowledge.md 6.
        var (_, _, abn) = LeukemiaVcf.Run(LeukemiaVcf.Grch38Contigs, "chr12  25245350  .  C  T  .  PASS  .  GT  0/1\n", SpecimenType.Normal);
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("germline", a.Category);
        Assert.Equal(Certainty.Unverified, a.Certainty);
        Assert.Contains("[U]", a.Detail, StringComparison.Ordinal);
    }

    // A variant the matched normal carries too is germline (TP53 p.R248Q in Li-Fraumeni), one it lacks somatic.
    [Theory]
    [InlineData("0/1:0.49", "germline")]
    [InlineData("0/0:0.0", "somatic")]
    public void Tumour_normal_pair_gives_each_variant_its_origin_from_the_normal(string normal, string origin)
    {
        var (_, _, abn) = LeukemiaVcf.Run("##tumor_sample=T\n##normal_sample=N\n" + LeukemiaVcf.Grch38Contigs, $"chr17  7674220  .  C  T  .  PASS  .  GT:AF  {normal}  0/1:0.5\n", samples: "N,T");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal(("TP53 p.R248Q", origin), (a.Name, a.GeneticOrigin));
        Assert.Equal(origin == "germline", a.Detail.Contains("also in the matched normal (0/1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Tumour_normal_pair_uses_the_declared_tumour_column()
    {
        var (_, _, abn) = LeukemiaVcf.Run("##tumor_sample=T\n##normal_sample=N\n" + LeukemiaVcf.Grch38Contigs, "chr12  25245350  .  C  T  .  PASS  .  GT:AF  0/0:0.0  0/1:0.25\n", samples: "N,T");
        var a = Assert.Single(LeukemiaVcf.Mutations(abn));
        Assert.Equal("somatic", a.GeneticOrigin);
        Assert.Contains("VAF 0.25", a.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Trimming()
    {
        Assert.Equal(new TrimmedAllele(101, "C", "T"), TrimmedAllele.Trim(100, "ACA", "ATA"));
        Assert.Equal(new TrimmedAllele(101, "TG", string.Empty), TrimmedAllele.Trim(100, "ATG", "A"));
        Assert.Equal(new TrimmedAllele(101, string.Empty, "GG"), TrimmedAllele.Trim(100, "A", "AGG"));
    }
}
