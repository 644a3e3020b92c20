namespace Harmony.Genomics.Formats.Vcf;

/// <summary>A slice of a record's line: start offset and length; a length of -1 marks a missing value (<c>.</c>).</summary>
/// <param name="Start">The 0-based offset into the line.</param>
/// <param name="Length">The length in bytes, or -1 when missing.</param>
public readonly record struct ByteRange(int Start, int Length)
{
    /// <summary>A missing value.</summary>
    public static ByteRange Missing => new(0, -1);

    /// <summary>Whether the value is missing.</summary>
    public bool IsMissing => Length < 0;
}
