using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// <c>harmony ingest --stats</c>: computes <c>variant_stats</c> and <c>sample_qc</c> for the sources an ingest writes,
/// in its transaction. Records are gathered into <see cref="GenotypeMatrix"/> chunks of bounded size (one source's
/// samples wide), each chunk runs through the cohort-statistics kernel, per-variant rows stream to Parquet in
/// batches, per-sample counts are summed across chunks and sources (by stored sample name, as <c>harmony qc</c>
/// joins them) and <c>sample_qc</c> is written just before the commit. Genotype codes follow what the calls table
/// stores and <c>harmony qc</c> reads back, so both give the same rows for the same sources: a hom-ref call without
/// <c>--all-calls</c> has no call row and is read as 0/0 whatever its ploidy; a call without GT counts nowhere.
/// </summary>
internal sealed class CohortStatsObserver : IIngestObserver, IDisposable
{
    /// <summary>Genotype bytes per chunk by default (64 MiB).</summary>
    public const long DefaultChunkBytes = 64L << 20;

    // Per-variant rows are written in row groups of about this many rows.
    private const int RowsPerBatch = 65_536;
    private const int MaxChunkVariants = 65_536;

    private readonly LakeTransaction _transaction;
    private readonly IngestOptions _options;
    private readonly SamplePseudonymizer _pseudonymizer;
    private readonly ComputeBackend _backend;
    private readonly long _chunkBytes;
    private readonly SampleQcCounts _samples = new();
    private readonly VariantStatsRows _rows = new();
    private readonly List<long> _chunkIds = [];
    private ICohortStatsKernel? _kernel;
    private int[] _sourceSamples = [];
    private GenotypeMatrix? _chunk;
    private QcTableFile? _file;
    private string _sourceFile = string.Empty;
    private int _ordinal;
    private long _variantIdBase;

    public CohortStatsObserver(LakeTransaction transaction, IngestOptions options, SamplePseudonymizer pseudonymizer, long chunkBytes = DefaultChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        _transaction = transaction;
        _options = options;
        _pseudonymizer = pseudonymizer;
        _chunkBytes = chunkBytes;

        // Resolved up front: --device cuda without a device fails before any input is read.
        _backend = DeviceSelector.Resolve(options.StatsDevice);
    }

    /// <summary>Variants whose statistics were written.</summary>
    public long Variants { get; private set; }

    /// <summary>Distinct samples in <c>sample_qc</c>.</summary>
    public int Samples => _samples.Count;

    /// <summary>Chunks handed to the kernel (tests check that chunking happened).</summary>
    public int Chunks { get; private set; }

    /// <summary>The largest chunk's genotype bytes.</summary>
    public long LargestChunkBytes { get; private set; }

    /// <summary>Where the kernel ran, for messages.</summary>
    public string Device => DeviceSelector.Describe(_backend);

    public void BeginSource(int inputIndex, int ordinal, long variantIdBase, string sourceFile, VcfHeader header)
    {
        _ordinal = ordinal;
        _variantIdBase = variantIdBase;
        _sourceFile = sourceFile;
        _sourceSamples = [.. header.SampleNames.Select(name => _samples.IndexOf(_pseudonymizer.Pseudonymize(name)))];
        _chunk = null;
        _chunkIds.Clear();
        _file = new QcTableFile(_transaction, VariantStatsRows.Table, _options.Cohort, $"part-{_transaction.RunId}-{ordinal:D6}.parquet");
    }

