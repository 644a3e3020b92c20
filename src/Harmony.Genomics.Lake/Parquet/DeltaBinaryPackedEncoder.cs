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
            var min = int32 ? Int32Deltas(values.Slice(at - 1, count + 1), block) : Int64Deltas(values.Slice(at - 1, count + 1), block);

            // A miniblock's width is that of its largest value above the minimum, which is the width of their OR.
            var used = (count + MiniblockSize - 1) / MiniblockSize;
            widths.Clear();
            for (var i = 0; i < count; i++)
            {
                adjusted[i] = unchecked((ulong)(block[i] - min));
            }

            for (var m = 0; m < used; m++)
            {
                ulong any = 0;
                foreach (var value in adjusted.Slice(m * MiniblockSize, Math.Min(MiniblockSize, count - (m * MiniblockSize))))
                {
                    any |= value;
                }

                widths[m] = (byte)HybridEncoder.BitWidth(any);
            }

            output.ZigZagVarInt(min);
            output.Write(widths);
            for (var m = 0; m < used; m++)
            {
                var first = m * MiniblockSize;
                HybridEncoder.Pack<ulong>(adjusted.Slice(first, Math.Min(MiniblockSize, count - first)), MiniblockSize, widths[m], output);
            }
        }
    }

    // The deltas of consecutive values, wrapping at 32 bits as the format defines them for INT32; returns the smallest.
    private static long Int32Deltas(ReadOnlySpan<long> values, Span<long> deltas)
    {
        var min = long.MaxValue;
        for (var i = 0; i < deltas.Length; i++)
        {
            long delta = unchecked((int)values[i + 1] - (int)values[i]);
            deltas[i] = delta;
            min = Math.Min(min, delta);
        }

        return min;
    }

    private static long Int64Deltas(ReadOnlySpan<long> values, Span<long> deltas)
    {
        var min = long.MaxValue;
        for (var i = 0; i < deltas.Length; i++)
        {
            var delta = unchecked(values[i + 1] - values[i]);
            deltas[i] = delta;
            min = Math.Min(min, delta);
        }

        return min;
    }
}
