using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// One zero-filled array, shared read-only by every all-null column: an Arrow array whose rows are all null needs
/// only zeroed validity, values and offsets, so none of them is allocated or written per batch.
/// </summary>
internal static class ZeroedMemory
{
    private static byte[] _zeros = new byte[64 << 10];

    public static ArrowBuffer Buffer(int bytes)
    {
        var zeros = Volatile.Read(ref _zeros);
        if (zeros.Length < bytes)
        {
            // Never written after allocation, so threads may share any version; a race costs one more allocation.
            zeros = new byte[Math.Max(bytes, zeros.Length * 2)];
            Volatile.Write(ref _zeros, zeros);
        }

        return new ArrowBuffer(new ReadOnlyMemory<byte>(zeros, 0, bytes));
    }
}
