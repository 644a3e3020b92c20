using System.Runtime.ExceptionServices;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// The decompressed bytes of a BGZF file, in order. An error in a block is raised only after every byte
/// of the blocks before it has been returned; once raised, it is raised again by every later read.
/// </summary>
internal sealed class BgzfReadStream : ForwardReadStream
{
    private readonly IBgzfBlockSource source;
    private readonly string sourceName;
    private readonly InputOptions options;
    private BgzfBlock? current;
    private int position;
    private ExceptionDispatchInfo? pending;
    private bool endOfFile;
    private bool lastBlockEmpty;

    public BgzfReadStream(IBgzfBlockSource source, string sourceName, InputOptions options)
    {
        this.source = source;
        this.sourceName = sourceName;
        this.options = options;
    }

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            if (current is not null && position < current.OutputLength)
            {
                var n = Math.Min(buffer.Length - total, current.OutputLength - position);
                current.Output.AsSpan(position, n).CopyTo(buffer[total..]);
                position += n;
                total += n;
                continue;
            }

            if (pending is not null)
            {
                if (total > 0)
                {
                    break;
                }

                pending.Throw();
            }

            if (endOfFile)
            {
                break;
            }

            if (current is not null)
            {
                source.Return(current);
                current = null;
            }

            BgzfBlock? next;
            try
            {
                next = source.Next();
            }
#pragma warning disable CA1031 // Held back until the bytes already copied have been returned.
            catch (Exception e)
#pragma warning restore CA1031
            {
                pending = ExceptionDispatchInfo.Capture(e);
                continue;
            }

            if (next is null)
            {
                endOfFile = true;
                CheckEndOfFileMarker();
                continue;
            }

            lastBlockEmpty = next.OutputLength == 0;
            current = next;
            position = 0;
        }

        return total;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    // htslib writes an empty block last; without it the file was probably cut short.
    private void CheckEndOfFileMarker()
    {
        if (lastBlockEmpty)
        {
            return;
        }

        const string Expected = "the BGZF end-of-file marker (an empty block) at the end; the file may be truncated";
        if (options.Strict)
        {
            pending = ExceptionDispatchInfo.Capture(new InputFormatException(sourceName, null, source.CompressedPosition, null, Expected));
        }
        else
        {
            options.Warning?.Invoke($"{sourceName}: byte {source.CompressedPosition}: missing {Expected}");
        }
    }
}
