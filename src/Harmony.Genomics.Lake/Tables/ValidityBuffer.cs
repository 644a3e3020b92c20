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

    /// <summary>Appends <paramref name="count"/> false bits (nulls): the bits past <see cref="Count"/> are already clear.</summary>
    public void AddFalse(int count)
    {
        Reserve(count);
        Count += count;
        FalseCount += count;
    }

    /// <summary>Appends <paramref name="count"/> true bits.</summary>
    public void AddTrue(int count)
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
        var bits = source._bits;
        var i = 0;
        if (((start | Count) & 7) == 0)
        {
            // Both byte-aligned: whole bytes at once (the bits past Count are clear, so or-ing keeps that true).
            var whole = count >> 3;
            var from = bits.AsSpan(start >> 3, whole);
            from.CopyTo(_bits.AsSpan(Count >> 3, whole));
            foreach (var b in from)
            {
                set += System.Numerics.BitOperations.PopCount(b);
            }

            i = whole << 3;
        }

        for (; i < count; i++)
        {
            var s = start + i;
            if ((bits[s >> 3] & (1 << (s & 7))) != 0)
            {
                var d = Count + i;
                _bits[d >> 3] |= (byte)(1 << (d & 7));
                set++;
            }
        }

        Count += count;
        FalseCount += count - set;
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

    /// <summary>The bitmap, or an empty buffer when every bit is set (Arrow's "no nulls").</summary>
    public ArrowBuffer Build(bool elideWhenAllSet)
    {
        var bytes = (Count + 7) >> 3;
        var buffer = elideWhenAllSet && FalseCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer.Builder<byte>(bytes).Append(_bits.AsSpan(0, bytes)).Build();
        System.Array.Clear(_bits, 0, Math.Min(_bits.Length, bytes + 1));
        Count = 0;
        FalseCount = 0;
        return buffer;
    }
}
