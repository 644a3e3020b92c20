using Apache.Arrow;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Fingerprints;

namespace Harmony.Genomics.Engine.Qc;

/// <summary>
/// Rows of <c>variant_stats</c> gathered from kernel outputs until written: the one place that defines the table's
/// columns, so <c>harmony qc</c> and <c>harmony ingest --stats</c> write the same schema and values.
/// </summary>
internal sealed class VariantStatsRows
{
    public const string Table = "variant_stats";

    private readonly List<long> _ids = [];
    private readonly List<int> _an = [];
    private readonly List<int> _altCounts = [];
    private readonly List<int> _ac = [];
    private readonly List<int> _het = [];
    private readonly List<int> _homAlt = [];
    private readonly List<int> _missing = [];
    private readonly List<double> _callRate = [];
    private readonly List<double> _hwe = [];

    public int Count => _ids.Count;

    /// <summary>Adds variant <paramref name="v"/> of <paramref name="matrix"/> as computed into <paramref name="stats"/>.</summary>
    public void Add(long variantId, GenotypeMatrix matrix, CohortStats stats, int v)
    {
        _ids.Add(variantId);
        _an.Add(stats.An[v]);
        _altCounts.Add(matrix.AltCounts[v]);
        for (var k = 0; k < matrix.AltCounts[v]; k++)
        {
            _ac.Add(stats.Ac[matrix.AcOffsets[v] + k]);
        }

        _het.Add(stats.NHet[v]);
        _homAlt.Add(stats.NHomAlt[v]);
        _missing.Add(stats.NMissing[v]);
        _callRate.Add(stats.CallRate(v));
        _hwe.Add(stats.HweP[v]);
    }

    /// <summary>The Arrow columns of the gathered rows (AF is AC / AN, null when AN is 0).</summary>
    public IReadOnlyList<(Field Field, IArrowArray Array)> Columns(string run)
    {
        var acLists = new List<int[]>(_ids.Count);
        var offset = 0;
        foreach (var n in _altCounts)
        {
            acLists.Add(_ac.GetRange(offset, n).ToArray());
            offset += n;
        }

        return
        [
            QcTableWriter.Longs("variant_id", _ids),
            QcTableWriter.Ints("an", _an),
            QcTableWriter.IntLists("ac", acLists),
            QcTableWriter.DoubleLists("af", acLists.Select((ac, i) => ac.Select(x => _an[i] == 0 ? double.NaN : (double)x / _an[i]))),
            QcTableWriter.Ints("n_het", _het),
            QcTableWriter.Ints("n_hom_alt", _homAlt),
            QcTableWriter.Ints("n_missing", _missing),
            QcTableWriter.Doubles("call_rate", _callRate),
            QcTableWriter.Doubles("hwe_p", _hwe),
            QcTableWriter.Strings("qc_run", _ids.Select(_ => run)),
        ];
    }

    public void Clear()
    {
        _ids.Clear();
        _an.Clear();
        _altCounts.Clear();
        _ac.Clear();
        _het.Clear();
        _homAlt.Clear();
        _missing.Clear();
        _callRate.Clear();
        _hwe.Clear();
    }
}

/// <summary>Per-sample genotype counts summed over variants, and the <c>sample_qc</c> columns built from them.</summary>
internal sealed class SampleQcCounts
{
    public const string Table = "sample_qc";

    private readonly List<string> _samples = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<int> _het = [];
    private readonly List<int> _homAlt = [];
    private readonly List<int> _homRef = [];
    private readonly List<int> _missing = [];
    private readonly List<int> _ts = [];
    private readonly List<int> _tv = [];

    public int Count => _samples.Count;

    /// <summary>The index of a sample by its stored name, added with zero counts when new.</summary>
    public int IndexOf(string sample)
    {
        if (!_index.TryGetValue(sample, out var index))
        {
            index = _samples.Count;
            _index.Add(sample, index);
            _samples.Add(sample);
            foreach (var list in new[] { _het, _homAlt, _homRef, _missing, _ts, _tv })
            {
                list.Add(0);
            }
        }

        return index;
    }

