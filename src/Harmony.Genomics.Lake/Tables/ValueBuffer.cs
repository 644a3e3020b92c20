using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>A growable array of fixed-width values that becomes one Arrow buffer; far cheaper per value than Arrow's builders.</summary>
internal sealed class ValueBuffer<T>
    where T : unmanaged
{
    private T[] _items = new T[1024];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            System.Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    public ArrowBuffer Build()
    {
        var buffer = new ArrowBuffer.Builder<T>(Count).Append(Span).Build();
        Count = 0;
        return buffer;
    }
}
