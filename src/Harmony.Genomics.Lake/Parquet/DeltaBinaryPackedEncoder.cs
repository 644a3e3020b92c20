using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// Parquet's DELTA_BINARY_PACKED for integers that (nearly) rise row by row (ids, positions, sample indexes): blocks of
/// 128 deltas in four miniblocks of 32, each miniblock bit-packed at the width its largest delta above the block's
/// minimum needs.
/// </summary>
internal static class DeltaBinaryPackedEncoder
{
    private const int BlockSize = 128;
    private const int Miniblocks = 4;
    private const int MiniblockSize = BlockSize / Miniblocks;

    /// <param name="values">The values (an INT32 column's sign-extended).</param>
    /// <param name="output">Where the encoding goes.</param>
    /// <param name="int32">Whether the column is INT32: its deltas then wrap at 32 bits, as readers decode them, so no
    /// miniblock is wider than 32 bits (the format forbids wider, and Arrow's reader fails on it).</param>
    public static void Encode(ReadOnlySpan<long> values, ByteSink output, bool int32 = false)
    {
        output.VarInt(BlockSize);
        output.VarInt(Miniblocks);
        output.VarInt((ulong)values.Length);
        output.ZigZagVarInt(values.IsEmpty ? 0 : values[0]);
        Span<long> deltas = stackalloc long[BlockSize];
        Span<ulong> adjusted = stackalloc ulong[BlockSize];
        Span<byte> widths = stackalloc byte[Miniblocks];
        for (var at = 1; at < values.Length; at += BlockSize)
        {
            var count = Math.Min(BlockSize, values.Length - at);
            var block = deltas[..count];
            var min = Deltas(values.Slice(at - 1, count + 1), block, int32);

            // A miniblock's width is that of its largest value above the minimum, which is the width of their OR.
            var used = (count + MiniblockSize - 1) / MiniblockSize;
            for (var m = 0; m < used; m++)
            {
                var first = m * MiniblockSize;
                var length = Math.Min(MiniblockSize, count - first);
                widths[m] = (byte)HybridEncoder.BitWidth(AboveMinimum(block.Slice(first, length), min, adjusted.Slice(first, length)));
            }

            widths[used..].Clear();
            output.ZigZagVarInt(min);
            output.Write(widths);
            for (var m = 0; m < used; m++)
            {
                var first = m * MiniblockSize;
                HybridEncoder.Pack<ulong>(adjusted.Slice(first, Math.Min(MiniblockSize, count - first)), MiniblockSize, widths[m], output);
            }
        }
    }

    /// <summary>
    /// Writes the deltas of consecutive <paramref name="values"/> (one more than <paramref name="deltas"/> holds) and
    /// returns the smallest; an INT32 column's wrap at 32 bits, as the format defines them. Four at a time where vectors
    /// are accelerated: the positions and ids of every variant row pass through here.
    /// </summary>
    internal static long Deltas(ReadOnlySpan<long> values, Span<long> deltas, bool int32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, deltas.Length + 1);
        var min = long.MaxValue;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && deltas.Length >= Vector256<long>.Count)
        {
            ref var from = ref MemoryMarshal.GetReference(values);
            ref var to = ref MemoryMarshal.GetReference(deltas);
            var least = Vector256.Create(long.MaxValue);
            for (; i + Vector256<long>.Count <= deltas.Length; i += Vector256<long>.Count)
            {
                var delta = Vector256.LoadUnsafe(ref from, (nuint)(i + 1)) - Vector256.LoadUnsafe(ref from, (nuint)i);
                if (int32)
                {
                    // The low 32 bits of the 64-bit difference are the 32-bit difference: sign-extend them.
                    delta = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(delta, 32), 32);
                }

                delta.StoreUnsafe(ref to, (nuint)i);
                least = Vector256.Min(least, delta);
            }

            min = Math.Min(Math.Min(least[0], least[1]), Math.Min(least[2], least[3]));
        }

        for (; i < deltas.Length; i++)
        {
            var delta = int32 ? unchecked((int)values[i + 1] - (int)values[i]) : unchecked(values[i + 1] - values[i]);
            deltas[i] = delta;
            min = Math.Min(min, delta);
        }

        return min;
    }

    /// <summary>
    /// Writes each delta less <paramref name="min"/> (as unsigned: the difference may exceed the signed range) and
    /// returns their OR, whose width is the widest value's.
    /// </summary>
    internal static ulong AboveMinimum(ReadOnlySpan<long> deltas, long min, Span<ulong> adjusted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(adjusted.Length, deltas.Length);
        ulong any = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var from = ref MemoryMarshal.GetReference(deltas);
            ref var to = ref MemoryMarshal.GetReference(adjusted);
            var floor = Vector256.Create(min).AsUInt64();
            var bits = Vector256<ulong>.Zero;
            for (; i + Vector256<long>.Count <= deltas.Length; i += Vector256<long>.Count)
            {
                var value = Vector256.LoadUnsafe(ref from, (nuint)i).AsUInt64() - floor;
                value.StoreUnsafe(ref to, (nuint)i);
                bits |= value;
            }

            any = bits[0] | bits[1] | bits[2] | bits[3];
        }

        for (; i < deltas.Length; i++)
        {
            var value = unchecked((ulong)(deltas[i] - min));
            adjusted[i] = value;
            any |= value;
        }

        return any;
    }
}
