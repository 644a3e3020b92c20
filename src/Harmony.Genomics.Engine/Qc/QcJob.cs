using System.Diagnostics;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// <c>harmony qc</c> and <c>harmony fingerprint</c>: cohort statistics (tables <c>variant_stats</c>, <c>sample_qc</c>)
/// and sample fingerprints (table <c>sample_pairs</c>) computed from a lake's calls on the chosen device and written
/// back in one atomic commit. Each run's files carry its run id (<c>qc_run</c>); an earlier run's rows stay.
/// </summary>
public static class QcJob
{
    /// <summary>Computes <c>variant_stats</c> and <c>sample_qc</c> for a cohort.</summary>
    /// <param name="lakePath">The lake.</param>
    /// <param name="cohort">The cohort partition.</param>
    /// <param name="device">auto, cpu or cuda.</param>
    /// <param name="threads">CPU threads for the SIMD path.</param>
    /// <param name="lockWait">How long to wait for the lake, once computed, while another run writes to it; zero fails at once.</param>
    /// <param name="warning">Receives one note when the run has waited more than a second for the lake.</param>
    /// <param name="cancellationToken">Cancels the run; the lake is then unchanged.</param>
    /// <returns>A one-line summary.</returns>
    public static string RunStats(string lakePath, string cohort, DeviceChoice device, int threads, TimeSpan lockWait = default, Action<string>? warning = null, CancellationToken cancellationToken = default)
    {
        var backend = DeviceSelector.Resolve(device);
        var data = LakeGenotypes.Load(lakePath, cohort, cancellationToken);
        var m = data.Matrix;
        RefuseEmpty(lakePath, cohort, m.Samples);
        var stats = new CohortStats(m.Variants, m.Samples, m.TotalAlts);
        var clock = Stopwatch.StartNew();
        using (var kernel = CohortStatsKernels.Create(backend, threads))
        {
            kernel.Compute(m, stats);
        }

        var elapsed = clock.Elapsed;
        var lake = LakeDirectory.Open(lakePath);
        lake.Waiting = warning;
        using var transaction = lake.BeginTransaction(lockWait);
        var run = transaction.RunId;
        var variantRows = new VariantStatsRows();
        for (var v = 0; v < m.Variants; v++)
        {
            variantRows.Add(data.VariantIds[v], m, stats, v);
        }

        QcTableWriter.Write(transaction, VariantStatsRows.Table, cohort, variantRows.Columns(run), variantRows.Count);
        var sampleRows = new SampleQcCounts();
        var index = data.Samples.Select(sampleRows.IndexOf).ToArray();
        sampleRows.Add(stats, index);
        QcTableWriter.Write(transaction, SampleQcCounts.Table, cohort, sampleRows.Columns(run), sampleRows.Count);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return $"qc: {m.Variants} variants x {m.Samples} samples on {DeviceSelector.Describe(backend)} in {elapsed.TotalMilliseconds:F1} ms; wrote variant_stats and sample_qc (run {run})";
    }

    /// <summary>Fingerprints every sample of a cohort and writes duplicate / first-degree pairs to <c>sample_pairs</c>.</summary>
    /// <param name="lakePath">The lake.</param>
    /// <param name="cohort">The cohort partition.</param>
    /// <param name="device">auto, cpu or cuda.</param>
    /// <param name="threads">CPU threads for the SIMD path.</param>
    /// <param name="maxSnps">Panel size cap.</param>
    /// <param name="lockWait">How long to wait for the lake, once computed, while another run writes to it; zero fails at once.</param>
    /// <param name="warning">Receives one note when the run has waited more than a second for the lake.</param>
    /// <param name="cancellationToken">Cancels the run; the lake is then unchanged.</param>
    /// <returns>A one-line summary.</returns>
    public static string RunFingerprint(string lakePath, string cohort, DeviceChoice device, int threads, int maxSnps = 10_000, TimeSpan lockWait = default, Action<string>? warning = null, CancellationToken cancellationToken = default)
    {
        var backend = DeviceSelector.Resolve(device);
        var data = LakeFingerprints.Load(lakePath, cohort, maxSnps, cancellationToken);
        var packed = data.Packed;
        RefuseEmpty(lakePath, cohort, data.Samples.Length);
        if (data.VariantOnly.Length > 0)
        {
            var names = string.Join(", ", data.VariantOnly.Take(5).Select(i => data.Samples[i])) + (data.VariantOnly.Length > 5 ? ", ..." : string.Empty);
            warning?.Invoke($"fingerprint: {data.VariantOnly.Length} of {data.Samples.Length} samples left out ({names}): they have no homozygous-reference call at any panel SNP, so their files list only sites where they carry an ALT allele (a tumour VCF, say), and relatedness estimated from those sites would call unrelated people duplicates; fingerprint them from files with reference calls (a genotyped panel or germline VCF)");
        }

        // Only related pairs are kept, as the scan hands them over block by block. The lake is opened for writing
        // after the scan, so a long scan does not hold the lake's lock.
        var related = new List<RelatedPair>();
        var clock = Stopwatch.StartNew();
        using (var kernel = FingerprintScan.CreateKernel(backend, threads))
        {
            FingerprintScan.Run(packed, kernel, related.Add, cancellationToken: cancellationToken);
        }

        var elapsed = clock.Elapsed;
        var lake = LakeDirectory.Open(lakePath);
        lake.Waiting = warning;
        using var transaction = lake.BeginTransaction(lockWait);
        var run = transaction.RunId;
        const int RowsPerBatch = 65_536;
        using (var file = new QcTableFile(transaction, SamplePairRows.Table, cohort, $"part-{run}-0.parquet"))
        {
            var rows = new SamplePairRows(data.Samples);
            foreach (var batch in related.Chunk(RowsPerBatch))
            {
                foreach (var pair in batch)
                {
                    rows.Add(pair);
                }

                file.Write(rows.Columns(run), rows.Count);
                rows.Clear();
            }

            file.Complete();
        }

        var duplicates = related.Count(p => p.Relationship == Relationship.Duplicate);
        var firstDegree = related.Count(p => p.Relationship == Relationship.FirstDegree);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return $"fingerprint: {packed.Samples - data.VariantOnly.Length} samples{(data.VariantOnly.Length > 0 ? $" ({data.VariantOnly.Length} variant-only left out)" : string.Empty)} at {packed.Snps} panel SNPs (of {data.CandidateSites} biallelic SNV sites) on {DeviceSelector.Describe(backend)} in {elapsed.TotalMilliseconds:F1} ms; {duplicates} duplicate and {firstDegree} first-degree pairs written to sample_pairs (run {run})";
    }

    // A cohort without samples (a typo, or a cohort never ingested) would commit an empty run and look like success.
    private static void RefuseEmpty(string lakePath, string cohort, int samples)
    {
        if (samples == 0)
        {
            throw new Core.HarmonyException($"The lake '{lakePath}' has no samples in cohort '{cohort}': nothing to compute (check --cohort)");
        }
    }
}
