using System.Buffers;
using System.Runtime.InteropServices;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Lends an array rented from <see cref="ArrayPool{T}"/> to an Arrow buffer as bytes, and returns it to the pool
/// when the record batch is disposed after writing: batch after batch reuses the same memory instead of asking the
/// kernel for fresh zeroed pages.
/// </summary>
internal sealed class PooledMemory<T> : MemoryManager<byte>
    where T : unmanaged
{
    private T[]? _array;
    private readonly int _length;
    private GCHandle _pin;

    public PooledMemory(T[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(0, _length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if (!_pin.IsAllocated)
        {
            _pin = GCHandle.Alloc(_array, GCHandleType.Pinned);
        }

        return new MemoryHandle((byte*)_pin.AddrOfPinnedObject() + elementIndex, _pin);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }

        if (_array is not null)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = null;
        }
    }
}
