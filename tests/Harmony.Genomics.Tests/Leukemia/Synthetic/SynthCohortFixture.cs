using Harmony.Genomics.Leukemia;
using Harmony.Genomics.Leukemia.Synthetic;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Leukemia.Synthetic;

/// <summary>A synthetic cohort written to a temporary folder, deleted on dispose.</summary>
internal sealed class SynthCohortFixture : IDisposable
{
    public SynthCohortFixture(long patients, ulong seed, GenomeAssembly assembly = GenomeAssembly.GRCh38, CohortParameters? parameters = null, int threads = 2, Action<long>? progress = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "harmony-synth-tests", Guid.NewGuid().ToString("N"));
        Result = SyntheticCohort.Write(
            new SynthOptions { Patients = patients, Seed = seed, Assembly = assembly, OutputDirectory = Root, Threads = threads, Progress = progress },
            parameters ?? CohortParameters.Default);
    }

    public string Root { get; }

    public SynthResult Result { get; }

    /// <summary>Truth rows (comment lines and header skipped), as cells.</summary>
    public List<string[]> Truth() => File.ReadLines(Result.Truth).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t')).ToList();

    /// <summary>Data lines of a patient's file.</summary>
    public List<string[]> Records(string patient, string file) =>
        File.ReadLines(Path.Combine(Root, patient, file)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();

    public void Dispose() => TestPaths.TryDelete(Root);
}
