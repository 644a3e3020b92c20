using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Harmony.Genomics.Formats;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>A growable byte buffer for page bodies, written from hot loops without the bounds checks of a stream.</summary>
/// <remarks>
/// Its arrays come from <see cref="ArrayPool{T}.Shared"/> and go back there as it grows and when released, so the
/// column chunks of one file after another, and columns growing one after another, reuse memory already touched.
/// </remarks>
internal sealed class ByteSink
{
    private byte[] _buffer;

    public ByteSink(int capacity = 1 << 16) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Empties the sink and returns its array to the pool (writing again rents another).</summary>
    public void Release()
    {
        Length = 0;
        ReturnToPool();
        _buffer = [];
    }

    /// <summary>Room for <paramref name="count"/> more bytes; advance with <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Grow(count);
        }

        return _buffer.AsSpan(Length, count);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        if (Length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[Length++] = value;
    }

    /// <summary>A PLAIN byte array: its length as four bytes, then its bytes (short ones copied without a call).</summary>
    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        var target = Reserve(4 + bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(target, bytes.Length);
        ShortSpans.CopyBytes(bytes, target[4..]);
        Length += 4 + bytes.Length;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        Length += 4;
    }

    public void WriteValues<T>(ReadOnlySpan<T> values)
        where T : unmanaged => Write(MemoryMarshal.AsBytes(values));

    /// <summary>Overwrites four bytes already written (a length prefix known only afterwards).</summary>
    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at, 4), value);

    public void VarInt(ulong value)
    {
        var span = Reserve(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        Length += n;
    }

    /// <summary>A signed value as a zigzag-encoded varint (Thrift's integers, delta encoding's first value and minima).</summary>
    public void ZigZagVarInt(long value) => VarInt((ulong)((value << 1) ^ (value >> 63)));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + count));
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ReturnToPool();
        _buffer = larger;
    }

    // The empty array a released sink holds is not the pool's.
    private void ReturnToPool()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
