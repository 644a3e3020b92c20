using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

/// <summary>
/// The 2024 NGS T-ALL classifier (ALL-knowledge.md §2.4 [V]): low risk = NOTCH1/FBXW7, PHF6 or EP300 mutation without
/// NRAS/KRAS, PTEN/PIK3CA/PIK3R1, TP53, DNMT3A, IDH1/2 or IKZF1 alteration; labels worked out by hand per row.
/// </summary>
public sealed class TallNgs2024RuleTests
{
    private static readonly Dictionary<string, string> TLineage = new() { ["lineage"] = "T", ["age_years"] = "30" };

    /// <summary>A T-ALL specimen; PTEN, TP53 and IKZF1 called not deleted unless listed; consequences annotated unless told.</summary>
    private static SpecimenFindings Make(string[] findings, string[]? deleted = null, string[]? noCall = null, bool? annotated = true, bool smallVariants = true, bool copyNumber = true)
    {
        var f = Findings.Make(findings, deleted: deleted, noCall: noCall, clinical: TLineage, smallVariants: smallVariants, copyNumber: copyNumber);
        var states = new Dictionary<string, GeneCopyState>(f.GeneStates);
        if (!(noCall ?? []).Contains("TP53"))
        {
            states.TryAdd("TP53", GeneCopyState.NotDeleted);
        }

        return f with { GeneStates = states, ConsequencesAnnotated = annotated };
    }

    private static ClassificationRow Row(SpecimenFindings f) => Findings.Row(f, TallNgs2024Rule.Scheme);

    [Theory]
    [InlineData(new[] { "NOTCH1 p.L1601P" }, new string[0], "low risk")]
    [InlineData(new[] { "FBXW7 p.R465C" }, new string[0], "low risk")]
    [InlineData(new[] { "PHF6 p.R274*" }, new string[0], "low risk")]
    [InlineData(new[] { "EP300 p.R1392*" }, new string[0], "low risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "FBXW7 p.R465C", "PHF6 p.R274*" }, new string[0], "low risk")]
    [InlineData(new string[0], new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "NRAS p.G12D" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "KRAS p.G12D" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "PTEN p.R130*" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "PIK3CA p.H1047R" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "PIK3R1 p.D464del" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "TP53 p.R248Q" }, new string[0], "high risk")]
    [InlineData(new[] { "PHF6 p.R274*", "DNMT3A p.R882H" }, new string[0], "high risk")]
    [InlineData(new[] { "EP300 p.R1392*", "IDH1 p.R132H" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "IDH2 p.R140Q" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P", "IKZF1 p.N159Y" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P" }, new[] { "PTEN" }, "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P" }, new[] { "IKZF1" }, "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1601P" }, new[] { "CDKN2A" }, "low risk")]  // not in the 2024 adverse list
    [InlineData(new[] { "JAK3 p.M511I" }, new string[0], "high risk")]        // neither list: N/F/PHF6/EP300 wild type
    public void Each_branch(string[] findings, string[] deleted, string label)
    {
        var row = Row(Make(findings, deleted));
        Assert.Equal((label, true), (row.Label, row.Assessable));
        Assert.Equal(TallNgs2024Rule.Version, row.RuleVersion);
    }

    [Fact]
    public void Tp53_deletion_is_an_alteration()
    {
        var f = Make(["NOTCH1 p.L1601P"]);
        var states = new Dictionary<string, GeneCopyState>(f.GeneStates) { ["TP53"] = GeneCopyState.HeterozygousDeletion };
        Assert.Equal("high risk", Row(f with { GeneStates = states }).Label);
    }

    [Fact]
    public void Missing_deletion_calls_make_a_favourable_specimen_not_assessable_but_not_an_adverse_one()
    {
        var missing = Row(Make(["NOTCH1 p.L1601P"], noCall: ["TP53"]));
        Assert.Equal(("not assessable", false), (missing.Label, missing.Assessable));
        Assert.Contains("TP53 deletion", missing.Evidence, StringComparison.Ordinal);
        // A KRAS mutation decides high risk whatever the missing deletions are.
        Assert.Equal("high risk", Row(Make(["NOTCH1 p.L1601P", "KRAS p.G12D"], noCall: ["TP53", "PTEN", "IKZF1"])).Label);
        // No favourable mutation decides high risk too.
        Assert.Equal("high risk", Row(Make([], noCall: ["PTEN"])).Label);
        Assert.Equal("not assessable", Row(Make(["NOTCH1 p.L1601P"], copyNumber: false, noCall: ["PTEN", "TP53", "IKZF1"])).Label);
    }

    [Fact]
    public void Without_consequences_a_missing_mutation_is_not_wild_type()
    {
        // A NOTCH1 domain call without VEP/SnpEff: PIK3CA, DNMT3A … could be mutated unseen.
        var favourable = Row(Make(["NOTCH1 p.L1601P"], annotated: false));
        Assert.Equal("not assessable", favourable.Label);
        Assert.Contains("adverse mutations", favourable.Evidence, StringComparison.Ordinal);
        Assert.Contains("without VEP/SnpEff consequences", favourable.Evidence, StringComparison.Ordinal);
        // Nothing found: a PHF6 mutation could be missed, so not "high risk" either.
        Assert.Equal("not assessable", Row(Make([], annotated: false)).Label);
        // A hotspot seen without annotation still decides high risk.
        Assert.Equal("high risk", Row(Make(["NRAS p.G12D"], annotated: false)).Label);
        Assert.Equal("not assessable", Row(Make(["NOTCH1 p.L1601P"], smallVariants: false)).Label);
    }

    [Fact]
    public void Annotation_is_inferred_from_the_findings_when_the_ingest_does_not_say()
    {
        var vep = new Abnormality("PHF6 p.R274*", "mutation", ["PHF6"], "VEP: stop_gained NM_032458.3:c.820C>T ENSP00000359455.3:p.Arg274Ter; GT 0/1", "t.vcf:11", "unknown", Certainty.VerifiedData);
        var f = Make([], annotated: null);
        Assert.Equal("not assessable", Row(f).Label);
        Assert.Equal("low risk", Row(f with { Abnormalities = [vep] }).Label);
    }

    [Fact]
    public void Only_for_t_lineage_and_next_to_nfrp()
    {
        var t = Make(["NOTCH1 p.L1601P"]);
        var schemes = Classifier.Specimen(t, ClassificationOptions.Default).Select(r => r.Scheme).ToList();
        Assert.Equal(schemes.IndexOf(NfrpRule.Scheme) + 1, schemes.IndexOf(TallNgs2024Rule.Scheme));
        Assert.DoesNotContain(Classifier.Specimen(Findings.Make(["NOTCH1 p.L1601P"]), ClassificationOptions.Default), r => r.Scheme == TallNgs2024Rule.Scheme);
    }

    [Fact]
    public void Nfrp_and_2024_can_disagree()
    {
        // PHF6 alone is favourable only in 2024; NFRP needs NOTCH1/FBXW7.
        var f = Make(["PHF6 p.R274*"]);
        Assert.Equal("high risk", Findings.Row(f, NfrpRule.Scheme).Label);
        Assert.Equal("low risk", Row(f).Label);
    }
}
