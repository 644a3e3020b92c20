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
        var from = sourceStarts.Span;
        var first = from[start];
        var end = start + count < from.Length ? from[start + count] : sourceBytes.Count;
        starts.AppendShifted(from.Slice(start, count), bytes.Count - first);
        bytes.Append(sourceBytes.Span[first..end]);
    }
}
