namespace Harmony.Genomics.Core;

/// <summary>
/// Malformed input: names the source, the 1-based line (when known), the 0-based byte offset,
/// the column (when known) and what was expected there.
/// </summary>
public sealed class InputFormatException : HarmonyException
{
    /// <summary>Creates a format error for a place in a source.</summary>
    /// <param name="source">The file name, or <c>-</c> for standard input.</param>
    /// <param name="line">The 1-based line number in the decompressed text, or <c>null</c> for binary layers (BGZF, gzip).</param>
    /// <param name="byteOffset">The 0-based byte offset: into the decompressed text when <paramref name="line"/> is given, else into the file.</param>
    /// <param name="column">The VCF column or field (e.g. <c>POS</c>, <c>INFO/DP</c>), or <c>null</c>.</param>
    /// <param name="expected">What the reader expected to find, in words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InputFormatException(string source, long? line, long byteOffset, string? column, string expected, Exception? innerException = null)
        : base(Format(source, line, byteOffset, column, expected), innerException!)
    {
        SourceName = source;
        Line = line;
        ByteOffset = byteOffset;
        Column = column;
        Expected = expected;
    }

    /// <summary>The file name, or <c>-</c> for standard input.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line number, when the error is in text.</summary>
    public long? Line { get; }

    /// <summary>The 0-based byte offset of the error.</summary>
    public long ByteOffset { get; }

    /// <summary>The VCF column or field, when known.</summary>
    public string? Column { get; }

    /// <summary>What was expected, in words.</summary>
    public string Expected { get; }

    /// <summary>The message without the source name, for rejected-record tables.</summary>
    public string Reason => Column is null ? Expected : $"{Column}: {Expected}";

    private static string Format(string source, long? line, long byteOffset, string? column, string expected)
    {
        var where = line is { } l ? $"{source}: line {l}, byte {byteOffset}" : $"{source}: byte {byteOffset}";
        return column is null ? $"{where}: {expected}" : $"{where}, column {column}: {expected}";
    }
}
