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
}
