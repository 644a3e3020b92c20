namespace Harmony.Genomics.Engine;

/// <summary>The outcome of <see cref="SampleSheetIngestJob.Run"/>.</summary>
/// <param name="Ingest">The files ingested (the sheet's small-variant rows, in order).</param>
/// <param name="Abnormalities">Rows written to <c>abnormalities</c>.</param>
/// <param name="NotIngested">Sheet rows of other kinds, not ingested yet, as <c>line: kind file</c>.</param>
public sealed record SampleSheetIngestResult(IngestResult Ingest, int Abnormalities, IReadOnlyList<string> NotIngested)
{
    /// <summary>Rows written to <c>clinical</c> (0 when the lake already held the same values).</summary>
    public int ClinicalRows { get; init; }

    /// <summary>Structural, copy-number and fusion files committed, and those skipped as already in the lake (the VCFs are in <see cref="Ingest"/>).</summary>
    public (int Committed, int Skipped) StructuralFiles { get; init; }

    /// <summary>Clinical columns of the sheet or clinical file that were not stored (not on the allow-list).</summary>
    public IReadOnlyList<string> ClinicalColumnsNotStored { get; init; } = [];
}
