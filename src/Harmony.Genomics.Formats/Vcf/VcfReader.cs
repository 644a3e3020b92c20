using System.Buffers;
using System.IO.Pipelines;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// Reads a VCF stream: the header on construction, then one record at a time into a reused <see cref="VcfRecord"/>.
/// Malformed input raises <see cref="Core.InputFormatException"/>; the bad line is consumed first, so a caller
/// that keeps going (lenient mode) continues with the next line.
/// </summary>
/// <example>
/// <code>
/// using var reader = VcfReader.Open("calls.vcf.gz", new VcfReaderOptions());
/// Console.WriteLine(string.Join(",", reader.Header.SampleNames));
/// var record = new VcfRecord();
/// while (reader.Read(record))
/// {
///     Console.WriteLine($"{record.GetString(record.Chromosome)}:{record.Position}");
/// }
/// </code>
/// </example>
public sealed class VcfReader : IDisposable
{
    private readonly PipeReader? _pipe;
    private readonly IDisposable? _owner;

    // A BCF source: its records are read as bytes and decoded by the decoders (VcfRecordDecoder.Bcf.cs), not as text.
    private readonly Stream? _bcfStream;
    private readonly Bcf.BcfRecordReader? _bcf;
    private readonly Bcf.BcfHeaderDictionary? _bcfHeader;
    private readonly long _bcfHeaderLines;
    private readonly VcfReaderState _state;
    private readonly VcfRecordDecoder _decoder;
    private readonly VcfReaderOptions _options;
    private readonly HashSet<string> _reportedWarnings = new(StringComparer.Ordinal);
    private int _handedOverInfoFields;
    private int _handedOverFormatFields;
    private ReadOnlySequence<byte> _buffer;
    private bool _completed;
    private bool _hasBuffer;
    private long _records;
    private bool _disposed;
    private int[] _lineEnds = [];

