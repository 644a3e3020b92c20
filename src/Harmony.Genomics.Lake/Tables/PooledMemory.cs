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

    public PooledMemory(T[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(0, _length));

    // Each pin gets its own handle, freed when the caller disposes the MemoryHandle.
    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_array is not null)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = null;
        }
    }
}
