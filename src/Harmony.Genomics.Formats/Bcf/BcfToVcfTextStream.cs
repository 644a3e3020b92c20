using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Bcf;

/// <summary>
/// Turns a decompressed BCF 2.1 or 2.2 byte stream into the VCF text <c>bcftools view</c> prints for it: the embedded
/// header (without its IDX attributes), then one line per record with typed values, missing values and
/// end-of-vector sentinels rendered as in VCF 4.4 §6.3.3. Read-only and forward-only, so the VCF reader needs no
/// BCF-specific code.
/// </summary>
/// <remarks>
/// Errors in the BCF structure raise <see cref="InputFormatException"/> with the byte offset into the decompressed
/// BCF and the column <c>BCF record N</c> (1-based). Errors the VCF reader finds later in a record's values refer to
/// the rendered text: their line number is the header's line count plus the record's 1-based index.
/// </remarks>
public sealed class BcfToVcfTextStream : Stream
{
    private readonly Stream input;
    private readonly string sourceName;
    private readonly BcfRecordReader records;
    private readonly TextBuffer output = new();
    private readonly RefilledOutput pending;
    private BcfRecordRenderer? renderer;
    private byte[] record = new byte[1 << 16];

    /// <summary>Wraps <paramref name="decompressedBcf"/>, which must start with the magic <c>BCF\2\1</c> or <c>BCF\2\2</c>.</summary>
    /// <param name="decompressedBcf">The BCF bytes after BGZF decompression (or an uncompressed BCF); owned by this stream.</param>
    /// <param name="sourceName">The name used in errors.</param>
    public BcfToVcfTextStream(Stream decompressedBcf, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(decompressedBcf);
        ArgumentNullException.ThrowIfNull(sourceName);
        input = decompressedBcf;
        this.sourceName = sourceName;
        records = new BcfRecordReader(decompressedBcf, sourceName);
        pending = new RefilledOutput(output, Refill);
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether <paramref name="head"/> (the first bytes of a decompressed input) is a BCF magic: <c>BCF\2</c>.</summary>
    /// <param name="head">At least the first four bytes.</param>
    /// <returns><c>true</c> for BCF version 2.</returns>
    public static bool IsBcf(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == (byte)'B' && head[1] == (byte)'C' && head[2] == (byte)'F' && head[3] == 2;

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer) => pending.Read(buffer);

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Refill()
    {
        if (renderer is null)
        {
            var dictionary = records.ReadHeader();
            renderer = new BcfRecordRenderer(dictionary, sourceName);
            output.Append(dictionary.Text);
            return true;
        }

        // A few records per refill, so that small reads do not pay per-record overhead.
        while (output.Length < (1 << 15))
        {
            if (!records.ReadRecord(ref record, out var shared, out var indiv, out var offset))
            {
                return false;
            }

            renderer.Render(record.AsSpan(0, shared), record.AsSpan(shared, indiv), records.RecordsRead - 1, offset, output);
        }

        return true;
    }
}
