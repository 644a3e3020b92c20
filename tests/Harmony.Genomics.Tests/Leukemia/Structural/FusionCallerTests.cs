using System.Text;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Tests.Formats.Calls;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>
/// Fusion naming from literal breakends: gene spans and strands are the knowledge base's (ALL-knowledge.md §7.1),
/// the sides follow VCF 4.3 §5.4; each expected name was worked out by hand from strand and side.
/// </summary>
public sealed class FusionCallerTests
{
    private static IReadOnlyList<FusionFinding> Call(string records, GenomeAssembly assembly = GenomeAssembly.GRCh38)
    {
        var caller = new FusionCaller(assembly);
        caller.AddStructuralVariants(StructuralVariantReaderTests.Parse(records), "sv.vcf");
        return caller.Findings();
    }

    // The one finding of a record, named expected; none when expected is null.
    private static FusionFinding? Expect(string record, string? expected, GenomeAssembly assembly = GenomeAssembly.GRCh38)
    {
        var findings = Call(record + "\n", assembly);
        if (expected is null)
        {
            Assert.Empty(findings);
            return null;
        }

        var finding = Assert.Single(findings);
        Assert.Equal(expected, finding.Fusion);
        return finding;
    }

    [Theory]
    // BCR (+) keeps its left side (5'), ABL1 (+) its right side (3'): t[p[ from the BCR end.
    [InlineData("chr22\t23290413\tb1\tN\tN[chr9:130854064[\t.\tPASS\tSVTYPE=BND", "BCR::ABL1")]
    // The same junction written from the ABL1 end: ]p]t keeps ABL1's right side, BCR's left side.
    [InlineData("chr9\t130854064\tb2\tN\t]chr22:23290413]N\t.\tPASS\tSVTYPE=BND", "BCR::ABL1")]
    // ETV6 (+) left side is 5'; RUNX1 (-) left side is its 3' part: t]p].
    [InlineData("chr12\t11850000\tb1\tN\tN]chr21:35000000]\t.\tPASS\tSVTYPE=BND", "ETV6::RUNX1")]
    // TCF3 (-) right side is its 5' part; PBX1 (+) right side is 3': [p[t.
    [InlineData("chr19\t1615286\tb1\tN\t[chr1:164792423[N\t.\tPASS\tSVTYPE=BND", "TCF3::PBX1")]
    [InlineData("chr19\t1615286\tb1\tN\t[chr17:55300000[N\t.\tPASS\tSVTYPE=BND", "TCF3::HLF")]
    // Written from the 3' partner: AFF1 (+) keeps its right side, KMT2A (+) its left side.
    [InlineData("chr4\t87000000\tb1\tN\t]chr11:118480000]N\t.\tPASS\tSVTYPE=BND", "KMT2A::AFF1")]
    // PAR1 interstitial deletion from inside CRLF2 (-) to inside P2RY8 (-): CRLF2 keeps its left (3') side.
    [InlineData("chrX\t1200000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1500000", "P2RY8::CRLF2")]
    // IGH locus to 7.3 kb downstream of CRLF2 (intergenic): the locus is named first, the nearest gene is the partner.
    [InlineData("chr14\t106000000\tb1\tN\tN]chrX:1220000]\t.\tPASS\tSVTYPE=BND", "IGH::CRLF2")]
    // DELLY-style TRA with CT: ETV6 3' end (left) to RUNX1 3' end (left).
    [InlineData("chr12\t11850000\tt1\tN\t<TRA>\t.\tPASS\tSVTYPE=TRA;CHR2=chr21;END=35000000;CT=3to3", "ETV6::RUNX1")]
    public void Breakends_are_named_five_prime_to_three_prime(string record, string expected)
    {
        var finding = Assert.Single(Call(record + "\n"));
        Assert.Equal(expected, finding.Fusion);
    }

