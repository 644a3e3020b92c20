using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Engine;

/// <summary>
/// The records of one source, in file order, for the ingest loop. With two or more threads, decoding overlaps
/// batch building: one thread cannot both decode VCF text and pivot records into columns fast enough on a
/// 2-core machine (issue #3), so a decoder thread reads and decodes records ahead into pooled chunks
/// (<see cref="VcfRecord.KeepsLine"/>: each record owns its line) and the caller's thread consumes them.
/// At most <see cref="ChunkCount"/> chunks exist, so memory stays bounded. With one thread the caller decodes.
/// </summary>
/// <remarks>
/// The decoder adds undeclared fields to the shared header while the consumer builds columns from it; the consumer
/// reads only the first <see cref="VcfRecord.InfoFieldCount"/>/<see cref="VcfRecord.FormatFieldCount"/> definitions,
/// which were added before the record was handed over (the queue orders the writes). Decoding stops at the first
/// rejected record unless <c>lenient</c>, as the single-threaded loop stopped there, and an error that ends the
/// input (compression, an over-long line) reaches the consumer after the records before it.
/// </remarks>
internal sealed class RecordPipeline : IDisposable
{
    private const int ChunkCount = 4;
    private const int ChunkRecords = 256;

    // A chunk is closed once its lines hold this many bytes, so wide records (thousands of samples) travel in small chunks.
    private const int ChunkLineBytes = 256 << 10;

    private readonly VcfReader _reader;
    private readonly bool _lenient;
    private readonly VcfRecord? _single;
    private readonly BlockingCollection<Chunk>? _full;
    private readonly BlockingCollection<Chunk>? _free;
    private readonly CancellationTokenSource? _stop;
    private readonly Thread? _decoder;
    private Chunk? _current;
    private int _next;

    /// <param name="reader">The source, its header read.</param>
    /// <param name="threads">Two or more: decode on a thread of its own.</param>
    /// <param name="lenient">Whether decoding goes on after a rejected record.</param>
    public RecordPipeline(VcfReader reader, int threads, bool lenient)
    {
        _reader = reader;
        _lenient = lenient;
        if (threads < 2)
        {
            _single = new VcfRecord();
            return;
        }

        _full = new BlockingCollection<Chunk>(ChunkCount);
        _free = new BlockingCollection<Chunk>(ChunkCount);
        for (var i = 0; i < ChunkCount; i++)
        {
            _free.Add(new Chunk());
        }

        _stop = new CancellationTokenSource();
        _decoder = new Thread(Decode) { IsBackground = true, Name = "harmony-decode" };
        _decoder.Start();
    }

    /// <summary>
    /// The next record, valid until the next call; false at the end. A malformed record comes back with
    /// <paramref name="rejected"/> set (its line, line number and record index still valid).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

                _free!.Add(_current, CancellationToken.None);
                _current = null;
            }

            _current = _full!.Take(cancellationToken);
            _next = 0;
        }

        record = _current.Records[_next]!;
        rejected = _current.Rejected[_next];
        _next++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decode()
    {
        var token = _stop!.Token;
        try
        {
            var more = true;
            while (more)
            {
                var chunk = _free!.Take(token);
                chunk.Count = 0;
                chunk.Error = null;
                long bytes = 0;
                try
                {
                    while (chunk.Count < ChunkRecords && bytes < ChunkLineBytes)
                    {
                        var record = chunk.Records[chunk.Count] ??= new VcfRecord { KeepsLine = true };
                        if (!_reader.ReadOrReject(record, out var rejected))
                        {
                            more = false;
                            break;
                        }

                        chunk.Rejected[chunk.Count++] = rejected;
                        bytes += record.Line.Length;
                        if (rejected is not null && !_lenient)
                        {
                            more = false;
                            break;
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    chunk.Error = e;
                    more = false;
                }

                chunk.IsLast = !more;
                _full!.Add(chunk, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The consumer stopped early (an error or cancellation); nothing is waiting for more records.
        }
    }

    /// <summary>Stops the decoder thread and waits for it, so the reader can be disposed.</summary>
    public void Dispose()
    {
        if (_decoder is null)
        {
            return;
        }

        _stop!.Cancel();
        _decoder.Join();
        _stop.Dispose();
        _full!.Dispose();
        _free!.Dispose();
    }

    private sealed class Chunk
    {
        public readonly VcfRecord?[] Records = new VcfRecord?[ChunkRecords];
        public readonly InputFormatException?[] Rejected = new InputFormatException?[ChunkRecords];
        public int Count;
        public bool IsLast;
        public Exception? Error;
    }
}
