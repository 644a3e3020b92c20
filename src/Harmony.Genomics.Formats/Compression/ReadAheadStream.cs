using System.Runtime.ExceptionServices;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// Reads a forward-only stream ahead on a thread of its own, into a few fixed buffers, so that work done inside the
/// stream's reads (rendering BCF records as VCF text, inflating a plain gzip member) runs beside the decoders instead of
/// under the reader's lock. The bytes, and an error the inner stream raises, reach the caller in the same order as
/// without it: the error after every byte read before it, as the same exception.
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    private const int BufferBytes = 256 << 10;
    private const int BufferCount = 4;

    private readonly Stream _inner;
    private readonly CancellationTokenSource _stop = new();
    private readonly HandoffQueue<Segment> _full;
    private readonly HandoffQueue<byte[]> _free;
    private readonly Thread _thread;
    private Segment _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner, string name)
    {
        _inner = inner;
        _full = new HandoffQueue<Segment>(BufferCount + 1, _stop.Token);
        _free = new HandoffQueue<byte[]>(BufferCount, _stop.Token);
        for (var i = 0; i < BufferCount; i++)
        {
            _free.Add(new byte[BufferBytes]);
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current.Buffer is null || _offset == _current.Count)
        {
            if (_ended)
            {
                return 0;
            }

            if (_current.Buffer is { } used)
            {
                _free.Add(used);
            }

            _current = _full.Take();
            _offset = 0;
            if (_current.Error is { } error)
            {
                _ended = true;
                error.Throw();
            }

            if (_current.Buffer is null)
            {
                _ended = true;
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _current.Count - _offset);
        _current.Buffer.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        // Owners may both dispose it (the reader and the input it came from): only the first call acts.
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _thread.Join();
            _inner.Dispose();
            _stop.Dispose();
            _full.Dispose();
            _free.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Run()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                var buffer = _free.Take();
                var count = 0;
                try
                {
                    while (count < buffer.Length)
                    {
                        var read = _inner.Read(buffer.AsSpan(count));
                        if (read == 0)
                        {
                            break;
                        }

                        count += read;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // The bytes read before the error first, then the error itself.
                    if (count > 0)
                    {
                        _full.Add(new Segment(buffer, count, null));
                    }

                    _full.Add(new Segment(null, 0, ExceptionDispatchInfo.Capture(e)));
                    return;
                }

                if (count > 0)
                {
                    _full.Add(new Segment(buffer, count, null));
                }

                if (count < buffer.Length)
                {
                    _full.Add(new Segment(null, 0, null));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed before the end: nobody reads on.
        }
    }

    private readonly record struct Segment(byte[]? Buffer, int Count, ExceptionDispatchInfo? Error);
}
