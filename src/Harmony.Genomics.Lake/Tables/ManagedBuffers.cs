using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Arrow buffers over managed arrays. Arrow's builders (<c>ArrowBuffer.Builder</c>, <c>StringArray.Builder</c>)
/// allocate native memory through an object with a finalizer and report it with <c>GC.AddMemoryPressure</c>: a few
/// such buffers a batch, hundreds of batches an ingest (about 2,400 on workload a of benchmarks/e2e.sh), each allocated
/// on the collector's slow path, finalized and unreported again (c's instructions 1.7% fewer without them).
/// </summary>
internal static class ManagedBuffers
{
    /// <summary>
    /// A copy of <paramref name="bytes"/>: with <paramref name="owners"/> in an array from the pool, returned when the
    /// owners are disposed after the batch is written; without, in a new array. Empty stays empty.
    /// </summary>
    public static ArrowBuffer Copy(ReadOnlySpan<byte> bytes, List<IDisposable>? owners)
    {
        if (bytes.IsEmpty)
        {
            return ArrowBuffer.Empty;
        }

        if (owners is null)
        {
            return new ArrowBuffer(bytes.ToArray());
        }

        var array = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(array);
        var memory = new PooledMemory<byte>(array, bytes.Length);
        owners.Add(memory);
        return new ArrowBuffer(memory.Memory);
    }

    /// <summary>A string array of <paramref name="values"/>, none null, in two managed arrays (offsets and UTF-8 bytes).</summary>
    public static StringArray Strings(IReadOnlyList<string> values)
    {
        var offsetBytes = new byte[(values.Count + 1) * sizeof(int)];
        var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
        var length = 0;
        for (var i = 0; i < values.Count; i++)
        {
            length += System.Text.Encoding.UTF8.GetByteCount(values[i]);
            offsets[i + 1] = length;
        }

        var data = new byte[length];
        for (var i = 0; i < values.Count; i++)
        {
            System.Text.Encoding.UTF8.GetBytes(values[i], data.AsSpan(offsets[i]));
        }

        return new StringArray(values.Count, new ArrowBuffer(offsetBytes), new ArrowBuffer(data), ArrowBuffer.Empty, 0, 0);
    }
}
