using System.Security.Cryptography;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>Same seed and version give byte-identical output whatever the thread count; another seed does not.</summary>
public sealed class SyntheticCohortDeterminismTests
{
    private static SortedDictionary<string, string> Digest(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    [Theory]
    [InlineData(GenomeAssembly.GRCh38)]
    [InlineData(GenomeAssembly.GRCh37)]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs(GenomeAssembly assembly)
    {
        using var a = new SynthCohortFixture(12, 42, assembly, threads: 1);
        using var b = new SynthCohortFixture(12, 42, assembly, threads: 4);
        using var c = new SynthCohortFixture(12, 43, assembly, threads: 1);
        var da = Digest(a.Root);
        Assert.Equal(12 * 5 + 2, da.Count);
        Assert.Equal(da, Digest(b.Root));
        var dc = Digest(c.Root);
        Assert.Equal(da.Keys, dc.Keys);
        Assert.NotEqual(da["truth.tsv"], dc["truth.tsv"]);
        Assert.NotEqual(da[Path.Combine("SYN000001", "SYN000001-DX.somatic.vcf")], dc[Path.Combine("SYN000001", "SYN000001-DX.somatic.vcf")]);
    }

    [Fact]
    public void A_patient_does_not_depend_on_the_cohort_size()
    {
        // Per-patient generators: patient 3 of a 3-patient cohort equals patient 3 of a 10-patient cohort.
        using var small = new SynthCohortFixture(3, 9);
        using var large = new SynthCohortFixture(10, 9);
        foreach (var file in Directory.GetFiles(Path.Combine(small.Root, "SYN000003")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(large.Root, "SYN000003", Path.GetFileName(file))));
        }
    }
}