    /// <summary>Reads the header from a stream of decompressed VCF text, or of decompressed BCF 2.1/2.2 (sniffed from its magic).</summary>
    /// <param name="stream">The decompressed text or BCF.</param>
    /// <param name="sourceName">The name used in errors.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="owner">Disposed with the reader (e.g. the decompressing input), or null.</param>
    /// <remarks>The reader owns <paramref name="stream"/>: disposing the reader disposes it (and <paramref name="owner"/>).</remarks>
    public VcfReader(Stream stream, string sourceName, VcfReaderOptions options, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, "options.Threads");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineLength, 1, "options.MaxLineLength");
        SourceName = sourceName;
        _options = options;
        _owner = owner;
        _state = new VcfReaderState(options.MaxLineLength);
        var head = new byte[4];
        var sniffed = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);

        var input = new Compression.PrefixedStream(head, sniffed, stream);
        if (Bcf.BcfToVcfTextStream.IsBcf(head.AsSpan(0, sniffed)))
        {
            // BCF records keep their binary form up to the decoders, which decode them directly where they can: rendering
            // them as text to parse them again cost more than decoding the text itself.
            _bcfStream = input;
            _bcf = new Bcf.BcfRecordReader(input, sourceName);
            _bcfHeader = _bcf.ReadHeader();
            (Header, _bcfHeaderLines) = ReadBcfHeader(_bcfHeader, options);
        }
        else
        {
            _pipe = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 1 << 20, minimumReadSize: 64 << 10, leaveOpen: owner is not null));
            Header = ReadHeader(options);
        }

        foreach (var field in options.AssumedInfoFields)
        {
            Header.Info.TryAdd(field with { IsDeclared = false }, notify: false);
        }

        foreach (var field in options.AssumedFormatFields)
        {
            Header.Format.TryAdd(field with { IsDeclared = false }, notify: false);
        }

        _decoder = new VcfRecordDecoder(Header, sourceName, options.Strict, options.Warning, options.Unpack, bcfHeader: _bcfHeader, bcfDirect: options.DecodeBcfDirectly) { LearnedInfoKeys = options.LearnedInfoKeys };
    }

    /// <summary>
    /// Opens a VCF or BCF file (plain, gzip or BGZF, sniffed from its bytes; <c>-</c> for standard input) and reads its header.
    /// A BCF is read as the VCF text <c>bcftools view</c> prints (see <see cref="VariantInput"/>).
    /// </summary>
    public static VcfReader Open(string path, VcfReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var stream = path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        var input = VariantInput.Open(stream, path, path, ToInputOptions(options));
        try
        {
            return new VcfReader(input.Stream, path, options, input);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>Reads VCF or BCF from a stream (plain, gzip or BGZF, sniffed from its bytes) and reads its header.</summary>
    /// <remarks>The reader owns <paramref name="stream"/>: disposing the reader disposes it.</remarks>
    public static VcfReader Open(Stream stream, string sourceName, VcfReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        var input = VariantInput.Open(stream, sourceName, sourceName, ToInputOptions(options));
        try
        {
            return new VcfReader(input.Stream, sourceName, options, input);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    private static Compression.InputOptions ToInputOptions(VcfReaderOptions options) =>
        new() { Threads = options.Threads, Strict = options.RequireBgzfEofMarker, Warning = options.Warning };

    /// <summary>The source name used in errors.</summary>
    public string SourceName { get; }

    /// <summary>The header.</summary>
    public VcfHeader Header { get; }

    /// <summary>How many BCF records <see cref="Read"/> and <see cref="ReadOrReject"/> decoded directly, without rendering them as text.</summary>
    internal long BcfRecordsDecodedDirectly => _decoder.BcfRecordsDecodedDirectly;

    /// <summary>The decompressed bytes consumed so far.</summary>
    public long BytesConsumed => _bcf?.BytesConsumed ?? _state.BytesConsumed;

    /// <summary>
    /// Reads the next record into <paramref name="record"/>; false at the end of the input. A malformed line raises
    /// <see cref="Core.InputFormatException"/> after it was consumed; its record index is still counted.
    /// </summary>
    public bool Read(VcfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Next(record))
        {
            return false;
        }

        _decoder.DecodeKeptLine(record);
        return true;
    }

    /// <summary>
    /// As <see cref="Read(VcfRecord)"/>, but a malformed data line is returned as <paramref name="rejected"/> (with
    /// <see cref="VcfRecord.Line"/>, <see cref="VcfRecord.LineNumber"/> and <see cref="VcfRecord.RecordIndex"/> set)
    /// instead of thrown; errors that make the rest of the input unreadable (compression, over-long lines) still throw.
    /// </summary>
    public bool ReadOrReject(VcfRecord record, out Core.InputFormatException? rejected)
    {
        ArgumentNullException.ThrowIfNull(record);
        rejected = null;
        if (!Next(record))
        {
            return false;
        }

        try
        {
            _decoder.DecodeKeptLine(record);
        }
        catch (Core.InputFormatException e)
        {
            rejected = e;
        }

        return true;
    }

    /// <summary>
    /// Reads the next line into <paramref name="record"/> (which must keep its line) without decoding it: record index,
    /// line, line number and offset, for <see cref="CreateDecoder"/>'s decoders to decode on other threads. Errors that
    /// make the rest of the input unreadable (compression, over-long lines) throw.
    /// </summary>
    internal bool ReadLine(VcfRecord record)
    {
        if (!record.KeepsLine)
        {
            throw new ArgumentException("the record must keep its line", nameof(record));
        }

        return Next(record);
    }

    /// <summary>
    /// Reads lines as <see cref="ReadLine"/> does, into <paramref name="records"/> from <paramref name="count"/> on (records
    /// created as needed), until <paramref name="maxRecords"/> are there or their lines hold
    /// <paramref name="maxBytes"/>; false once the input has ended. The lines that lie whole in the buffer are copied
    /// into <paramref name="text"/> together, and their records' lines slice it (valid while <paramref name="text"/> is
    /// not reused): one copy per block of lines instead of one per line. <paramref name="count"/> counts every record
    /// read, also when an error that ends the input is thrown.
    /// </summary>
    internal bool ReadLines(VcfRecord?[] records, ref int count, int maxRecords, long maxBytes, ref byte[] text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long bytes = 0;
        var used = 0;
        while (count < maxRecords && bytes < maxBytes)
        {
            if (_bcf is null && _hasBuffer && TakeWholeLines(records, ref count, maxRecords, maxBytes, ref bytes, ref text, ref used))
            {
                continue;
            }

            // A line that runs into the buffer's next segment or past it, an over-long line, a BCF record: one at a time.
            var record = records[count] ??= new VcfRecord { KeepsLine = true };
            if (!ReadLine(record))
            {
                return false;
            }

            count++;
            bytes += record.Line.Length;
        }

        return true;
    }

    // The lines that end in the first segment of the buffer, up to the limits; false when none does.
    private bool TakeWholeLines(VcfRecord?[] records, ref int count, int maxRecords, long maxBytes, ref long bytes, ref byte[] text, ref int used)
    {
        var segment = _buffer.First.Span;
        if (_lineEnds.Length < maxRecords)
        {
            _lineEnds = new int[maxRecords];
        }

        var lines = 0;
        var taken = 0;
        var lineBytes = bytes;
        while (count + lines < maxRecords && lineBytes < maxBytes)
        {
            var newline = segment[taken..].IndexOf((byte)'\n');
            if (newline < 0 || newline > _state.MaxLineLength)
            {
                break;
            }

            _lineEnds[lines++] = taken + newline;
            lineBytes += newline;
            taken += newline + 1;
        }

        if (lines == 0)
        {
            return false;
        }

        if (text.Length - used < taken)
        {
            // The records already read slice the old array, which stays theirs.
            text = new byte[Math.Max(taken, text.Length * 2)];
            used = 0;
        }

        segment[..taken].CopyTo(text.AsSpan(used));
        var start = 0;
        for (var i = 0; i < lines; i++)
        {
            var end = _lineEnds[i];
            var length = Utf8VcfReader.ContentLength(segment[start..end]);
            var record = records[count++] ??= new VcfRecord { KeepsLine = true };
            record.RecordIndex = _records++;
            record.HoldsBcf = false;
            record.SetLine(text, used + start, length);
            record.LineNumber = ++_state.LinesRead;
            record.ByteOffset = _state.BytesConsumed + start;
            start = end + 1;
        }

        _state.BytesConsumed += taken;
        _buffer = _buffer.Slice(taken);
        used += taken;
        bytes = lineBytes;
        return true;
    }

    // The next record, undecoded, into the record: a text line (the reader's or, when the record keeps its line, its
    // own copy) or a BCF record's bytes, numbered and placed.
    private bool Next(VcfRecord record)
    {
        // Buffered input would otherwise go on serving records (BCF) or fail deep in the pipe (text).
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bcf is not null)
        {
            return NextBcfRecord(record);
        }

        if (!NextLine(out var line, out var number, out var offset))
        {
            return false;
        }

        record.RecordIndex = _records++;
        record.HoldsBcf = false;
        if (record.KeepsLine)
        {
            record.KeepLine(line);
        }
        else
        {
            record.Line = line;
        }

        record.LineNumber = number;
        record.ByteOffset = offset;
        return true;
    }

    /// <summary>
    /// A decoder, with caches of its own, for the lines <see cref="ReadLine"/> reads; one per thread. Its warnings wait in
    /// the record for <see cref="HandOver"/>, and <paramref name="awaitEarlierRecords"/> is called before it adds a field to
    /// the header (see <see cref="VcfRecordDecoder"/>).
    /// </summary>
    internal VcfRecordDecoder CreateDecoder(Action awaitEarlierRecords) =>
        new(Header, SourceName, _options.Strict, _options.Warning, _options.Unpack, awaitEarlierRecords, defersWarnings: true, _bcfHeader, _options.DecodeBcfDirectly) { LearnedInfoKeys = _options.LearnedInfoKeys };

    /// <summary>
    /// Hands a record decoded by a <see cref="CreateDecoder"/> decoder to the consumer; called for every record (rejected
    /// ones included), in file order. Reports its warnings that no earlier record raised, and raises its field counts to
    /// those of the records before it: a record decoded before an earlier one defined a field does not count that field,
    /// though one thread would have.
    /// </summary>
    internal void HandOver(VcfRecord record)
    {
        if (record.HasWarnings)
        {
            foreach (var (key, message) in record.Warnings)
            {
                if (_reportedWarnings.Add(key))
                {
                    _options.Warning?.Invoke(message);
                }
            }
        }

        _handedOverInfoFields = Math.Max(_handedOverInfoFields, record.InfoFieldCount);
        _handedOverFormatFields = Math.Max(_handedOverFormatFields, record.FormatFieldCount);
        record.InfoFieldCount = _handedOverInfoFields;
        record.FormatFieldCount = _handedOverFormatFields;
    }

    /// <summary>
    /// Hands over, at once, consecutive records that raised no warnings and whose field counts never fall from one to
    /// the next (<paramref name="first"/> the first record's counts, <paramref name="last"/> the last's), as a decoder
    /// worker's chunk is: when the first is at least the counts handed over so far, <see cref="HandOver"/> would leave
    /// every record's counts as they are, so nothing is done per record and this returns true. Otherwise it returns
    /// false and each record is to be handed over.
    /// </summary>
    internal bool TryHandOverInOrder((int Info, int Format) first, (int Info, int Format) last)
    {
        if (first.Info < _handedOverInfoFields || first.Format < _handedOverFormatFields)
        {
            return false;
        }

        _handedOverInfoFields = last.Info;
        _handedOverFormatFields = last.Format;
        return true;
    }

    private VcfHeader ReadHeader(VcfReaderOptions options)
    {
        var builder = new VcfHeaderBuilder(SourceName, options.Warning);
        while (true)
        {
            if (!NextLine(out var line, out var number, out var offset))
            {
                throw builder.MissingHeaderLine(_state.LinesRead + 1, _state.BytesConsumed);
            }

            var header = builder.AddLine(line.Span, number, offset);
            if (header is not null)
            {
                return header;
            }
        }
    }

    // The embedded header of a BCF, read as the header of the VCF text bcftools view prints for it; returns its line count.
    private (VcfHeader Header, long Lines) ReadBcfHeader(Bcf.BcfHeaderDictionary dictionary, VcfReaderOptions options)
    {
        var builder = new VcfHeaderBuilder(SourceName, options.Warning);
        var text = System.Text.Encoding.UTF8.GetBytes(dictionary.Text);
        long number = 0;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.AsSpan(start).IndexOf((byte)'\n');
            var end = newline < 0 ? text.Length : start + newline;
            number++;
            if (builder.AddLine(text.AsSpan(start, end - start), number, start) is { } header)
            {
                return (header, number);
            }

            start = end + 1;
        }

        throw builder.MissingHeaderLine(number + 1, text.Length);
    }

    // The next BCF record's bytes into the record, numbered as the line bcftools view would print for it.
    private bool NextBcfRecord(VcfRecord record)
    {
        if (!_bcf!.ReadRecord(ref record.BcfBytes, out var shared, out var indiv, out var offset))
        {
            return false;
        }

        record.HoldsBcf = true;
        record.BcfShared = shared;
        record.BcfIndiv = indiv;
        record.RecordIndex = _records++;
        record.LineNumber = _bcfHeaderLines + record.RecordIndex + 1;
        record.ByteOffset = offset;

        // Until it is decoded, the record's bytes stand for its line (a chunk of records is sized by them).
        record.Line = record.BcfBytes.AsMemory(0, shared + indiv);
        return true;
    }

    private bool NextLine(out ReadOnlyMemory<byte> line, out long number, out long offset)
    {
        while (true)
        {
            if (_hasBuffer)
            {
                var reader = new Utf8VcfReader(_buffer, _completed, _state, SourceName);
                if (reader.Read())
                {
                    line = reader.LineMemory;
                    number = reader.LineNumber;
                    offset = reader.LineOffset;
                    _buffer = _buffer.Slice(reader.Position);
                    return true;
                }

                _pipe!.AdvanceTo(_buffer.Start, _buffer.End);
                _hasBuffer = false;
                if (_completed)
                {
                    line = default;
                    number = offset = 0;
                    return false;
                }
            }

            // The input streams read on the calling thread (ForwardReadStream.ReadAsync): the ValueTask is complete when returned.
            var result = _pipe!.ReadAsync().AsTask().GetAwaiter().GetResult();
            _buffer = result.Buffer;
            _completed = result.IsCompleted;
            _hasBuffer = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _pipe?.Complete();
        if (_owner is null)
        {
            _bcfStream?.Dispose();
        }

        _owner?.Dispose();
    }
}
