using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Classification;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

public sealed class RiskRuleTests
{
    private static readonly Dictionary<string, string> Adult = new() { ["age_years"] = "34", ["immunophenotype"] = "B-ALL" };

    [Theory]
    [InlineData(new string[0], "intermediate risk")]
    [InlineData(new[] { "ETV6::RUNX1" }, "good risk")]
    [InlineData(new[] { "high hyperdiploidy" }, "good risk")]
    [InlineData(new[] { "BCR::ABL1" }, "poor risk")]
    [InlineData(new[] { "KMT2A::AFF1" }, "poor risk")]
    [InlineData(new[] { "near-haploidy" }, "poor risk")]
    [InlineData(new[] { "low hypodiploidy" }, "poor risk")]
    [InlineData(new[] { "iAMP21" }, "poor risk")]
    [InlineData(new[] { "TCF3::HLF" }, "poor risk")]
    [InlineData(new[] { "TCF3::PBX1" }, "intermediate risk")]
    [InlineData(new[] { "high hyperdiploidy", "KMT2A::MLLT1" }, "poor risk")]
    public void CytogeneticRisk(string[] findings, string label) =>
        Assert.Equal(label, Findings.Row(Findings.Make(findings), CytogeneticRiskRule.Scheme).Label);

    /// <summary>
    /// Without a lineage the B-ALL schemes still run (B lineage assumed, as the subtype row says); their evidence now says
    /// so too, where a confident 'good risk' read as if the lineage were known.
    /// </summary>
    [Fact]
    public void BAllSchemesSayWhenTheLineageIsAssumed()
    {
        var unknown = Classifier.Specimen(Findings.Make(clinical: new() { ["age_years"] = "6" }), ClassificationOptions.Default).Where(r => r.Scheme != "WHO-HAEM5" && r.Scheme != "ICC-2022").ToList();
        Assert.NotEmpty(unknown);
        Assert.All(unknown, r => Assert.StartsWith("lineage not given: B-lineage assumed; ", r.Evidence, StringComparison.Ordinal));
        var b = Classifier.Specimen(Findings.Make(clinical: new() { ["lineage"] = "B" }), ClassificationOptions.Default);
        Assert.DoesNotContain(b, r => r.Evidence.Contains("lineage not given", StringComparison.Ordinal));
    }

    [Fact]
    public void CytogeneticRiskNeedsBothDataKindsUnlessPoor()
    {
        Assert.Equal("not assessable", Findings.Row(Findings.Make(rearrangements: false), CytogeneticRiskRule.Scheme).Label);
        Assert.Equal("not assessable", Findings.Row(Findings.Make(["high hyperdiploidy"], rearrangements: false), CytogeneticRiskRule.Scheme).Label);
        Assert.Equal("poor risk", Findings.Row(Findings.Make(["iAMP21"], rearrangements: false), CytogeneticRiskRule.Scheme).Label);
        Assert.Contains("ADULT", Findings.Row(Findings.Make(clinical: Adult), CytogeneticRiskRule.Scheme).Evidence);
    }

    [Theory]
    [InlineData(new string[0], "good risk")]
    [InlineData(new[] { "ETV6" }, "good risk")]
    [InlineData(new[] { "PAX5" }, "good risk")]
    [InlineData(new[] { "BTG1" }, "good risk")]
    [InlineData(new[] { "ETV6", "BTG1" }, "good risk")]
    [InlineData(new[] { "ETV6", "PAX5" }, "good risk")]
    [InlineData(new[] { "ETV6", "CDKN2A" }, "good risk")]
    [InlineData(new[] { "ETV6", "CDKN2B" }, "good risk")]
    [InlineData(new[] { "ETV6", "CDKN2A", "CDKN2B" }, "good risk")]
    [InlineData(new[] { "IKZF1" }, "poor risk")]
    [InlineData(new[] { "CDKN2A" }, "poor risk")]
    [InlineData(new[] { "PAR1" }, "poor risk")]
    [InlineData(new[] { "EBF1" }, "poor risk")]
    [InlineData(new[] { "RB1" }, "poor risk")]
    [InlineData(new[] { "PAX5", "BTG1" }, "poor risk")]
    [InlineData(new[] { "ETV6", "RB1" }, "poor risk")]
    [InlineData(new[] { "ETV6", "PAX5", "BTG1" }, "poor risk")]
    [InlineData(new[] { "ERG" }, "good risk")]
    public void UkallCnaProfiles(string[] deleted, string label)
    {
        var row = Findings.Row(Findings.Make(deleted: deleted), UkallCnaRule.Scheme);
        Assert.Equal(label, row.Label);
        Assert.True(row.Assessable);
        Assert.DoesNotContain("ADULT", row.Evidence);
    }

