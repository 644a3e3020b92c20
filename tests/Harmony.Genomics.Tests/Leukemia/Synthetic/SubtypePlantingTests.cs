using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>Every primary subtype can be planted on both assemblies and lands in the truth table with its classification.</summary>
public sealed class SubtypePlantingTests
{
    private static readonly AgeFrequencies None = AgeFrequencies.All(0);

    public static TheoryData<GenomeAssembly, string> Subtypes()
    {
        var data = new TheoryData<GenomeAssembly, string>();
        foreach (var assembly in new[] { GenomeAssembly.GRCh38, GenomeAssembly.GRCh37 })
        {
            foreach (var subtype in new[] { "ETV6::RUNX1", "high hyperdiploidy", "BCR::ABL1", "KMT2A::AFF1", "TCF3::PBX1", "PAX5 p.P80R" })
            {
                data.Add(assembly, subtype);
            }
        }

        data.Add(GenomeAssembly.GRCh38, "IKZF1 p.N159Y");
        data.Add(GenomeAssembly.GRCh37, "IKZF1 p.N159Y");
        return data;
    }

    [Theory]
    [MemberData(nameof(Subtypes))]
    public void Subtype_is_planted_for_every_patient(GenomeAssembly assembly, string subtype)
    {
        var one = AgeFrequencies.All(1);
        var parameters = CohortParameters.Default with
        {
            TLineage = None,
            EtvRunx1 = subtype == "ETV6::RUNX1" ? one : None,
            HighHyperdiploidy = subtype == "high hyperdiploidy" ? one : None,
            BcrAbl1 = subtype == "BCR::ABL1" ? one : None,
            Kmt2aAff1 = subtype == "KMT2A::AFF1" ? one : None,
            Tcf3Pbx1 = subtype == "TCF3::PBX1" ? one : None,
            Pax5P80r = subtype == "PAX5 p.P80R" ? one : None,
            Ikzf1N159y = subtype == "IKZF1 p.N159Y" ? one : None,
        };
        using var cohort = new SynthCohortFixture(6, 31, assembly, parameters);
        var rows = cohort.Truth().Where(t => t[2] == subtype).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("B-ALL with", r[4], StringComparison.Ordinal));
    }

    [Fact]
    public void Ikzf1_n159y_is_planted_on_grch37_at_the_derived_position()
    {
        // GRCh37 chr7:50450291 A>T (GRCh38 50382593 + 67,698, exon 5; KnowledgeBase/Data/PROVENANCE.md).
        var parameters = CohortParameters.Default with { TLineage = None, EtvRunx1 = None, HighHyperdiploidy = None, BcrAbl1 = None, Kmt2aAff1 = None, Tcf3Pbx1 = None, Pax5P80r = None, Ikzf1N159y = AgeFrequencies.All(1) };
        using var cohort = new SynthCohortFixture(5, 32, GenomeAssembly.GRCh37, parameters);
        Assert.Equal(5, cohort.Truth().Count(t => t[2] == "IKZF1 p.N159Y"));
        Assert.Contains(cohort.Records("SYN000001", "SYN000001-DX.somatic.vcf"), r => r[0] is "7" or "chr7" && r[1] == "50450291" && r[3] == "A" && r[4] == "T");
    }
}