    /// <summary>Adds a kernel's per-sample outputs; sample s of the block is sample <c>globalIndex[s]</c> here.</summary>
    public void Add(CohortStats stats, IReadOnlyList<int> globalIndex)
    {
        for (var s = 0; s < globalIndex.Count; s++)
        {
            var g = globalIndex[s];
            _het[g] = checked(_het[g] + stats.SampleHet[s]);
            _homAlt[g] = checked(_homAlt[g] + stats.SampleHomAlt[s]);
            _homRef[g] = checked(_homRef[g] + stats.SampleHomRef[s]);
            _missing[g] = checked(_missing[g] + stats.SampleMissing[s]);
            _ts[g] = checked(_ts[g] + stats.SampleTs[s]);
            _tv[g] = checked(_tv[g] + stats.SampleTv[s]);
        }
    }

    /// <summary>The <c>sample_qc</c> columns, samples in ordinal name order.</summary>
    public IReadOnlyList<(Field Field, IArrowArray Array)> Columns(string run)
    {
        var order = Enumerable.Range(0, _samples.Count).OrderBy(i => _samples[i], StringComparer.Ordinal).ToArray();
        return
        [
            QcTableWriter.Strings("sample", order.Select(i => _samples[i])),
            QcTableWriter.Ints("n_het", order.Select(i => _het[i])),
            QcTableWriter.Ints("n_hom_alt", order.Select(i => _homAlt[i])),
            QcTableWriter.Ints("n_hom_ref", order.Select(i => _homRef[i])),
            QcTableWriter.Ints("n_missing", order.Select(i => _missing[i])),
            QcTableWriter.Doubles("het_hom_ratio", order.Select(i => _homAlt[i] == 0 ? double.NaN : (double)_het[i] / _homAlt[i])),
            QcTableWriter.Ints("n_ts", order.Select(i => _ts[i])),
            QcTableWriter.Ints("n_tv", order.Select(i => _tv[i])),
            QcTableWriter.Doubles("ts_tv", order.Select(i => _tv[i] == 0 ? double.NaN : (double)_ts[i] / _tv[i])),
            QcTableWriter.Strings("qc_run", order.Select(_ => run)),
        ];
    }
}

/// <summary>Rows of <c>sample_pairs</c> gathered until written.</summary>
internal sealed class SamplePairRows(IReadOnlyList<string> samples)
{
    public const string Table = "sample_pairs";

    private readonly List<RelatedPair> _pairs = [];

    public int Count => _pairs.Count;

    public void Add(RelatedPair pair) => _pairs.Add(pair);

    public IReadOnlyList<(Field Field, IArrowArray Array)> Columns(string run) =>
    [
        QcTableWriter.Strings("sample_a", _pairs.Select(p => samples[p.SampleA])),
        QcTableWriter.Strings("sample_b", _pairs.Select(p => samples[p.SampleB])),
        QcTableWriter.Doubles("kinship", _pairs.Select(p => p.Counts.Kinship)),
        QcTableWriter.Doubles("concordance", _pairs.Select(p => p.Counts.Concordance)),
        QcTableWriter.Ints("ibs0", _pairs.Select(p => p.Counts.Ibs0)),
        QcTableWriter.Ints("n_het_het", _pairs.Select(p => p.Counts.HetHet)),
        QcTableWriter.Ints("n_het_a", _pairs.Select(p => p.Counts.HetA)),
        QcTableWriter.Ints("n_het_b", _pairs.Select(p => p.Counts.HetB)),
        QcTableWriter.Ints("n_snps", _pairs.Select(p => p.Counts.N)),
        QcTableWriter.Strings("relationship", _pairs.Select(p => RelationshipRules.Name(p.Relationship))),
        QcTableWriter.Strings("qc_run", _pairs.Select(_ => run)),
    ];

    public void Clear() => _pairs.Clear();
}
