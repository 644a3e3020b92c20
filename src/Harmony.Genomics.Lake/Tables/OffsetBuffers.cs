namespace Harmony.Genomics.Lake.Tables;

/// <summary>Offsets (of list elements or text bytes) copied from one column's buffer into another's.</summary>
internal static class OffsetBuffers
{
    /// <summary>Appends <paramref name="offsets"/>, each moved by <paramref name="shift"/>: copied rows' offsets,
    /// re-based on where their elements land in the target.</summary>
    public static void AppendShifted(this ValueBuffer<int> target, ReadOnlySpan<int> offsets, int shift)
    {
        var shifted = target.Extend(offsets.Length);
        for (var i = 0; i < offsets.Length; i++)
        {
            shifted[i] = offsets[i] + shift;
        }
    }

    /// <summary>Appends values <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of one text
    /// column (each value's first byte in its starts, then the bytes) to another, their starts re-based.</summary>
    public static void AppendTextRange(ValueBuffer<int> starts, ValueBuffer<byte> bytes, ValueBuffer<int> sourceStarts, ValueBuffer<byte> sourceBytes, int start, int count)
    {
        var (first, end) = starts.AppendStartsRange(bytes.Count, sourceStarts.Span, sourceBytes.Count, start, count);
        bytes.Append(sourceBytes.Span[first..end]);
    }

    /// <summary>
    /// Appends the starts of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of
    /// another column (each row's first element; the last row's elements run to <paramref name="sourceElements"/>),
    /// re-based on <paramref name="targetElements"/>, where the target's elements will land. Returns the range of the
    /// source's elements those rows hold, which the caller copies.
    /// </summary>
    public static (int First, int End) AppendStartsRange(this ValueBuffer<int> starts, int targetElements, ReadOnlySpan<int> sourceStarts, int sourceElements, int start, int count)
    {
        var first = sourceStarts[start];
        var end = start + count < sourceStarts.Length ? sourceStarts[start + count] : sourceElements;
        starts.AppendShifted(sourceStarts.Slice(start, count), targetElements - first);
        return (first, end);
    }
}
