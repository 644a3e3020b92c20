namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Overlap queries on closed 1-based intervals: per contig, intervals sorted by start with a running maximum of
/// ends, so a query binary-searches the last start at or before its end and walks back only while an earlier
/// interval can still reach it.
/// </summary>
/// <typeparam name="T">The payload of each interval.</typeparam>
internal sealed class IntervalIndex<T>
{
    private readonly Dictionary<string, (GenomicInterval[] Intervals, long[] MaxEnd, T[] Values)> _byContig = new(StringComparer.Ordinal);

    public IntervalIndex(IEnumerable<(GenomicInterval Interval, T Value)> items)
    {
        foreach (var group in items.GroupBy(i => i.Interval.Contig))
        {
            var sorted = group.OrderBy(i => i.Interval.Start).ThenBy(i => i.Interval.End).ToArray();
            var maxEnd = new long[sorted.Length];
            var running = long.MinValue;
            for (var i = 0; i < sorted.Length; i++)
            {
                running = Math.Max(running, sorted[i].Interval.End);
                maxEnd[i] = running;
            }

            _byContig[group.Key] = (sorted.Select(s => s.Interval).ToArray(), maxEnd, sorted.Select(s => s.Value).ToArray());
        }
    }

    /// <summary>The values whose intervals overlap [start, end] on a canonical contig, in start order.</summary>
    public List<T> Query(string contig, long start, long end)
    {
        var result = new List<T>();
        if (!_byContig.TryGetValue(contig, out var table))
        {
            return result;
        }

        // Last index whose start <= end.
        int lo = 0, hi = table.Intervals.Length - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (table.Intervals[mid].Start <= end)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        for (var i = last; i >= 0 && table.MaxEnd[i] >= start; i--)
        {
            if (table.Intervals[i].End >= start)
            {
                result.Add(table.Values[i]);
            }
        }

        result.Reverse();
        return result;
    }
}
