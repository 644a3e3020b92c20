using System.Buffers.Binary;
using System.Numerics;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// The distinct byte strings of one column chunk in the order first met, found by an open-addressing hash table over
/// one byte buffer, so a lookup allocates nothing.
/// </summary>
internal sealed class StringDictionary
{
    private byte[] _bytes = new byte[1 << 12];
    private int[] _starts = new int[1 << 8];
    private int[] _slots = new int[1 << 9]; // entry + 1; 0 = empty
    private uint[] _hashes = new uint[1 << 8];
    private int _byteLength;

    // The entries of one byte (a base of REF or ALT, the commonest strings of a variants table) by that byte, entry + 1
    // (0: not met yet, or not looked up since), found without hashing.
    private readonly int[] _singleBytes = new int[256];
    private bool _anySingleByte;

    public int Count { get; private set; }

    /// <summary>Bytes the dictionary page holds once PLAIN-encoded (a 4-byte length per entry).</summary>
    public long PlainSize => _byteLength + (4L * Count);

    public void Clear()
    {
        Array.Clear(_slots);
        if (_anySingleByte)
        {
            Array.Clear(_singleBytes);
            _anySingleByte = false;
        }

        Count = 0;
        _byteLength = 0;
    }

    public ReadOnlySpan<byte> this[int entry] => _bytes.AsSpan(_starts[entry], End(entry) - _starts[entry]);

    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1)
        {
            ref var known = ref _singleBytes[value[0]];
            if (known == 0)
            {
                known = GetOrAddHashed(value) + 1;
                _anySingleByte = true;
            }

            return known - 1;
        }

        return GetOrAddHashed(value);
    }

    private int GetOrAddHashed(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                return Add(value, hash, slot);
            }

            if (_hashes[entry] == hash && value.SequenceEqual(this[entry]))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Appends the PLAIN encoding of every entry (the dictionary page's values).</summary>
    public void WritePlain(ByteSink output)
    {
        for (var e = 0; e < Count; e++)
        {
            output.WriteInt32(End(e) - _starts[e]);
            output.Write(this[e]);
        }
    }

    private int End(int entry) => entry + 1 < Count ? _starts[entry + 1] : _byteLength;

    private int Add(ReadOnlySpan<byte> value, uint hash, int slot)
    {
        if (_byteLength + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteLength + value.Length));
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _hashes, Count * 2);
        }

        value.CopyTo(_bytes.AsSpan(_byteLength));
        var entry = Count++;
        _starts[entry] = _byteLength;
        _hashes[entry] = hash;
        _byteLength += value.Length;
        _slots[slot] = entry + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return entry;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var e = 0; e < Count; e++)
        {
            var slot = (int)_hashes[e] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = e + 1;
        }
    }

    private static uint Hash(ReadOnlySpan<byte> value)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)value.Length * Multiplier;
        var i = 0;
        for (; i + 8 <= value.Length; i += 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(value[i..])) * Multiplier, 29);
        }

        ulong tail = 0;
        for (var shift = 0; i < value.Length; i++, shift += 8)
        {
            tail |= (ulong)value[i] << shift;
        }

        hash = (hash ^ tail) * Multiplier;
        return (uint)(hash ^ (hash >> 32));
    }
}