    /// <summary>
    /// Partners that had no gene row until ALL-KB 2026.12.1 (15 of MD-ALL's fusion features, and IL3): a junction in one of
    /// them names the fusion and its subtype, where it had named the anchor alone (?::JAK2) or nothing (PAX5 is no anchor).
    /// </summary>
    [Theory]
    // PCM1 (+) keeps its left side (5'), JAK2 (+) its right side (3'): t[p[ from the PCM1 end.
    [InlineData("chr8\t17950000\tb1\tN\tN[chr9:5080000[\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh38, "PCM1::JAK2", "Ph-like")]
    // PAX5 (-) keeps its right side (5'), AUTS2 (+) its right side (3'): [p[t.
    [InlineData("chr9\t36900000\tb1\tN\t[chr7:70000000[N\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh38, "PAX5::AUTS2", "PAX5alt")]
    // On GRCh37: PAX5 (-) keeps its right side, ZNF521 (-) its left side (3'): ]p]t.
    [InlineData("9\t36900000\tb1\tN\t]18:22800000]N\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh37, "PAX5::ZNF521", "PAX5alt")]
    // IGH locus to 5.6 kb upstream of IL3 (+), IL3 kept whole on the joined piece: the locus is named first. MD-ALL's
    // features have no IGH::IL3 row, so no subtype here; SubtypeRule names it from the fusion (SubtypeRuleTests).
    [InlineData("chr14\t106000000\tb1\tN\tN[chr5:132055000[\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh38, "IGH::IL3", null)]
    public void Partners_added_in_2026_12_1_name_their_fusions(string record, GenomeAssembly assembly, string expected, string? subtype)
    {
        Assert.Equal(subtype, Expect(record, expected, assembly)!.Subtype?.Subtype);
    }

    /// <summary>
    /// A promiscuous anchor gene joined to a place without a knowledge-base gene (chr1:151,051,000) still names its
    /// subtype (ALL-knowledge.md §3.5 rule 2): KMT2A as the 5' part, ABL1 as the 3' part (kinase kept). ABL1 as the 5'
    /// part loses its kinase domain; IKZF1 and ERG ('featured lesion') are no anchors.
    /// </summary>
    [Theory]
    [InlineData("chr11\t118480000\tb1\tN\tN[chr1:151051000[\t.\tPASS\tSVTYPE=BND", "KMT2A::?", "KMT2A")]
    [InlineData("chr9\t130854064\tb1\tN\t]chr1:151051000]N\t.\tPASS\tSVTYPE=BND", "?::ABL1", "Ph-like")]
    [InlineData("chr9\t130854064\tb1\tN\tN[chr1:151051000[\t.\tPASS\tSVTYPE=BND", null, null)]
    [InlineData("chr7\t50340000\tb1\tN\tN[chr1:151051000[\t.\tPASS\tSVTYPE=BND", null, null)]
    [InlineData("chr21\t38400000\tb1\tN\t]chr1:151051000]N\t.\tPASS\tSVTYPE=BND", null, null)]
    // A 220 kb deletion from a KMT2A intron past its 3' end: a local event, not a KMT2A rearrangement.
    [InlineData("chr11\t118480000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=118700000", null, null)]
    public void Anchor_gene_with_a_partner_the_knowledge_base_lacks_names_its_subtype(string record, string? expected, string? subtype)
    {
        if (Expect(record, expected) is not { } finding)
        {
            return;
        }

        Assert.Equal(subtype, finding.Subtype?.Subtype);
        Assert.Equal(Certainty.Partial, finding.Certainty);
        Assert.Contains("partner at chr1:151051000", Assert.Single(finding.Evidence).Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// IGH to the D4Z4 DUX4 region on GRCh37 (ALL-knowledge.md §3.3): the GRCh37 gene tables have no DUX4, so the
    /// junction named nothing and the patient was B-ALL, NOS; the knowledge base now gives DUX4 that region (Derived).
    /// </summary>
    [Fact]
    public void Grch37_igh_to_the_dux4_region_is_igh_dux4()
    {
        var finding = Assert.Single(Call("14\t106500000\tb1\tN\tN[4:190995000[\t.\tPASS\tSVTYPE=BND\n", GenomeAssembly.GRCh37));
        Assert.Equal("IGH::DUX4", finding.Fusion);
        Assert.Equal("DUX4", finding.Subtype?.Subtype);
        // The locus rule is [P] (§3.5 rule 3), weaker than the Derived span.
        Assert.Equal(Certainty.Partial, finding.Certainty);
    }

    [Fact]
    public void Grch37_coordinates_name_the_same_fusion()
    {
        Assert.Equal("BCR::ABL1", Assert.Single(Call("22\t23632600\tb1\tN\tN[9:133729450[\t.\tPASS\tSVTYPE=BND\n", GenomeAssembly.GRCh37)).Fusion);
    }

    [Fact]
    public void Head_to_head_junction_is_not_a_sense_fusion_and_filtered_records_are_skipped()
    {
        Assert.Empty(Call("chr22\t23290413\tb1\tN\tN]chr9:130854064]\t.\tPASS\tSVTYPE=BND\n"));
        Assert.Empty(Call("chr22\t23290413\tb1\tN\tN[chr9:130854064[\t.\tLowQual\tSVTYPE=BND\n"));
    }

    [Fact]
    public void Mate_pair_and_reciprocal_junction_are_one_finding()
    {
        var findings = Call(
            "chr12\t11850000\tb1\tN\tN]chr21:35000000]\t.\tPASS\tSVTYPE=BND;MATEID=b2\n" +
            "chr21\t35000000\tb2\tN\tN]chr12:11850000]\t.\tPASS\tSVTYPE=BND;MATEID=b1\n" +
            "chr12\t11850001\tb3\tN\t[chr21:35000001[N\t.\tPASS\tSVTYPE=BND;MATEID=b4\n" +
            "chr21\t35000001\tb4\tN\t[chr12:11850001[N\t.\tPASS\tSVTYPE=BND;MATEID=b3\n");
        var finding = Assert.Single(findings);
        Assert.Equal("ETV6::RUNX1", finding.Fusion);
        Assert.Equal(2, finding.Evidence.Count);
        Assert.Equal("sv.vcf:13,14", finding.Evidence[0].Evidence);
        Assert.Contains("reciprocal junction RUNX1::ETV6", finding.Evidence[1].Detail, StringComparison.Ordinal);
        Assert.Equal("ETV6::RUNX1", finding.Subtype!.Subtype);
    }

    // A junction written three times (a mate pair and a single-record call of it, e.g. two callers' files
    // concatenated) lists all three lines; the third was dropped because the stale evidence was extended.
    [Fact]
    public void Every_record_of_one_junction_is_listed_in_its_evidence()
    {
        var finding = Assert.Single(Call(
            "chr12\t11850000\tb1\tN\tN]chr21:35000000]\t.\tPASS\tSVTYPE=BND;MATEID=b2\n" +
            "chr12\t11850000\td1\tN\tN]chr21:35000000]\t.\tPASS\tSVTYPE=BND\n" +
            "chr21\t35000000\tb2\tN\tN]chr12:11850000]\t.\tPASS\tSVTYPE=BND;MATEID=b1\n"));
        Assert.Equal("sv.vcf:13,14,15", Assert.Single(finding.Evidence).Evidence);
    }

    // Fusions are named 5'::3' (ALL-knowledge.md §0), whatever the alphabetical order of the genes: a translocation
    // seen at both junctions, at the reciprocal one alone, or without orientation is one finding under its name.
    [Theory]
    // der(22) BCR::ABL1 and der(9) ABL1::BCR.
    [InlineData("chr22\t23290413\tb1\tN\tN[chr9:130854064[\t.\tPASS\tSVTYPE=BND\nchr9\t130854063\tb3\tN\tN[chr22:23290414[\t.\tPASS\tSVTYPE=BND\n", "BCR::ABL1", 2, "Ph")]
    // The der(9) junction alone.
    [InlineData("chr9\t130854063\tb3\tN\tN[chr22:23290414[\t.\tPASS\tSVTYPE=BND\n", "BCR::ABL1", 1, "Ph")]
    // A translocation record without orientation: named in the knowledge base's order.
    [InlineData("chr22\t23290413\tt1\tN\t<TRA>\t.\tPASS\tSVTYPE=TRA;CHR2=chr9;END=130854064\n", "BCR::ABL1", 1, "Ph")]
    // der(19) TCF3::PBX1 and der(1) PBX1::TCF3.
    [InlineData("chr19\t1615286\tb1\tN\t[chr1:164792423[N\t.\tPASS\tSVTYPE=BND\nchr1\t164792422\tb3\tN\tN]chr19:1615285]\t.\tPASS\tSVTYPE=BND\n", "TCF3::PBX1", 2, "TCF3::PBX1")]
    public void Reciprocal_and_unoriented_junctions_are_named_five_prime_to_three_prime(string records, string expected, int evidence, string subtype)
    {
        var finding = Assert.Single(Call(records));
        Assert.Equal(expected, finding.Fusion);
        Assert.Equal(expected.Split("::"), finding.Genes);
        Assert.Equal(evidence, finding.Evidence.Count);
        Assert.Equal(subtype, finding.Subtype!.Subtype);
    }

    // A deletion- or duplication-type junction on one chromosome is the reciprocal of no balanced rearrangement: a
    // tandem duplication from inside PDGFRB (-) to inside EBF1 (-) keeps PDGFRB's right (5') side and EBF1's left (3')
    // side, i.e. PDGFRB::EBF1 without the PDGFRB kinase domain, not the deletion's EBF1::PDGFRB; likewise CRLF2::P2RY8
    // from a PAR1 duplication is not P2RY8::CRLF2. An inversion-type junction on one chromosome still folds.
    [Theory]
    [InlineData("chr5\t150130000\tdup1\tN\t<DUP:TANDEM>\t.\tPASS\tSVTYPE=DUP;END=158900000", "PDGFRB::EBF1")]
    [InlineData("chr5\t150130000\tb1\tN\t]chr5:158900000]N\t.\tPASS\tSVTYPE=BND", "PDGFRB::EBF1")]
    [InlineData("chrX\t1200000\tdup1\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=1500000", "CRLF2::P2RY8")]
    [InlineData("chr5\t150130000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=158900000", null)]
    public void Duplication_type_junction_is_not_folded_into_the_deletion_fusion(string record, string? expected)
    {
        var finding = Assert.Single(Call(record + "\n"));
        if (expected is null)
        {
            // The deletion itself: POS in PDGFRB keeps its left (3') side, END in EBF1 its right (5') side, so
            // EBF1::PDGFRB directly, without a reciprocal note.
            Assert.Equal("EBF1::PDGFRB", finding.Fusion);
            Assert.DoesNotContain("reciprocal", finding.Evidence[0].Detail, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(expected, finding.Fusion);
        Assert.Equal(expected.Split("::"), finding.Genes);
        Assert.DoesNotContain("reciprocal", finding.Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Inversion_type_reciprocal_junction_on_one_chromosome_is_still_folded()
    {
        // BCL9 (+) keeps its left (5') side, MEF2D (-) its left (3') side: t]p], the other junction of the inversion
        // that makes MEF2D::BCL9.
        var finding = Assert.Single(Call("chr1\t147600000\tb1\tN\tN]chr1:156480000]\t.\tPASS\tSVTYPE=BND\n"));
        Assert.Equal("MEF2D::BCL9", finding.Fusion);
        Assert.Contains("reciprocal junction BCL9::MEF2D", finding.Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Deletion_and_duplication_of_the_same_pair_are_two_findings()
    {
        var findings = Call(
            "chr5\t150130000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=158900000\n" +
            "chr5\t150140000\tdup1\tN\t<DUP:TANDEM>\t.\tPASS\tSVTYPE=DUP;END=158800000\n");
        Assert.Equal(["EBF1::PDGFRB", "PDGFRB::EBF1"], findings.Select(f => f.Fusion).ToArray());
        Assert.All(findings, f => Assert.Single(f.Evidence));
    }

    // The PAR1 deletion of P2RY8::CRLF2 breaks in P2RY8 and upstream of CRLF2 (- strand, 5' end at 1,212,750 on
    // GRCh38), keeping CRLF2 whole; a deletion whose left end is further away, or that removes CRLF2, names nothing.
    [Theory]
    [InlineData("chrX\t1214000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1500000", "P2RY8::CRLF2")]
    [InlineData("chrX\t1213500\td1\tN\t<DEL>\t.\tPASS\tIMPRECISE;SVTYPE=DEL;END=1500000;CIPOS=-50,50", "P2RY8::CRLF2")]
    [InlineData("chrX\t1240000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1500000", null)]
    public void Promoter_swap_names_the_gene_kept_whole_downstream_of_the_breakpoint(string record, string? expected)
    {
        if (Expect(record, expected) is not { } finding)
        {
            return;
        }

        Assert.Contains("upstream of CRLF2, which is kept whole", finding.Evidence[0].Detail, StringComparison.Ordinal);
        // A featured fusion of Ph-like (MD-ALL), not the lesion iAMP21 merely features.
        Assert.Equal("Ph-like", finding.Subtype!.Subtype);
    }

    [Fact]
    public void Sv_pair_and_rna_fusion_of_the_same_event_are_one_finding_with_both_evidences()
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38);
        caller.AddStructuralVariants(StructuralVariantReaderTests.Parse("chr12\t11850000\tb1\tN\tN]chr21:35000000]\t.\tPASS\tSVTYPE=BND\n"), "sv.vcf");
        var rna = FusionTableReader.Parse(Encoding.UTF8.GetBytes(FusionTableReaderTests.ArribaHeader + "ETV6\tRUNX1\t+/+\t-/-\tchr12:11869969\tchr21:34859474\tsplice-site\tsplice-site\ttranslocation\t10\t12\t7\t50\t60\thigh\tin-frame\tdownstream\tdownstream\n"), "fusions.tsv");
        caller.AddFusionCalls(rna, "fusions.tsv");
        var finding = Assert.Single(caller.Findings());
        Assert.Equal("ETV6::RUNX1", finding.Fusion);
        Assert.Equal(["DNA", "RNA"], finding.Evidence.Select(e => e.Molecule).ToArray());
        var abnormality = Assert.Single(caller.Abnormalities("unknown"));
        Assert.Equal("sv.vcf:13; fusions.tsv:2", abnormality.Evidence);
        Assert.Contains("evidence from DNA and RNA", abnormality.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// RNA read support (--fusion-reads): MD-ALL's rule (ALL-knowledge.md §3.5 rule 5), split reads and spanning pairs
    /// both at least 2 or at least 5 together, leaves a one-read call out and names it; off by default (Arriba's own
    /// high-confidence test call has 3 + 1 split reads), where a call Arriba rates 'low' is Partial evidence. A one-read
    /// 'low' BCR::ABL1 made a patient Ph+ with verified certainty.
    /// </summary>
    [Theory]
    [InlineData("1\t0\t0", 2, 5, false)]
    [InlineData("1\t1\t1", 2, 5, false)]
    [InlineData("1\t1\t2", 2, 5, true)]
    [InlineData("3\t2\t0", 2, 5, true)]
    [InlineData("1\t0\t0", 0, 0, true)]
    public void Rna_calls_need_the_read_support_asked_for_and_low_confidence_is_partial(string reads, int each, int total, bool kept)
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38, new StructuralCallOptions { FusionReadsEach = each, FusionReadsTotal = total });
        var rna = FusionTableReader.Parse(Encoding.UTF8.GetBytes(FusionTableReaderTests.ArribaHeader + $"BCR\tABL1\t+/+\t+/+\tchr22:23290413\tchr9:130854064\tsplice-site\tsplice-site\ttranslocation\t{reads}\t200\t150\tlow\t.\tdownstream\tupstream\n"), "fusions.tsv");
        caller.AddFusionCalls(rna, "fusions.tsv");
        var counts = reads.Split('\t').Select(int.Parse).ToArray();
        Assert.Equal(kept ? ["BCR::ABL1"] : [], caller.Findings().Select(f => f.Fusion));
        Assert.Equal(kept ? [] : [$"fusions.tsv:2 BCR::ABL1 ({counts[0] + counts[1]} split, {counts[2]} spanning)"], caller.LowSupportCalls);
        if (kept)
        {
            Assert.Equal(Certainty.Partial, caller.Findings()[0].Certainty);
        }
    }

    // IGHMBP2 (chr11) is a gene, not the IGH locus: its read-through to MRPL21 was named "IGH::MRPL21". A caller's IGH
    // gene name still names the locus on a contig the knowledge base does not place.
    [Theory]
    [InlineData("IGHMBP2\tMRPL21\t+/+\t-/-\tchr11:68935000\tchr11:68891000", "IGHMBP2::MRPL21")]
    [InlineData("IGHM\tCRLF2\t-/-\t-/-\tchr14_KI270726v1_random:40000\tchrX:1212600", "IGH::CRLF2")]
    public void A_caller_gene_named_igh_is_the_igh_locus_only_on_chr14_or_an_unplaced_contig(string row, string expected)
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38);
        var rna = FusionTableReader.Parse(Encoding.UTF8.GetBytes(FusionTableReaderTests.ArribaHeader + row + "\tsplice-site\tsplice-site\ttranslocation\t10\t12\t7\t50\t60\thigh\t.\tdownstream\tdownstream\n"), "fusions.tsv");
        caller.AddFusionCalls(rna, "fusions.tsv");
        Assert.Equal(expected, Assert.Single(caller.Findings()).Fusion);
    }

    // PAR1 genes are in the knowledge base on chrX only; a caller on a reference whose Y PAR is not masked, or a
    // t(Y;14), reports them on chrY (ALL-knowledge.md §3.4): the same base of the chrX copy names the gene (GRCh38: same
    // coordinates; GRCh37: Y PAR1 10,001-2,649,520 is X 60,001-2,699,520).
    [Theory]
    [InlineData("chr14\t106000000\tb1\tN\tN]chrY:1200000]\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh38, "IGH::CRLF2")]
    [InlineData("14\t106330000\tb1\tN\tN]Y:1270000]\t.\tPASS\tSVTYPE=BND", GenomeAssembly.GRCh37, "IGH::CRLF2")]
    [InlineData("Y\t1284000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1599000", GenomeAssembly.GRCh37, "P2RY8::CRLF2")]
    [InlineData("chrY\t1214000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1500000", GenomeAssembly.GRCh38, "P2RY8::CRLF2")]
    public void Chry_par1_breakpoints_name_the_par1_genes(string record, GenomeAssembly assembly, string expected)
    {
        Assert.Equal(expected, Assert.Single(Call(record + "\n", assembly)).Fusion);
        var caller = new FusionCaller(assembly);
        var annotated = caller.AddStructuralVariants(StructuralVariantReaderTests.Parse(record + "\n"), "sv.vcf");
        // structural_variants.gene/mate_gene name the PAR1 gene of the chrY breakend too.
        Assert.Contains(new[] { annotated[0].Gene, annotated[0].MateGene }, g => g is "CRLF2" or "P2RY8");
    }

    [Fact]
    public void Star_fusion_listing_and_annotation_of_every_record()
    {
        var caller = new FusionCaller(GenomeAssembly.GRCh38);
        var annotated = caller.AddStructuralVariants(StructuralVariantReaderTests.Parse("chr7\t50340000\td1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50390000\nchr1\t1000\ti\tN\t<INS>\t.\tPASS\tSVTYPE=INS\n"), "sv.vcf");
        Assert.Equal(("IKZF1", "IKZF1", (string?)null), (annotated[0].Gene, annotated[0].MateGene, annotated[0].Fusion));
        Assert.Null(annotated[1].Gene);
        Assert.Empty(caller.Findings());
    }
}