    [Fact]
    public void UkallCnaMissingCalls()
    {
        // No call for RB1: good or poor depending on it.
        var missing = Findings.Row(Findings.Make(noCall: ["RB1"]), UkallCnaRule.Scheme);
        Assert.Equal("not assessable", missing.Label);
        Assert.Contains("RB1", missing.Evidence);
        // An IKZF1 deletion is poor whatever RB1 is.
        Assert.Equal("poor risk", Findings.Row(Findings.Make(deleted: ["IKZF1"], noCall: ["RB1"]), UkallCnaRule.Scheme).Label);
        // CDKN2A deleted, CDKN2B no call: the unit is deleted.
        Assert.Equal("poor risk", Findings.Row(Findings.Make(deleted: ["CDKN2A"], noCall: ["CDKN2B"]), UkallCnaRule.Scheme).Label);
    }

    [Fact]
    public void UkallCnaFlagsAdultsAndUnknownAge()
    {
        Assert.Contains("ADULT", Findings.Row(Findings.Make(clinical: Adult), UkallCnaRule.Scheme).Evidence);
        Assert.Contains("validated in children only", Findings.Row(Findings.Make(clinical: Adult), UkallCnaRule.Scheme).Evidence);
        Assert.Contains("AGE UNKNOWN", Findings.Row(Findings.Make(clinical: new() { ["lineage"] = "B" }), UkallCnaRule.Scheme).Evidence);
    }

    [Theory]
    [InlineData(new[] { "IKZF1", "CDKN2A" }, "IKZF1plus")]
    [InlineData(new[] { "IKZF1", "CDKN2B" }, "IKZF1plus")]
    [InlineData(new[] { "IKZF1", "PAX5" }, "IKZF1plus")]
    [InlineData(new[] { "IKZF1", "PAR1" }, "IKZF1plus")]
    [InlineData(new[] { "IKZF1", "PAX5", "PAR1" }, "IKZF1plus")]
    [InlineData(new[] { "IKZF1", "PAX5", "ERG" }, "not IKZF1plus")]
    [InlineData(new[] { "IKZF1" }, "not IKZF1plus")]
    [InlineData(new[] { "IKZF1", "ETV6", "BTG1", "RB1" }, "not IKZF1plus")]
    [InlineData(new[] { "CDKN2A", "PAX5", "PAR1" }, "not IKZF1plus")]
    [InlineData(new string[0], "not IKZF1plus")]
    public void Ikzf1PlusCombinations(string[] deleted, string label) =>
        Assert.Equal(label, Findings.Row(Findings.Make(deleted: deleted), Ikzf1PlusRule.Scheme).Label);

    // ALL-knowledge.md §2.1: PAR1 is deleted if a PAR1 deletion spans CSF2RA-IL3RA-P2RY8 or an SV joins P2RY8 to CRLF2.
    [Fact]
    public void P2ry8Crlf2JunctionInDna_CountsAsAPar1Deletion_RnaAloneDoesNot()
    {
        static SpecimenFindings With(string detail, string[]? noCall = null)
        {
            var f = Findings.Make(deleted: ["IKZF1"], noCall: noCall);
            return f with { Abnormalities = [.. f.Abnormalities, new Abnormality("P2RY8::CRLF2", "fusion", ["P2RY8", "CRLF2"], detail, "sv.vcf:12", "unknown", Certainty.VerifiedData)] };
        }

        var dna = With("evidence from DNA; B-ALL subtype iAMP21");
        var ikzf1plus = Findings.Row(dna, Ikzf1PlusRule.Scheme);
        Assert.Equal("IKZF1plus", ikzf1plus.Label);
        Assert.Contains("PAR1:het-del (P2RY8::CRLF2 junction)", ikzf1plus.Evidence, StringComparison.Ordinal);
        Assert.Contains("PAR1:het-del (P2RY8::CRLF2 junction)", Findings.Row(dna, UkallCnaRule.Scheme).Evidence, StringComparison.Ordinal);
        Assert.Equal("IKZF1plus", Findings.Row(With("evidence from DNA and RNA", noCall: ["PAR1"]), Ikzf1PlusRule.Scheme).Label);
        Assert.Equal("not IKZF1plus", Findings.Row(With("evidence from RNA"), Ikzf1PlusRule.Scheme).Label);
    }

