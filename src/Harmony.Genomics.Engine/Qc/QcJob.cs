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
    /// <param name="cancellationToken">Cancels the run; the lake is then unchanged.</param>
    /// <returns>A one-line summary.</returns>
    public static string RunStats(string lakePath, string cohort, DeviceChoice device, int threads, CancellationToken cancellationToken = default)
    {
        var backend = DeviceSelector.Resolve(device);
        var data = LakeGenotypes.Load(lakePath, cohort, cancellationToken);
        var m = data.Matrix;
        var stats = new CohortStats(m.Variants, m.Samples, m.TotalAlts);
        var clock = Stopwatch.StartNew();
        using (var kernel = CohortStatsKernels.Create(backend, threads))
        {
            kernel.Compute(m, stats);
        }

        var elapsed = clock.Elapsed;
        var lake = LakeDirectory.Open(lakePath);
        using var transaction = lake.BeginTransaction();
        var run = transaction.RunId;
        var variants = Enumerable.Range(0, m.Variants).ToArray();
        QcTableWriter.Write(transaction, "variant_stats", cohort,
        [
            QcTableWriter.Longs("variant_id", data.VariantIds),
            QcTableWriter.Ints("an", stats.An),
            QcTableWriter.IntLists("ac", variants.Select(v => stats.Ac.Skip(m.AcOffsets[v]).Take(m.AltCounts[v]))),
            QcTableWriter.DoubleLists("af", variants.Select(v => stats.Ac.Skip(m.AcOffsets[v]).Take(m.AltCounts[v]).Select(ac => stats.An[v] == 0 ? double.NaN : (double)ac / stats.An[v]))),
            QcTableWriter.Ints("n_het", stats.NHet),
            QcTableWriter.Ints("n_hom_alt", stats.NHomAlt),
            QcTableWriter.Ints("n_missing", stats.NMissing),
            QcTableWriter.Doubles("call_rate", variants.Select(stats.CallRate)),
            QcTableWriter.Doubles("hwe_p", stats.HweP),
            QcTableWriter.Strings("qc_run", variants.Select(_ => run)),
        ], m.Variants);
        var samples = Enumerable.Range(0, m.Samples).ToArray();
        QcTableWriter.Write(transaction, "sample_qc", cohort,
        [
            QcTableWriter.Strings("sample", data.Samples),
            QcTableWriter.Ints("n_het", stats.SampleHet),
            QcTableWriter.Ints("n_hom_alt", stats.SampleHomAlt),
            QcTableWriter.Ints("n_hom_ref", stats.SampleHomRef),
            QcTableWriter.Ints("n_missing", stats.SampleMissing),
            QcTableWriter.Doubles("het_hom_ratio", samples.Select(s => stats.SampleHomAlt[s] == 0 ? double.NaN : (double)stats.SampleHet[s] / stats.SampleHomAlt[s])),
            QcTableWriter.Ints("n_ts", stats.SampleTs),
            QcTableWriter.Ints("n_tv", stats.SampleTv),
            QcTableWriter.Doubles("ts_tv", samples.Select(s => stats.SampleTv[s] == 0 ? double.NaN : (double)stats.SampleTs[s] / stats.SampleTv[s])),
            QcTableWriter.Strings("qc_run", samples.Select(_ => run)),
        ], m.Samples);
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
    /// <param name="cancellationToken">Cancels the run; the lake is then unchanged.</param>
    /// <returns>A one-line summary.</returns>
    public static string RunFingerprint(string lakePath, string cohort, DeviceChoice device, int threads, int maxSnps = 10_000, CancellationToken cancellationToken = default)
    {
        var backend = DeviceSelector.Resolve(device);
        var data = LakeGenotypes.Load(lakePath, cohort, cancellationToken);
        var packed = FingerprintPanel.Choose(data, maxSnps, out var panelSize);
        var clock = Stopwatch.StartNew();
        List<RelatedPair> pairs;
        using (var kernel = FingerprintScan.CreateKernel(backend, threads))
        {
            pairs = FingerprintScan.Run(packed, kernel);
        }

        var elapsed = clock.Elapsed;
        var lake = LakeDirectory.Open(lakePath);
        using var transaction = lake.BeginTransaction();
        var run = transaction.RunId;
        QcTableWriter.Write(transaction, "sample_pairs", cohort,
        [
            QcTableWriter.Strings("sample_a", pairs.Select(p => data.Samples[p.SampleA])),
            QcTableWriter.Strings("sample_b", pairs.Select(p => data.Samples[p.SampleB])),
            QcTableWriter.Doubles("kinship", pairs.Select(p => p.Counts.Kinship)),
            QcTableWriter.Doubles("concordance", pairs.Select(p => p.Counts.Concordance)),
            QcTableWriter.Ints("ibs0", pairs.Select(p => p.Counts.Ibs0)),
            QcTableWriter.Ints("n_het_het", pairs.Select(p => p.Counts.HetHet)),
            QcTableWriter.Ints("n_het_a", pairs.Select(p => p.Counts.HetA)),
            QcTableWriter.Ints("n_het_b", pairs.Select(p => p.Counts.HetB)),
            QcTableWriter.Ints("n_snps", pairs.Select(p => p.Counts.N)),
            QcTableWriter.Strings("relationship", pairs.Select(p => RelationshipRules.Name(p.Relationship))),
            QcTableWriter.Strings("qc_run", pairs.Select(_ => run)),
        ], pairs.Count);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return $"fingerprint: {packed.Samples} samples at {panelSize} panel SNPs on {DeviceSelector.Describe(backend)} in {elapsed.TotalMilliseconds:F1} ms; {pairs.Count(p => p.Relationship == Relationship.Duplicate)} duplicate and {pairs.Count(p => p.Relationship == Relationship.FirstDegree)} first-degree pairs written to sample_pairs (run {run})";
    }
}
