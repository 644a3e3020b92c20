namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>What <see cref="SyntheticCohort.Write(SynthOptions)"/> wrote.</summary>
/// <param name="Patients">Patients written.</param>
/// <param name="Files">Data files written (sample sheet and truth table not counted).</param>
/// <param name="TruthRows">Rows of <c>truth.tsv</c>.</param>
/// <param name="SampleSheet">Path of <c>samplesheet.csv</c>.</param>
/// <param name="Truth">Path of <c>truth.tsv</c>.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record SynthResult(long Patients, long Files, long TruthRows, string SampleSheet, string Truth, TimeSpan Elapsed)
{
    /// <summary>Patients per second of wall-clock time.</summary>
    public double PatientsPerSecond => Elapsed.TotalSeconds > 0 ? Patients / Elapsed.TotalSeconds : 0;
}
