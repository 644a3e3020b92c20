namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>A data line with its sort key (contig order, position), so a patient's records can be written sorted.</summary>
/// <param name="ContigOrder">Index of the contig in the header.</param>
/// <param name="Position">POS.</param>
/// <param name="Text">The whole line, without the line end.</param>
internal readonly record struct VcfLine(int ContigOrder, long Position, string Text) : IComparable<VcfLine>
{
    public int CompareTo(VcfLine other)
    {
        var c = ContigOrder.CompareTo(other.ContigOrder);
        return c != 0 ? c : Position != other.Position ? Position.CompareTo(other.Position) : string.CompareOrdinal(Text, other.Text);
    }
}
