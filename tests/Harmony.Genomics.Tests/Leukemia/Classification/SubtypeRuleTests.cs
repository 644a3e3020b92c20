using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

public sealed class SubtypeRuleTests
{
    [Theory]
    [InlineData("BCR::ABL1", "B-ALL with BCR::ABL1 fusion", "B-ALL with t(9;22)(q34.1;q11.2)/BCR::ABL1")]
    [InlineData("KMT2A::AFF1", "B-ALL with KMT2A rearrangement", "B-ALL with t(v;11q23.3)/KMT2A rearranged")]
    [InlineData("ETV6::RUNX1", "B-ALL with ETV6::RUNX1 fusion", "B-ALL with t(12;21)(p13.2;q22.1)/ETV6::RUNX1")]
    [InlineData("TCF3::PBX1", "B-ALL with TCF3::PBX1 fusion", "B-ALL with t(1;19)(q23.3;p13.3)/TCF3::PBX1")]
    [InlineData("TCF3::HLF", "B-ALL with TCF3::HLF fusion", "B-ALL with HLF rearrangement")]
    [InlineData("TCF4::HLF", "B-ALL with other defined genetic abnormalities", "B-ALL with HLF rearrangement")]
    [InlineData("IGH::IL3", "B-ALL with IGH::IL3 fusion", "B-ALL with t(5;14)(q31.1;q32.3)/IL3::IGH")]
    [InlineData("IGH::DUX4", "B-ALL with other defined genetic abnormalities", "B-ALL with DUX4 rearrangement")]
    [InlineData("MEF2D::BCL9", "B-ALL with other defined genetic abnormalities", "B-ALL with MEF2D rearrangement")]
    [InlineData("EP300::ZNF384", "B-ALL with other defined genetic abnormalities", "B-ALL with ZNF384(362) rearrangement")]
    [InlineData("ACIN1::NUTM1", "B-ALL with other defined genetic abnormalities", "B-ALL with NUTM1 rearrangement")]
    [InlineData("IGH::MYC", "B-ALL with other defined genetic abnormalities", "B-ALL with MYC rearrangement")]
    [InlineData("UBTF::ATXN7L3", "B-ALL with other defined genetic abnormalities", "B-ALL with UBTF::ATXN7L3/PAN3,CDX2")]
    [InlineData("EBF1::PDGFRB", "B-ALL with BCR::ABL1-like features", "B-ALL, BCR::ABL1-like, ABL-1 class rearranged")]
    [InlineData("PAX5::JAK2", "B-ALL with BCR::ABL1-like features", "B-ALL, BCR::ABL1-like, JAK-STAT activated")]
    [InlineData("PAX5::NOL4L", "B-ALL with other defined genetic abnormalities", "B-ALL with PAX5 alteration (provisional)")]
    [InlineData("high hyperdiploidy", "B-ALL with high hyperdiploidy", "B-ALL, hyperdiploid")]
    [InlineData("near-haploidy", "B-ALL with hypodiploidy", "B-ALL, near haploid")]
    [InlineData("low hypodiploidy", "B-ALL with hypodiploidy", "B-ALL, low hypodiploid")]
    [InlineData("iAMP21", "B-ALL with iAMP21", "B-ALL with iAMP21")]
    [InlineData("PAX5 p.P80R", "B-ALL with other defined genetic abnormalities", "B-ALL with mutated PAX5 P80R")]
    [InlineData("IKZF1 p.N159Y", "B-ALL with other defined genetic abnormalities", "B-ALL with mutated IKZF1 N159Y")]
    public void DefiningLesionGivesEntity(string finding, string who, string icc)
    {
        var f = Findings.Make([finding]);
        Assert.Equal(who, Findings.Row(f, SubtypeRule.Who).Label);
        Assert.Equal(icc, Findings.Row(f, SubtypeRule.Icc).Label);
        Assert.True(Findings.Row(f, SubtypeRule.Who).Assessable);
    }

    [Fact]
    public void FusionTakesPrecedenceOverHyperdiploidyAndSaysSo()
    {
        var row = Findings.Row(Findings.Make(["high hyperdiploidy", "ETV6::RUNX1"]), SubtypeRule.Who);
        Assert.Equal("B-ALL with ETV6::RUNX1 fusion", row.Label);
        Assert.Contains("also present", row.Evidence);
        Assert.Contains("high hyperdiploidy", row.Evidence);
    }

    [Fact]
    public void NoLesionWithAllDataIsNos()
    {
        var row = Findings.Row(Findings.Make(), SubtypeRule.Icc);
        Assert.Equal("B-ALL, NOS", row.Label);
        Assert.Contains("not assessable from DNA", row.Evidence);
    }

    [Theory]
    [InlineData("P2RY8::CRLF2")]
    [InlineData("ETV6::FOXO1")]
    public void SupportiveOnlyIsNotAssessableFromDna(string fusion)
    {
        var row = Findings.Row(Findings.Make([fusion]), SubtypeRule.Who);
        Assert.Equal(SubtypeRule.NotFromDna, row.Label);
        Assert.False(row.Assessable);
    }

    [Fact]
    public void ErgDeletionAloneIsNotAssessableFromDna() =>
        Assert.Equal(SubtypeRule.NotFromDna, Findings.Row(Findings.Make(deleted: ["ERG"]), SubtypeRule.Icc).Label);

    [Fact]
    public void MissingDataIsNotAssessable()
    {
        Assert.Equal("not assessable", Findings.Row(Findings.Make(copyNumber: false), SubtypeRule.Who).Label);
        Assert.Equal("not assessable", Findings.Row(Findings.Make(rearrangements: false), SubtypeRule.Who).Label);
        // Hyperdiploidy without SV/fusion data: ETV6::RUNX1 cannot be excluded.
        Assert.Equal("not assessable", Findings.Row(Findings.Make(["high hyperdiploidy"], rearrangements: false), SubtypeRule.Who).Label);
        // A fusion is enough without copy-number data.
        Assert.Equal("B-ALL with BCR::ABL1 fusion", Findings.Row(Findings.Make(["BCR::ABL1"], copyNumber: false), SubtypeRule.Who).Label);
    }

    [Fact]
    public void MaskedHypodiploidyBlocksHyperdiploidy() =>
        Assert.Equal("not assessable", Findings.Row(Findings.Make(["high hyperdiploidy", "possible masked hypodiploidy"]), SubtypeRule.Who).Label);

    [Fact]
    public void TLineageGivesTAllAndNoBCellSchemes()
    {
        var f = Findings.Make(clinical: new() { ["immunophenotype"] = "T-ALL", ["age_years"] = "10" });
        Assert.Equal("T-lymphoblastic leukaemia/lymphoma, NOS", Findings.Row(f, SubtypeRule.Who).Label);
        Assert.DoesNotContain(Classifier.Specimen(f, ClassificationOptions.Default), r => r.Scheme == UkallCnaRule.Scheme);
        var etp = Findings.Make(clinical: new() { ["immunophenotype"] = "ETP-ALL" });
        Assert.Equal("Early T-precursor lymphoblastic leukaemia/lymphoma", Findings.Row(etp, SubtypeRule.Who).Label);
    }
}
