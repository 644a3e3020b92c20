using Harmony.Genomics.Cli;
using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.Leukemia.Synthetic;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Classification;

/// <summary>
/// <c>harmony synth</c> cohort → <c>harmony ingest --samplesheet</c>: the WHO-HAEM5 label of every tumour specimen equals
/// the truth table's expected classification of its planted primary lesion (fusion or high hyperdiploidy; PAX5 P80R and
/// IKZF1 N159Y fall under "other defined genetic abnormalities"), and a patient without one gets no defining entity.
/// </summary>
public sealed class SyntheticClassificationTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    [Theory]
    [InlineData(GenomeAssembly.GRCh38, 21UL)]
    [InlineData(GenomeAssembly.GRCh37, 22UL)]
    public void Who_subtype_equals_the_truth_tables_expected_classification(GenomeAssembly assembly, ulong seed)
    {
        var parameters = CohortParameters.Default with { Pax5P80r = AgeFrequencies.All(0.08), Ikzf1N159y = AgeFrequencies.All(0.08) };
        using var cohort = new SynthCohortFixture(40, seed, assembly, parameters);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(Program.Run(["ingest", "--samplesheet", cohort.Result.SampleSheet, "--lake", _lake.Path0, "--keep-sample-ids"], stdout, stderr) == 0, stderr.ToString());

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in cohort.Truth().Where(t => t[4].StartsWith("B-ALL with", StringComparison.Ordinal)))
        {
            var label = t[3] == "mutation" ? "B-ALL with other defined genetic abnormalities" : t[4];
            Assert.True(expected.TryAdd(t[1], label) || expected[t[1]] == label, $"{t[1]}: two primary lesions planted");
        }

        var actual = TempLake.Query($"select specimen, label, evidence from read_parquet('{Path.Combine(_lake.Path0, "classifications")}/**/*.parquet', hive_partitioning = true) where scheme = 'WHO-HAEM5'")
            .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, (string)r[2]!));
        Assert.NotEmpty(expected);
        var wrong = new List<string>();
        foreach (var (specimen, (label, evidence)) in actual)
        {
            var want = expected.GetValueOrDefault(specimen);
            var ok = want is null
                ? !label.StartsWith("B-ALL with", StringComparison.Ordinal)
                : label == want;
            if (!ok)
            {
                wrong.Add($"{specimen}: expected {want ?? "no defining entity"}, got {label} ({evidence})");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(expected.Keys.All(actual.ContainsKey), $"no WHO-HAEM5 row: {string.Join(", ", expected.Keys.Where(s => !actual.ContainsKey(s)))}; rows for {actual.Count}; {stderr}");
    }
}
