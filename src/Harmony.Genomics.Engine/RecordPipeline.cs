using System.Runtime.ExceptionServices;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// The records of one source, in file order, for the ingest loop. With two or more threads, decoding overlaps batch
/// building: one thread cannot both decode VCF text and pivot records into columns fast enough on a 2-core machine,
/// and one decoder thread alone cannot keep up with the caller either (issue #3). So decoder workers each take the
/// next chunk of lines (<see cref="VcfReader.ReadLines"/>, one worker at a time; the records slice the chunk's copy of
/// their lines, or keep their own when read one at a time), decode it
/// with a decoder of their own (its caches are per instance), and the caller's thread consumes the chunks in file
/// order. At most <c>2 × workers + 2</c> chunks exist, so memory stays bounded. With one thread the caller decodes.
/// </summary>
/// <remarks>
/// The consumer sees what one thread would have decoded. Chunks are numbered as their lines are read and handed over
/// in that order. A field met in a record but not declared is added to the shared header only once every earlier
/// chunk is decoded (see <see cref="AwaitEarlierChunks"/>), so definitions, and the lake's column order, follow the
/// file; <see cref="VcfReader.HandOver"/> then gives each record the field counts one thread would have given it, and
/// reports decoder warnings once each in file order. Decoding stops at the first rejected record unless
/// <c>lenient</c>: records after it, and any error after it, are never handed over. An error that ends the input
/// (compression, an over-long line) reaches the consumer after the records before it.
/// <para>
/// Given a writer to pivot into, a worker also pivots the accepted records of its chunk into a fragment of that writer
/// (<see cref="SourceFragment"/>), while their values are in its core's cache, and the consumer appends the fragment
/// once it has been handed every record of the chunk, so that field counts are final (issue #3: on a one-sample file
/// the consumer's record-by-record pivot was the slowest stage). The caller then does not append those records itself.
/// </para>
/// </remarks>
internal sealed class RecordPipeline : IDisposable
{
    /// <summary>Records per chunk.</summary>
    internal const int DefaultChunkRecords = 256;

    // A chunk is closed once its lines hold this many bytes, so wide records (thousands of samples) travel in small chunks.
    // Each record slot of each chunk keeps per-sample arrays (genotypes, value slots) sized to the widest record it held,
    // all touched for the first time once: 128 KiB instead of 256 KiB (about 12 instead of 25 records of workload a's
    // 2,504 samples) took a's page faults from 16,500 to 14,400 and its wall time from 0.46 to 0.44 s (native build,
    // interleaved medians of 9); 64 KiB measured no better, and b (200 samples) and c (one) were unchanged.
    private const int ChunkLineBytes = 128 << 10;

    private readonly VcfReader _reader;
    private readonly bool _lenient;
    private readonly int _chunkRecords;
    private readonly VcfRecord? _single;
    private readonly IFragmentWriter? _pivotInto;
    private readonly Thread[] _workers = [];

    // Guards the chunk hand-offs below; also waited on (Monitor), so a plain object rather than a Lock.
    private readonly object _gate = new();
    private readonly Stack<Chunk> _free = new();

    // Decoded chunks not yet consumed, at their sequence number modulo the number of chunks: the chunks in flight
    // (read, not yet freed) have consecutive numbers, never more than there are chunks, so slots are not shared.
    private readonly Chunk?[] _decoded = [];
    private long _decodedThrough = -1;
    private long _lastSequence = long.MaxValue;
    private bool _stopping;

    // One worker reads lines at a time.
    private readonly Lock _reading = new();
    private long _nextSequence;
    private volatile bool _noMoreLines;

    private Chunk? _current;
    private int _next;
    private long _expected;

    // Whether the current chunk was handed over whole (VcfReader.TryHandOverInOrder), so that its records need not be
    // touched one by one on this thread: reading them here, after another core wrote them, cost a cache miss each.
    private bool _handedOver;

