using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>A growable array of fixed-width values that becomes one Arrow buffer; far cheaper per value than Arrow's builders.</summary>
internal sealed class ValueBuffer<T>
    where T : unmanaged
{
    private T[] _items = System.Buffers.ArrayPool<T>.Shared.Rent(1024);

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = value;
    }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    /// <summary>Appends values in one copy.</summary>
    public void Append(ReadOnlySpan<T> values) => values.CopyTo(Extend(values.Length));

    /// <summary>Empties the buffer, keeping its array (a fragment reused chunk after chunk).</summary>
    public void Clear() => Count = 0;

    /// <summary>
    /// Hands the values to an Arrow buffer without copying and starts afresh; <paramref name="owners"/> receives what
    /// returns the array to the pool once the batch has been written.
    /// </summary>
    public ArrowBuffer Build(List<IDisposable> owners)
    {
        var memory = new PooledMemory<T>(_items, Count);
        owners.Add(memory);
        var buffer = new ArrowBuffer(memory.Memory);
        _items = System.Buffers.ArrayPool<T>.Shared.Rent(Math.Max(1024, Count));
        Count = 0;
        return buffer;
    }

    /// <summary>Copies the values into a new Arrow buffer (managed memory) and starts afresh, keeping this buffer's array.</summary>
    public ArrowBuffer BuildCopy()
    {
        var buffer = ManagedBuffers.Copy(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Span), owners: null);
        Count = 0;
        return buffer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Extend(int count)
    {
        while (Count + count > _items.Length)
        {
            Grow();
        }

        var span = _items.AsSpan(Count, count);
        Count += count;
        return span;
    }

    private void Grow()
    {
        var larger = System.Buffers.ArrayPool<T>.Shared.Rent(_items.Length * 2);
        _items.AsSpan(0, Count).CopyTo(larger);
        System.Buffers.ArrayPool<T>.Shared.Return(_items);
        _items = larger;
    }
}
