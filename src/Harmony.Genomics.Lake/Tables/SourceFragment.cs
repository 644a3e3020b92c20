using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Consecutive records of one source pivoted into columns ahead of time, on the thread that decoded them, then appended
/// to their writer in one piece (<see cref="IFragmentWriter.Append"/>). The pivot reads every decoded value of a record
/// once; done by the thread that just decoded them, it reads them from that core's cache instead of another's (issue #3).
/// </summary>
public sealed class SourceFragment
{
    internal SourceFragment(VariantBatchBuilder batches) => Batches = batches;

    internal VariantBatchBuilder Batches { get; }

    /// <summary>The records added, in order: their field counts are read once they are handed over.</summary>
    internal List<VcfRecord> Records { get; } = [];

    /// <summary>Per record, the calls rows of the fragment up to and including its own.</summary>
    internal List<int> CallRowEnds { get; } = [];

    /// <summary>Per record, the calls rows' list values of the fragment up to and including its own.</summary>
    internal List<long> CallValueEnds { get; } = [];

    /// <summary>How many records were added.</summary>
    public int Count => Records.Count;

    /// <summary>Pivots one accepted record; it must stay unchanged until the fragment is appended.</summary>
    public void Add(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Batches.Append(record);
        Records.Add(record);
        CallRowEnds.Add(Batches.CallRows);
        CallValueEnds.Add(Batches.CallValues);
    }

    /// <summary>
    /// Pivots consecutive accepted records, as <see cref="Add"/> of each in turn, column by column (see
    /// <see cref="VariantBatchBuilder.AppendRun"/>); they must stay unchanged until the fragment is appended.
    /// </summary>
    public void AddRun(ReadOnlySpan<VcfRecord> records)
    {
        Batches.AppendRun(records, CallRowEnds, CallValueEnds);
        foreach (var record in records)
        {
            Records.Add(record);
        }
    }

    /// <summary>Empties the fragment for the next records.</summary>
    public void Clear()
    {
        Batches.Clear();
        Records.Clear();
        CallRowEnds.Clear();
        CallValueEnds.Clear();
    }
}