    public void Observe(VcfRecord record)
    {
        var alts = record.AlternateAlleles.Count;
        if (alts > 127)
        {
            throw new HarmonyException($"{_sourceFile}: line {record.LineNumber}: {alts} ALT alleles; --stats supports at most 127");
        }

        var ploidy = Ploidy(record);
        if (_chunk is not null && (ploidy > _chunk.Ploidy || _chunkIds.Count == _chunk.Variants))
        {
            Flush();
            if (_chunk is not null && ploidy > _chunk.Ploidy)
            {
                _chunk = null;
            }
        }

        if (_chunk is null)
        {
            var samples = _sourceSamples.Length;
            var capacity = (int)Math.Clamp(_chunkBytes / ((long)ploidy * Math.Max(1, samples)), 1, MaxChunkVariants);
            _chunk = new GenotypeMatrix(capacity, samples, ploidy);
        }

        var m = _chunk;
        var v = _chunkIds.Count;
        _chunkIds.Add(_variantIdBase + record.RecordIndex);
        m.AltCounts[v] = alts;
        m.SnvClass[v] = (byte)SnvClassifier.Classify(
            System.Text.Encoding.UTF8.GetString(record.Bytes(record.Reference)),
            alts == 1 ? [System.Text.Encoding.UTF8.GetString(record.Bytes(record.AlternateAlleles[0]))] : []);
        var planes = m.Alleles.AsSpan((int)m.Index(v, 0, 0), m.Ploidy * m.Samples);
        planes.Fill(GenotypeMatrix.Absent);
        if (!record.HasGenotypes)
        {
            return;
        }

        for (var s = 0; s < m.Samples; s++)
        {
            var alleles = record.GetAlleles(s);
            if (!_options.AllCalls && IsHomozygousReference(alleles))
            {
                // No call row: harmony qc reads a sample of the source without one as 0/0.
                planes[s] = 0;
                planes[m.Samples + s] = 0;
                continue;
            }

            for (var h = 0; h < alleles.Length; h++)
            {
                planes[(h * m.Samples) + s] = alleles[h] < 0 ? GenotypeMatrix.Missing : (sbyte)Math.Min(alleles[h], 127);
            }
        }
    }

    public void EndSource()
    {
        Flush();
        WriteRows();
        _file!.Complete();
        _transaction.SetRowCount(_ordinal, VariantStatsRows.Table, _file.Rows);
        _file = null;
        _chunk = null;
    }

    public void BeforeCommit(LakeTransaction transaction)
    {
        QcTableWriter.Write(transaction, SampleQcCounts.Table, _options.Cohort, _samples.Columns(transaction.RunId), _samples.Count);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _kernel?.Dispose();
        _kernel = null;
    }

    private void Flush()
    {
        if (_chunk is null || _chunkIds.Count == 0)
        {
            return;
        }

        var m = _chunk;
        if (_chunkIds.Count < m.Variants)
        {
            // The last chunk of a source (or one cut short by a higher ploidy): the kernel takes a matrix of exactly its rows.
            var part = new GenotypeMatrix(_chunkIds.Count, m.Samples, m.Ploidy);
            Array.Copy(m.Alleles, part.Alleles, part.Alleles.LongLength);
            Array.Copy(m.AltCounts, part.AltCounts, part.Variants);
            Array.Copy(m.SnvClass, part.SnvClass, part.Variants);
            m = part;
            _chunk = null;
        }

        m.SealAltCounts();
        var stats = new CohortStats(m.Variants, m.Samples, m.TotalAlts);
        _kernel ??= CohortStatsKernels.Create(_backend, _options.Threads);
        _kernel.Compute(m, stats);
        Chunks++;
        LargestChunkBytes = Math.Max(LargestChunkBytes, m.Alleles.LongLength);
        _samples.Add(stats, _sourceSamples);
        for (var v = 0; v < m.Variants; v++)
        {
            _rows.Add(_chunkIds[v], m, stats, v);
        }

        Variants += m.Variants;
        _chunkIds.Clear();
        if (_rows.Count >= RowsPerBatch)
        {
            WriteRows();
        }
    }

    private void WriteRows()
    {
        _file!.Write(_rows.Columns(_transaction.RunId), _rows.Count);
        _rows.Clear();
    }

    // Planes the record needs: 2 (hom-ref calls without a row read as 0/0, the kernel's floor), or its longest stored call.
    private int Ploidy(VcfRecord record)
    {
        var ploidy = 2;
        if (record.HasGenotypes)
        {
            for (var s = 0; s < record.SampleCount; s++)
            {
                var alleles = record.GetAlleles(s);
                if (alleles.Length > ploidy && (_options.AllCalls || !IsHomozygousReference(alleles)))
                {
                    ploidy = alleles.Length;
                }
            }
        }

        return ploidy;
    }

    private static bool IsHomozygousReference(ReadOnlySpan<int> alleles)
    {
        foreach (var a in alleles)
        {
            if (a != 0)
            {
                return false;
            }
        }

        return !alleles.IsEmpty;
    }
}
