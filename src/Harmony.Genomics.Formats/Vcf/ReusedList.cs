using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// A record's INFO entries or FORMAT keys, whose slots outlive <see cref="Clear"/> because a <see cref="VcfRecord"/>
/// is reused record after record and the records of a file nearly always repeat their keys. Clearing forgets the count
/// only, and <see cref="Add"/> writes a slot's definition only when it differs from the one the slot holds, so the usual
/// record stores no reference at all: each stored reference costs a garbage-collector write barrier, and clearing a
/// list of references costs a call to clear its array (on workload c, seven barriers and two clears a record, issue #3).
/// The definitions left in slots past the count are the header's, which lives as long as the records.
/// </summary>
/// <typeparam name="T">An entry: a definition, or a definition with its values.</typeparam>
/// <typeparam name="TSlot">How an entry is written into a slot.</typeparam>
internal sealed class ReusedList<T, TSlot> : IReadOnlyList<T>
    where TSlot : struct, ISlotWriter<T>
{
    private T[] _items = new T[8];
    private int _count;

    public int Count => _count;

    public T this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The entries, in order.</summary>
    public ReadOnlySpan<T> AsSpan() => new(_items, 0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        // The array is exactly T[] (never a covariant array of a subtype), so the slot is reached without a type check.
        TSlot.Write(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), _count), item);
        _count++;
    }

    /// <summary>Appends entries in order, as <see cref="Add"/> each would, with one capacity check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRange(ReadOnlySpan<T> items)
    {
        if (_items.Length - _count < items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, _count + items.Length));
        }

        ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), _count);
        for (var i = 0; i < items.Length; i++)
        {
            TSlot.Write(ref Unsafe.Add(ref slot, i), items[i]);
        }

        _count += items.Length;
    }

    /// <summary>Forgets the entries; their slots keep what they hold for the next record to match.</summary>
    public void Clear() => _count = 0;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Writes an entry into a slot of a <see cref="ReusedList{T, TSlot}"/>.</summary>
/// <typeparam name="T">The entry.</typeparam>
internal interface ISlotWriter<T>
{
    /// <summary>Makes <paramref name="slot"/> equal to <paramref name="item"/>, storing a reference only where it differs.</summary>
    static abstract void Write(ref T slot, T item);
}

/// <summary>A FORMAT key: its definition.</summary>
internal struct DefinitionSlot : ISlotWriter<VcfFieldDefinition>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref VcfFieldDefinition slot, VcfFieldDefinition item)
    {
        if (!ReferenceEquals(slot, item))
        {
            slot = item;
        }
    }
}

/// <summary>An INFO entry: its definition and where its values lie in the record's pools.</summary>
internal struct InfoEntrySlot : ISlotWriter<(VcfFieldDefinition Field, FieldValues Values)>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref (VcfFieldDefinition Field, FieldValues Values) slot, (VcfFieldDefinition Field, FieldValues Values) item)
    {
        if (!ReferenceEquals(slot.Field, item.Field))
        {
            slot.Field = item.Field;
        }

        slot.Values = item.Values;
    }
}
