using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>
/// The generator must not share a mistake with the annotator (issue 5): no file of the synthetic code may use the
/// annotation or PGx-calling types. It may read knowledge-base coordinates.
/// </summary>
public sealed class PlantingIndependenceTests
{
    private static readonly string[] Forbidden = ["SmallVariantAnnotator", "HotspotIndex", "PgxGenotypeCollector", "ConsequenceParser", "TrimmedAllele", "SampleChoice", "AssemblyDetector", "LeukemiaIngestObserver"];

    [Fact]
    public void Synthetic_code_does_not_reference_the_annotation_code()
    {
        var root = TestPaths.RepoRoot;
        Assert.NotNull(root);
        var files = Directory.GetFiles(Path.Combine(root, "src", "Harmony.Genomics.Leukemia", "Synthetic"), "*.cs");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var name in Forbidden)
            {
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {name}");
            }
        }
    }
}