    /// <param name="reader">The source, its header read.</param>
    /// <param name="decoders">Decoder workers (see <see cref="DecoderCount"/>); 0: the caller decodes.</param>
    /// <param name="lenient">Whether decoding goes on after a rejected record.</param>
    /// <param name="chunkRecords">Records per chunk (tests make it small so that workers race).</param>
    /// <param name="pivotInto">With decoder workers, the writer whose fragments they pivot accepted records into; it
    /// then receives every accepted record handed over, and the caller appends none. Null: the caller appends.</param>
    public RecordPipeline(VcfReader reader, int decoders, bool lenient, int chunkRecords, IFragmentWriter? pivotInto = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decoders);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRecords, 1);
        _reader = reader;
        _lenient = lenient;
        _chunkRecords = chunkRecords;
        if (decoders == 0)
        {
            _single = new VcfRecord();
            return;
        }

        _pivotInto = pivotInto;
        var chunks = (2 * decoders) + 2;
        _decoded = new Chunk?[chunks];
        for (var i = 0; i < chunks; i++)
        {
            _free.Push(new Chunk(chunkRecords) { Fragment = pivotInto?.NewFragment() });
        }

        _workers = new Thread[decoders];
        for (var i = 0; i < decoders; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"harmony-decode-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Decoder workers for a thread budget: none below two threads (the caller decodes), else two.</summary>
    internal static int DecoderCount(int threads) => threads < 2 ? 0 : 2;

    /// <summary>Whether workers pivot records into the writer given (see the remarks): false with no workers.</summary>
    public bool PivotsAhead => _pivotInto is not null && _workers.Length > 0;

    /// <summary>
    /// The next record, valid until the next call; false at the end. A malformed record comes back with
    /// <paramref name="rejected"/> set (its line, line number and record index still valid).
    /// </summary>
    public bool Read(out VcfRecord record, out InputFormatException? rejected, CancellationToken cancellationToken)
    {
        if (_single is not null)
        {
            record = _single;
            return _reader.ReadOrReject(record, out rejected);
        }

        while (_current is null || _next >= _current.Count)
        {
            if (_current is not null)
            {
                if (_current.Fragment is { Count: > 0 } fragment)
                {
                    // Every record of the chunk is handed over: their field counts are those one thread would give.
                    _pivotInto!.Append(fragment);
                }

                if (_current.Error is { } error)
                {
                    ExceptionDispatchInfo.Throw(error);
                }

                if (_current.IsLast)
                {
                    record = null!;
                    rejected = null;
                    return false;
                }

                Free(_current);
                _current = null;
            }

            _current = TakeDecoded(_expected++, cancellationToken);
            _next = 0;
            _handedOver = _current is { InOrder: true, Count: > 0 } chunk
                && _reader.TryHandOverInOrder(chunk.Records[0]!.FieldCounts(), chunk.Records[chunk.Count - 1]!.FieldCounts());
        }

        record = _current.Records[_next]!;
        rejected = _current.Rejected[_next];
        _next++;
        if (!_handedOver)
        {
            _reader.HandOver(record);
        }

        return true;
    }

    private Chunk TakeDecoded(long sequence, CancellationToken cancellationToken)
    {
        var slot = (int)(sequence % _decoded.Length);
        lock (_gate)
        {
            if (_decoded[slot] is { } ready && ready.Sequence == sequence)
            {
                return ready;
            }
        }

        // Registered outside the lock: disposing a registration waits for a running callback, which takes the lock.
        using var wake = cancellationToken.UnsafeRegister(static gate =>
        {
            lock (gate!)
            {
                Monitor.PulseAll(gate);
            }
        }, _gate);
        lock (_gate)
        {
            while (true)
            {
                if (_decoded[slot] is { } ready && ready.Sequence == sequence)
                {
                    return ready;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
        }
    }

    private void Free(Chunk chunk)
    {
        lock (_gate)
        {
            _decoded[(int)(chunk.Sequence % _decoded.Length)] = null;
            _free.Push(chunk);
            Monitor.PulseAll(_gate);
        }
    }

    private void Work()
    {
        long sequence = -1;
        var decoder = _reader.CreateDecoder(() => AwaitEarlierChunks(sequence));
        while (TakeFree() is { } chunk)
        {
            if (!ReadLines(chunk))
            {
                // Nothing more will be read, so the chunk is not needed again.
                return;
            }

            sequence = chunk.Sequence;
            if (!DecodeChunk(chunk, decoder))
            {
                return;
            }

            if (chunk.Fragment is not null)
            {
                PivotChunk(chunk);
            }

            chunk.InOrder = InOrder(chunk);
            Publish(chunk);
        }
    }

    // Whether the chunk's records raised no warnings and their field counts never fall from one to the next: read here,
    // on the core that decoded them, so that the consumer can hand the chunk over whole.
    private static bool InOrder(Chunk chunk)
    {
        var previous = (Info: 0, Format: 0);
        for (var i = 0; i < chunk.Count; i++)
        {
            var record = chunk.Records[i]!;
            var counts = record.FieldCounts();
            if (record.HasWarnings || counts.Info < previous.Info || counts.Format < previous.Format)
            {
                return false;
            }

            previous = counts;
        }

        return true;
    }

    private Chunk? TakeFree()
    {
        lock (_gate)
        {
            while (_free.Count == 0 && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            return _stopping ? null : _free.Pop();
        }
    }

    // Numbers the chunk and fills it with the next lines; false once the input (or what is handed over of it) ended.
    private bool ReadLines(Chunk chunk)
    {
        lock (_reading)
        {
            if (_noMoreLines)
            {
                return false;
            }

            chunk.Sequence = _nextSequence++;
            chunk.Count = 0;
            chunk.Error = null;
            chunk.IsLast = false;
            try
            {
                chunk.IsLast = !_reader.ReadLines(chunk.Records, ref chunk.Count, _chunkRecords, ChunkLineBytes, ref chunk.Text);
            }
            catch (Exception e)
            {
                // Compression errors, over-long lines: the records before it are still handed over.
                chunk.Error = e;
                chunk.IsLast = true;
            }

            _noMoreLines |= chunk.IsLast;
            return true;
        }
    }

    // False when the chunk is abandoned: an earlier chunk ended the records, so nothing of this one is handed over.
    private bool DecodeChunk(Chunk chunk, VcfRecordDecoder decoder)
    {
        for (var i = 0; i < chunk.Count; i++)
        {
            var record = chunk.Records[i]!;
            chunk.Rejected[i] = null;
            try
            {
                decoder.DecodeKeptLine(record);
            }
            catch (InputFormatException e)
            {
                chunk.Rejected[i] = e;
                if (!_lenient)
                {
                    // One thread stops at the first rejected record: nothing after it, an input error neither, is seen.
                    chunk.Count = i + 1;
                    chunk.Error = null;
                    chunk.IsLast = true;
                    _noMoreLines = true;
                    break;
                }
            }
            catch (AbandonedException)
            {
                return false;
            }
            catch (Exception e)
            {
                chunk.Count = i;
                chunk.Error = e;
                chunk.IsLast = true;
                _noMoreLines = true;
                break;
            }
        }

        return true;
    }

    // The accepted records into the chunk's fragment. A failure ends the records there, as a decoding error would.
    private void PivotChunk(Chunk chunk)
    {
        var fragment = chunk.Fragment!;
        fragment.Clear();

        // The accepted records between rejected ones are pivoted column by column (SourceFragment.AddRun); if that
        // fails, the chunk is pivoted again record by record, which stops at the record that fails.
        try
        {
            var start = 0;
            for (var i = 0; i <= chunk.Count; i++)
            {
                if (i == chunk.Count || chunk.Rejected[i] is not null)
                {
                    fragment.AddRun(chunk.Records.AsSpan(start, i - start)!);
                    start = i + 1;
                }
            }

            return;
        }
        catch (Exception)
        {
            fragment.Clear();
        }

        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk.Rejected[i] is not null)
            {
                continue;
            }

            try
            {
                fragment.Add(chunk.Records[i]!);
            }
            catch (Exception e)
            {
                fragment.Clear();
                chunk.Count = i;
                chunk.Error = e;
                chunk.IsLast = true;
                _noMoreLines = true;
                return;
            }
        }
    }

    private void Publish(Chunk chunk)
    {
        lock (_gate)
        {
            _decoded[(int)(chunk.Sequence % _decoded.Length)] = chunk;
            while (_decoded[(int)((_decodedThrough + 1) % _decoded.Length)] is { } next && next.Sequence == _decodedThrough + 1)
            {
                _decodedThrough++;
            }

            if (chunk.IsLast)
            {
                _lastSequence = Math.Min(_lastSequence, chunk.Sequence);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Called by a worker's decoder before it adds a field met in a record of chunk <paramref name="sequence"/> to the
    /// header: returns once every earlier chunk is decoded, so that a field first met in an earlier chunk, by the other
    /// worker, is defined first (the decoder looks it up again). Throws <see cref="AbandonedException"/> when an earlier
    /// chunk ended the records or the pipeline is stopping: this chunk is never handed over, and defines nothing.
    /// </summary>
    private void AwaitEarlierChunks(long sequence)
    {
        lock (_gate)
        {
            while (_decodedThrough < sequence - 1 && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            if (_stopping || _lastSequence < sequence)
            {
                throw new AbandonedException();
            }
        }
    }

    /// <summary>Stops the decoder workers and waits for them, so the reader can be disposed.</summary>
    public void Dispose()
    {
        if (_workers.Length == 0)
        {
            return;
        }

        _noMoreLines = true;
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private sealed class Chunk(int records)
    {
        public readonly VcfRecord?[] Records = new VcfRecord?[records];
        public readonly InputFormatException?[] Rejected = new InputFormatException?[records];
        public long Sequence;
        public int Count;

        // The chunk's lines, read into one block (VcfReader.ReadLines) and sliced by its records.
        public byte[] Text = [];
        public bool IsLast;
        public Exception? Error;
        public SourceFragment? Fragment;
        public bool InOrder;
    }

    // Unwinds a worker's decoder out of a chunk that will never be handed over.
    private sealed class AbandonedException : Exception
    {
    }
}
