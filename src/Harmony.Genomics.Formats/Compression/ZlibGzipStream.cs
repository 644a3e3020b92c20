using System.Runtime.InteropServices;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// Plain gzip through the system zlib: every concatenated member in order (RFC 1952 §2.2), with a member cut short
/// (a truncated file), corrupt deflate data, a bad CRC32 or ISIZE trailer, or trailing bytes that are not another
/// member reported as <see cref="InputFormatException"/> with the compressed byte offset.
/// </summary>
internal sealed unsafe class ZlibGzipStream : ForwardReadStream
{
    private const int InputSize = 1 << 16;

    // windowBits 15 + 16: a gzip wrapper, checked header and trailer (zlib.h, inflateInit2).
    private const int GzipWindowBits = 15 + 16;

    private readonly Stream _compressed;
    private readonly string _sourceName;
    private readonly byte* _stream;
    private readonly byte* _input;
    private long _consumedBefore;
    private int _filled;
    private bool _inputEnded;
    private bool _inMember;
    private bool _finished;
    private bool _disposed;

    public ZlibGzipStream(Stream compressed, string sourceName)
    {
        _compressed = compressed;
        _sourceName = sourceName;
        _stream = (byte*)NativeMemory.AllocZeroed(ZlibNative.StreamSize);
        _input = (byte*)NativeMemory.Alloc(InputSize);
        var version = stackalloc byte[] { (byte)'1', (byte)'.', (byte)'2', (byte)'.', (byte)'1', (byte)'1', 0 };
        if (ZlibNative.InflateInit2(_stream, GzipWindowBits, version, ZlibNative.StreamSize) != ZlibNative.Ok)
        {
            NativeMemory.Free(_stream);
            NativeMemory.Free(_input);
            throw new InvalidOperationException("zlib inflateInit2 failed");
        }
    }

    private ref byte* NextIn => ref *(byte**)(_stream + ZlibNative.NextInOffset);

    private ref uint AvailIn => ref *(uint*)(_stream + ZlibNative.AvailInOffset);

    private ref byte* NextOut => ref *(byte**)(_stream + ZlibNative.NextOutOffset);

    private ref uint AvailOut => ref *(uint*)(_stream + ZlibNative.AvailOutOffset);

    // The compressed offset of the next byte zlib will read.
    private long Offset => _consumedBefore + (_filled - AvailIn);

    public override int Read(Span<byte> buffer)
    {
        if (_finished || buffer.IsEmpty)
        {
            return 0;
        }

        fixed (byte* output = buffer)
        {
            NextOut = output;
            AvailOut = (uint)buffer.Length;
            while (AvailOut == buffer.Length)
            {
                if (AvailIn == 0 && !Refill())
                {
                    if (_inMember)
                    {
                        throw new InputFormatException(_sourceName, null, Offset, null, "the rest of the gzip member, found the end of the file (truncated)");
                    }

                    _finished = true;
                    break;
                }

                if (!_inMember && !StartMember())
                {
                    _finished = true;
                    break;
                }

                var rc = ZlibNative.Inflate(_stream, ZlibNative.NoFlush);
                if (rc == ZlibNative.StreamEnd)
                {
                    ZlibNative.InflateReset(_stream);
                    _inMember = false;
                }
                else if (rc != ZlibNative.Ok && rc != ZlibNative.BufferError)
                {
                    var message = Marshal.PtrToStringAnsi((nint)(*(byte**)(_stream + ZlibNative.MessageOffset))) ?? "error " + rc;
                    throw new InputFormatException(_sourceName, null, Offset, null, $"valid gzip data ({message})");
                }
            }

            return buffer.Length - (int)AvailOut;
        }
    }

    // A new member must start with the gzip magic; zero padding at the end of a file is tolerated, as gzip(1) does.
    private bool StartMember()
    {
        while (AvailIn < 2 && !_inputEnded)
        {
            Refill();
        }

        var next = new ReadOnlySpan<byte>(NextIn, (int)AvailIn);
        if (next.Length >= 2 && next[0] == 0x1f && next[1] == 0x8b)
        {
            _inMember = true;
            return true;
        }

        while (true)
        {
            next = new ReadOnlySpan<byte>(NextIn, (int)AvailIn);
            if (next.IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new InputFormatException(_sourceName, null, Offset, null, "another gzip member or the end of the file, found other data after a member");
            }

            AvailIn = 0;
            if (!Refill())
            {
                return false;
            }
        }
    }

    // Keeps unread bytes and appends more; false when the file has ended and nothing is left.
    private bool Refill()
    {
        if (_inputEnded)
        {
            return AvailIn > 0;
        }

        var keep = (int)AvailIn;
        var keptFrom = NextIn;
        _consumedBefore += _filled - keep;
        if (keep > 0 && keptFrom != _input)
        {
            Buffer.MemoryCopy(keptFrom, _input, InputSize, keep);
        }

        var read = _compressed.Read(new Span<byte>(_input + keep, InputSize - keep));
        if (read == 0)
        {
            _inputEnded = true;
        }

        _filled = keep + read;
        NextIn = _input;
        AvailIn = (uint)_filled;
        return _filled > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ZlibNative.InflateEnd(_stream);
        NativeMemory.Free(_stream);
        NativeMemory.Free(_input);
        if (disposing)
        {
            _compressed.Dispose();
        }

        base.Dispose(disposing);
    }
}
