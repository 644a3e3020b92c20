namespace Harmony.Genomics.Formats.Bcf;

/// <summary>
/// The read side of a stream that makes its bytes a refill at a time (rendered BCF, selected VCF lines or BCF
/// records): hands out what the last refill appended to <see cref="TextBuffer"/>, and asks for the next once all of it
/// has been read.
/// </summary>
/// <param name="output">The buffer the refills append to.</param>
/// <param name="refill">Appends the next bytes to <paramref name="output"/> (cleared before); false once the input has
/// ended (with or without a last piece appended).</param>
internal sealed class RefilledOutput(TextBuffer output, Func<bool> refill)
{
    private int position;
    private bool ended;

    public int Read(Span<byte> destination)
    {
        while (position == output.Length)
        {
            if (ended || destination.IsEmpty)
            {
                return 0;
            }

            output.Clear();
            position = 0;
            ended = !refill();
        }

        var n = Math.Min(destination.Length, output.Length - position);
        output.Span.Slice(position, n).CopyTo(destination);
        position += n;
        return n;
    }
}
