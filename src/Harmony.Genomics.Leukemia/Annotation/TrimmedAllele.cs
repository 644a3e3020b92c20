namespace Harmony.Genomics.Leukemia;

/// <summary>
/// A REF/ALT pair with the bases shared at the end and then at the start removed (the position moves past the
/// removed leading bases), so padded indels and <c>CA&gt;TA</c>-style records compare equal to their minimal form.
/// Repeats are not left-aligned (that needs the reference sequence): an indel written at a different place in a
/// repeat does not match.
/// </summary>
/// <param name="Position">1-based position of the first remaining REF base (or of the base after the insertion point).</param>
/// <param name="Reference">Remaining REF bases (empty for a pure insertion).</param>
/// <param name="Alternate">Remaining ALT bases (empty for a pure deletion).</param>
public readonly record struct TrimmedAllele(long Position, string Reference, string Alternate)
{
    /// <summary>Trims a VCF REF/ALT pair (case-insensitive bases).</summary>
    public static TrimmedAllele Trim(long position, string reference, string alternate)
    {
        var r = reference.ToUpperInvariant();
        var a = alternate.ToUpperInvariant();
        var suffix = 0;
        while (suffix < r.Length && suffix < a.Length && r[r.Length - 1 - suffix] == a[a.Length - 1 - suffix])
        {
            suffix++;
        }

        r = r[..^suffix];
        a = a[..^suffix];
        var prefix = 0;
        while (prefix < r.Length && prefix < a.Length && r[prefix] == a[prefix])
        {
            prefix++;
        }

        return new TrimmedAllele(position + prefix, r[prefix..], a[prefix..]);
    }

    /// <summary>Whether this is a simple base substitution (SNV or MNV of equal length).</summary>
    public bool IsSubstitution => Reference.Length == Alternate.Length;

    /// <summary>Whether the length change keeps the reading frame.</summary>
    public bool IsInFrame => (Reference.Length - Alternate.Length) % 3 == 0;

    /// <summary>The last reference base touched (the position itself for an insertion).</summary>
    public long End => Reference.Length == 0 ? Position : Position + Reference.Length - 1;
}
