namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// The distinct 4- or 8-byte values (integers, or doubles by their bits) of one column chunk in the order first met,
/// found by an open-addressing hash table.
/// </summary>
internal sealed class NumberDictionary
{
    private long[] _values = new long[1 << 8];
    private int[] _slots = new int[1 << 9]; // entry + 1; 0 = empty

    public int Count { get; private set; }

    public ReadOnlySpan<long> Values => _values.AsSpan(0, Count);

    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    public int GetOrAdd(long value)
    {
        var mask = _slots.Length - 1;
        var slot = (int)Mix(value) & mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_values[entry] == value)
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
        }

        _values[Count] = value;
        _slots[slot] = ++Count;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return Count - 1;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var e = 0; e < Count; e++)
        {
            var slot = (int)Mix(_values[e]) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = e + 1;
        }
    }

    // Doubles that differ only in their exponent, or integers only in high bits, must not share low hash bits.
    private static uint Mix(long value)
    {
        var hash = (ulong)value;
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCD;
        hash ^= hash >> 33;
        return (uint)hash;
    }
}