    // SV data alone: only the genes an SV deletion hits have calls; the rows decide what those decide and say why the rest
    // have none.
    [Fact]
    public void Without_copy_number_the_deletion_rules_say_their_calls_come_from_sv_deletions_only()
    {
        var svOnly = Findings.Make(deleted: ["IKZF1"], noCall: [.. Findings.CnaGenes.Where(g => g != "IKZF1")], copyNumber: false);
        var cna = Findings.Row(svOnly, UkallCnaRule.Scheme);
        Assert.Equal(("poor risk", true), (cna.Label, cna.Assessable));
        Assert.Contains("no copy-number file: gene deletions only from SV DEL records", cna.Evidence, StringComparison.Ordinal);
        var plus = Findings.Row(svOnly, Ikzf1PlusRule.Scheme);
        Assert.Equal(("not assessable", false), (plus.Label, plus.Assessable));
        Assert.Contains("an SV caller's silence is not two copies", plus.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("no copy-number file", Findings.Row(Findings.Make(deleted: ["IKZF1"]), UkallCnaRule.Scheme).Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("no copy-number file", Findings.Row(Findings.Make(deleted: ["IKZF1"]), Ikzf1PlusRule.Scheme).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Ikzf1PlusHomozygousOptionAndMissingCalls()
    {
        var het = Findings.Make(deleted: ["IKZF1", "CDKN2A"]);
        var strict = new ClassificationOptions { Ikzf1PlusRequiresHomozygousCdkn2ab = true };
        Assert.Equal("IKZF1plus", Findings.Row(het, Ikzf1PlusRule.Scheme).Label);
        Assert.Contains("homozygous requirement [U] not applied", Findings.Row(het, Ikzf1PlusRule.Scheme).RuleVersion);
        Assert.Equal("not IKZF1plus", Findings.Row(het, Ikzf1PlusRule.Scheme, strict).Label);
        Assert.Equal("IKZF1plus", Findings.Row(Findings.Make(deleted: ["IKZF1"], homozygous: ["CDKN2A"]), Ikzf1PlusRule.Scheme, strict).Label);

        // ERG without a call decides IKZF1plus → not assessable; without IKZF1 deletion the answer is fixed.
        Assert.Equal("not assessable", Findings.Row(Findings.Make(deleted: ["IKZF1", "PAX5"], noCall: ["ERG"]), Ikzf1PlusRule.Scheme).Label);
        Assert.Equal("not IKZF1plus", Findings.Row(Findings.Make(noCall: ["ERG", "PAR1"]), Ikzf1PlusRule.Scheme).Label);
        Assert.Equal("not assessable", Findings.Row(Findings.Make(noCall: ["IKZF1"], deleted: ["PAX5"]), Ikzf1PlusRule.Scheme).Label);
        Assert.Contains("ADULT", Findings.Row(Findings.Make(deleted: ["IKZF1", "PAX5"], clinical: Adult), Ikzf1PlusRule.Scheme).Evidence);
    }

    [Fact]
    public void IntegratedGeneticRisk()
    {
        string Label(string[] findings, string[] deleted) => Findings.Row(Findings.Make(findings, deleted: deleted), IntegratedGeneticRiskRule.Scheme).Label;
        Assert.Equal("good risk", Label(["ETV6::RUNX1"], ["IKZF1"]));
        Assert.Equal("good risk", Label(["high hyperdiploidy"], ["RB1"]));
        Assert.Equal("poor risk", Label(["iAMP21"], []));
        Assert.Equal("good risk", Label([], ["ETV6"]));
        Assert.Equal("poor risk", Label([], ["IKZF1"]));
        Assert.Equal("not assessable", Findings.Row(Findings.Make(noCall: ["RB1"]), IntegratedGeneticRiskRule.Scheme).Label);
    }

    [Fact]
    public void HeHRiskOnlyForHyperdiploidAndUnverifiedRuleOffByDefault()
    {
        var chromosomes = new Dictionary<string, int> { ["chr5"] = 2, ["chr17"] = 3, ["chr18"] = 3, ["chr20"] = 2 };
        Assert.DoesNotContain(Classifier.Specimen(Findings.Make(chromosomes: chromosomes), ClassificationOptions.Default), r => r.Scheme == HeHRiskRule.Scheme);
        var heh = Findings.Make(["high hyperdiploidy"], chromosomes: chromosomes);
        var row = Findings.Row(heh, HeHRiskRule.Scheme);
        Assert.Equal("not assessable", row.Label);
        Assert.Contains("=5(2) +17(3) +18(3) =20(2)", row.Evidence);
        Assert.Contains("UNVERIFIED", row.Evidence);

        var on = new ClassificationOptions { ApplyUnverifiedHeHRule = true };
        Assert.Equal("good risk", Findings.Row(heh, HeHRiskRule.Scheme, on).Label);
        Assert.Contains("[U]", Findings.Row(heh, HeHRiskRule.Scheme, on).RuleVersion);
        var poor = Findings.Make(["high hyperdiploidy"], chromosomes: new() { ["chr5"] = 3, ["chr17"] = 3, ["chr18"] = 2, ["chr20"] = 3 });
        Assert.Equal("poor risk", Findings.Row(poor, HeHRiskRule.Scheme, on).Label);
        var none = Findings.Make(["high hyperdiploidy"], chromosomes: new() { ["chr5"] = 2, ["chr17"] = 2, ["chr18"] = 2, ["chr20"] = 2 });
        Assert.Equal("poor risk", Findings.Row(none, HeHRiskRule.Scheme, on).Label);
        var missing = Findings.Make(["high hyperdiploidy"], chromosomes: new() { ["chr5"] = 2, ["chr17"] = 3, ["chr18"] = 3 });
        Assert.Contains("?20", Findings.Row(missing, HeHRiskRule.Scheme, on).Evidence);
        Assert.False(Findings.Row(missing, HeHRiskRule.Scheme, on).Assessable);
    }

    [Theory]
    [InlineData(new[] { "NOTCH1 p.L1593P" }, new string[0], "low risk")]
    [InlineData(new[] { "FBXW7 p.R465C" }, new string[0], "low risk")]
    [InlineData(new[] { "NOTCH1 p.L1593P", "NRAS p.G12D" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1593P", "PTEN p.R130*" }, new string[0], "high risk")]
    [InlineData(new[] { "NOTCH1 p.L1593P" }, new[] { "PTEN" }, "high risk")]
    [InlineData(new string[0], new string[0], "high risk")]
    public void Nfrp(string[] findings, string[] deleted, string label)
    {
        var f = Findings.Make(findings, deleted: deleted, clinical: new() { ["lineage"] = "T", ["age_years"] = "30" }) with { ConsequencesAnnotated = true };
        Assert.Equal(label, Findings.Row(f, NfrpRule.Scheme).Label);
    }

    // Without VEP/SnpEff consequences a missing mutation is not wild type (ALL-knowledge.md §2.4 needs "no N-RAS/K-RAS
    // mutation AND no PTEN abnormality"): only what no missing mutation could change is assessable.
    [Theory]
    [InlineData(new[] { "FBXW7 p.R465C" }, "not assessable", "RAS mutations, PTEN mutations")]
    [InlineData(new string[0], "not assessable", "NOTCH1/FBXW7 mutations")]
    [InlineData(new[] { "NOTCH1 p.L1593P", "KRAS p.G12D" }, "high risk", "N/F mutated with RAS/PTEN alteration")]
    public void Nfrp_UnannotatedSmallVariants(string[] findings, string label, string evidence)
    {
        var f = Findings.Make(findings, clinical: new() { ["lineage"] = "T", ["age_years"] = "30" }) with { ConsequencesAnnotated = false };
        var row = Findings.Row(f, NfrpRule.Scheme);
        Assert.Equal(label, row.Label);
        Assert.Equal(label != "not assessable", row.Assessable);
        Assert.Contains(evidence, row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void NfrpNotAssessableAndOnlyForT()
    {
        var t = new Dictionary<string, string> { ["lineage"] = "T" };
        Assert.Equal("not assessable", Findings.Row(Findings.Make(["NOTCH1 p.L1593P"], noCall: ["PTEN"], clinical: t), NfrpRule.Scheme).Label);
        Assert.Equal("not assessable", Findings.Row(Findings.Make(smallVariants: false, clinical: t), NfrpRule.Scheme).Label);
        Assert.DoesNotContain(Classifier.Specimen(Findings.Make(["NOTCH1 p.L1593P"]), ClassificationOptions.Default), r => r.Scheme == NfrpRule.Scheme);
    }
}
