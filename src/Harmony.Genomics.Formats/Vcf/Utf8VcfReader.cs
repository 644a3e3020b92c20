using System.Buffers;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// A forward-only, allocation-free line tokenizer over a <see cref="ReadOnlySequence{T}"/> of VCF text, in the
/// style of <c>Utf8JsonReader</c>: it stops when the buffer ends mid-line (unless the block is final) and resumes
/// with the same <see cref="VcfReaderState"/> over the next buffer. A line that spans segments is copied once
/// into the state's scratch buffer; every other line is a slice of the input.
/// </summary>
public ref struct Utf8VcfReader
{
    private readonly bool _isFinalBlock;
    private readonly VcfReaderState _state;
    private readonly string _source;
    private ReadOnlySequence<byte> _remaining;

    /// <summary>Creates a reader over one buffer of input.</summary>
    /// <param name="data">The bytes not yet consumed.</param>
    /// <param name="isFinalBlock">Whether no more input follows: a last line without a newline is then returned.</param>
    /// <param name="state">The state carried from the previous buffer.</param>
    /// <param name="source">The source name, for errors.</param>
    public Utf8VcfReader(ReadOnlySequence<byte> data, bool isFinalBlock, VcfReaderState state, string source)
    {
        _remaining = data;
        _isFinalBlock = isFinalBlock;
        _state = state;
        _source = source;
        ValueSpan = default;
        LineMemory = default;
    }

    /// <summary>The current line without its line ending (<c>\n</c> or <c>\r\n</c>).</summary>
    public ReadOnlySpan<byte> ValueSpan { get; private set; }

    /// <summary>The current line as memory, valid until the underlying buffer is released or the next line that spans segments.</summary>
    public ReadOnlyMemory<byte> LineMemory { get; private set; }

    /// <summary>The 1-based number of the current line.</summary>
    public readonly long LineNumber => _state.LinesRead;

    /// <summary>The byte offset of the current line's first byte.</summary>
    public long LineOffset { get; private set; }

    /// <summary>The position after the last consumed line: pass it to <c>PipeReader.AdvanceTo</c>.</summary>
    public readonly SequencePosition Position => _remaining.Start;

    /// <summary>Moves to the next complete line; false when the buffer holds no complete line.</summary>
    public bool Read()
    {
        // Nearly every line ends in the first segment of what remains: found there, it is sliced from that segment
        // without the sequence's position arithmetic (a tenth of a one-sample file's decoding went to it).
        var first = _remaining.First;
        var index = first.Span.IndexOf((byte)'\n');
        if (index >= 0 && index <= _state.MaxLineLength)
        {
            _remaining = _remaining.Slice(index + 1);
            SetLine(first[..index], index + 1);
            return true;
        }

        var newline = index >= 0 ? _remaining.GetPosition(index) : _remaining.PositionOf((byte)'\n');
        ReadOnlySequence<byte> line;
        long consumed;
        if (newline is { } end)
        {
            line = _remaining.Slice(0, end);
            consumed = line.Length + 1;
            _remaining = _remaining.Slice(_remaining.GetPosition(1, end));
        }
        else if (_isFinalBlock && !_remaining.IsEmpty)
        {
            line = _remaining;
            consumed = line.Length;
            _remaining = _remaining.Slice(_remaining.End);
        }
        else
        {
            if (_remaining.Length > _state.MaxLineLength)
            {
                throw new InputFormatException(_source, _state.LinesRead + 1, _state.BytesConsumed, null, $"a line of at most {_state.MaxLineLength} bytes, found a longer one");
            }

            return false;
        }

        if (line.Length > _state.MaxLineLength)
        {
            throw new InputFormatException(_source, _state.LinesRead + 1, _state.BytesConsumed, null, $"a line of at most {_state.MaxLineLength} bytes, found one of {line.Length}");
        }

        SetLine(line.IsSingleSegment ? line.First : CopyToScratch(line), consumed);
        return true;
    }

    private void SetLine(ReadOnlyMemory<byte> line, long consumed)
    {
        LineMemory = line[..ContentLength(line.Span)];
        ValueSpan = LineMemory.Span;
        LineOffset = _state.BytesConsumed;
        _state.BytesConsumed += consumed;
        _state.LinesRead++;
    }

    /// <summary>The length of a line's content: without the CR of a CRLF line ending (the LF is not in <paramref name="line"/>).</summary>
    internal static int ContentLength(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line.Length - 1 : line.Length;

    private readonly ReadOnlyMemory<byte> CopyToScratch(in ReadOnlySequence<byte> line)
    {
        if (_state.Scratch.Length < line.Length)
        {
            _state.Scratch = new byte[Math.Max(line.Length, _state.Scratch.Length * 2)];
        }

        line.CopyTo(_state.Scratch);
        return _state.Scratch.AsMemory(0, (int)line.Length);
    }
}
