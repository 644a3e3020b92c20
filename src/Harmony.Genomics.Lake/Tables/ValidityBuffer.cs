using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>A growable Arrow validity (or boolean) bitmap, least significant bit first.</summary>
internal sealed class ValidityBuffer
{
    private byte[] _bits = new byte[256];

    public int Count { get; private set; }

    public int FalseCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(bool value)
    {
        if ((Count >> 3) == _bits.Length)
        {
            System.Array.Resize(ref _bits, _bits.Length * 2);
        }

        if (value)
        {
            _bits[Count >> 3] |= (byte)(1 << (Count & 7));
        }
        else
        {
            FalseCount++;
        }

        Count++;
    }

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="bits"/> (at most 56, the bits above them clear), least significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBits(ulong bits, int count)
    {
        // A row's few bits span at most two bytes, as in AddTrue: no reserve and no word write for them.
        var at = Count >> 3;
        if ((uint)count <= 8 && at + 1 < _bits.Length)
        {
            var shifted = (uint)bits << (Count & 7);
            _bits[at] |= (byte)shifted;
            _bits[at + 1] |= (byte)(shifted >> 8);
            Count += count;
            FalseCount += count - System.Numerics.BitOperations.PopCount(bits);
            return;
        }

        AddBitsSlow(bits, count);
    }

    private void AddBitsSlow(ulong bits, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 56);
        Reserve(count);
        OrBits(_bits, Count, bits);
        Count += count;
        FalseCount += count - System.Numerics.BitOperations.PopCount(bits);
    }

    /// <summary>Appends <paramref name="count"/> false bits (nulls): the bits past <see cref="Count"/> are already clear.</summary>
    public void AddFalse(int count)
    {
        Reserve(count);
        Count += count;
        FalseCount += count;
    }

    /// <summary>Appends <paramref name="count"/> true bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTrue(int count)
    {
        // A row's few bits (one call's validity, one cell's values) span at most two bytes: set them with a mask, as
        // the general loop below cost about 85 instructions for a single bit.
        var at = Count >> 3;
        if ((uint)count <= 8 && at + 1 < _bits.Length)
        {
            var mask = ((1u << count) - 1) << (Count & 7);
            _bits[at] |= (byte)mask;
            _bits[at + 1] |= (byte)(mask >> 8);
            Count += count;
            return;
        }

        AddTrueSlow(count);
    }

    private void AddTrueSlow(int count)
    {
        Reserve(count);
        var i = Count;
        var end = Count + count;
        for (; i < end && (i & 7) != 0; i++)
        {
            _bits[i >> 3] |= (byte)(1 << (i & 7));
        }

        var whole = (end - i) >> 3;
        _bits.AsSpan(i >> 3, whole).Fill(0xFF);
        for (i += whole << 3; i < end; i++)
        {
            _bits[i >> 3] |= (byte)(1 << (i & 7));
        }

        Count = end;
    }

    /// <summary>Appends bits <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of another buffer.</summary>
    public void AppendRange(ValidityBuffer source, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, source.Count);
        Reserve(count);
        var set = 0;
        // Up to 56 bits at a time: shifted by at most 7 to line up with either buffer, they still fit in 64.
        for (var done = 0; done < count; done += 56)
        {
            var n = Math.Min(56, count - done);
            var bits = ReadBits(source._bits, start + done, n);
            set += System.Numerics.BitOperations.PopCount(bits);
            OrBits(_bits, Count + done, bits);
        }

        Count += count;
        FalseCount += count - set;
    }

    // The count (at most 56) bits from bit index on, as the low bits of a word; bytes past the array read as zero.
    private static ulong ReadBits(byte[] bits, int index, int count)
    {
        var at = index >> 3;
        ulong word;
        if (at + 8 <= bits.Length)
        {
            word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bits.AsSpan(at));
        }
        else
        {
            word = 0;
            for (var k = 0; at + k < bits.Length && k < 8; k++)
            {
                word |= (ulong)bits[at + k] << (8 * k);
            }
        }

        return (word >> (index & 7)) & ((1UL << count) - 1);
    }

    // Ors the low bits of value in at bit index on (the bits there are clear: past Count).
    private static void OrBits(byte[] bits, int index, ulong value)
    {
        var at = index >> 3;
        value <<= index & 7;
        if (at + 8 <= bits.Length)
        {
            var span = bits.AsSpan(at);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(span, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span) | value);
            return;
        }

        for (var k = 0; value != 0; k++, value >>= 8)
        {
            bits[at + k] |= (byte)value;
        }
    }

    /// <summary>Empties the buffer, keeping its array (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        System.Array.Clear(_bits, 0, Math.Min(_bits.Length, ((Count + 7) >> 3) + 1));
        Count = 0;
        FalseCount = 0;
    }

    private void Reserve(int count)
    {
        var bytes = ((Count + count) >> 3) + 1;
        if (bytes > _bits.Length)
        {
            System.Array.Resize(ref _bits, Math.Max(bytes, _bits.Length * 2));
        }
    }

    /// <summary>
    /// The bitmap, or an empty buffer when every bit is set (Arrow's "no nulls"), and starts afresh. The bits are copied
    /// into managed memory: with <paramref name="owners"/> an array from the pool, returned when the owners are disposed
    /// after writing; without, a new one (see <see cref="ManagedBuffers"/> for why not Arrow's builders).
    /// </summary>
    public ArrowBuffer Build(bool elideWhenAllSet, List<IDisposable>? owners = null)
    {
        var bytes = (Count + 7) >> 3;
        var buffer = elideWhenAllSet && FalseCount == 0 ? ArrowBuffer.Empty : ManagedBuffers.Copy(_bits.AsSpan(0, bytes), owners);
        System.Array.Clear(_bits, 0, Math.Min(_bits.Length, bytes + 1));
        Count = 0;
        FalseCount = 0;
        return buffer;
    }
}
