using System.Runtime.CompilerServices;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// The distinct 4- or 8-byte values (integers, or doubles by their bits) of one column chunk in the order first met,
/// found by an open-addressing hash table, or for small non-negative values (depths, qualities, allele indexes: most
/// of a calls table's numbers) by a table indexed by the value itself, which needs no hashing or probing.
/// </summary>
internal sealed class NumberDictionary
{
    // Values below this are looked up in _small (entry + 1; 0 = absent): 16 KiB, cleared value by value.
    private const int SmallValues = 4096;

    private long[] _values = new long[1 << 8];
    private int[] _slots = new int[1 << 9]; // entry + 1; 0 = empty
    private readonly int[] _small = new int[SmallValues];

    public int Count { get; private set; }

    public ReadOnlySpan<long> Values => _values.AsSpan(0, Count);

    public void Clear()
    {
        if (HashedCount > 0)
        {
            Array.Clear(_slots);
            HashedCount = 0;
        }

        foreach (var value in Values)
        {
            if ((ulong)value < SmallValues)
            {
                _small[value] = 0;
            }
        }

        Count = 0;
    }

    /// <summary>The entry of a small value already met; false for any other value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetSmall(long value, out int entry)
    {
        entry = (ulong)value < SmallValues ? _small[value] - 1 : -1;
        return entry >= 0;
    }

    // Inlined into the encoder's loop: a small value already met is the common case and needs one load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(long value)
    {
        if ((ulong)value < SmallValues)
        {
            var known = _small[value] - 1;
            if (known >= 0)
            {
                return known;
            }
        }

        return Insert(value);
    }

    private int Insert(long value)
    {
        if ((ulong)value < SmallValues)
        {
            _small[value] = Add(value) + 1;
            return Count - 1;
        }

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

        _slots[slot] = Add(value) + 1;
        if (HashedCount * 2 > _slots.Length)
        {
            Rehash();
        }

        return Count - 1;
    }

    // Entries in the hash table: those not in the small table (the rest of _slots is empty).
    private int HashedCount { get; set; }

    private int Add(long value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
        }

        _values[Count] = value;
        if ((ulong)value >= SmallValues)
        {
            HashedCount++;
        }

        return Count++;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var e = 0; e < Count; e++)
        {
            if ((ulong)_values[e] < SmallValues)
            {
                continue;
            }

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
