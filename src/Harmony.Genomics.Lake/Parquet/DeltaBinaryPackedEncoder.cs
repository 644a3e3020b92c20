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
        Span<byte> widths = stackalloc byte[Miniblocks];
        Span<ulong> packed = stackalloc ulong[MiniblockSize];
        for (var at = 1; at < values.Length; at += BlockSize)
        {
            var count = Math.Min(BlockSize, values.Length - at);
            var min = long.MaxValue;
            for (var i = 0; i < count; i++)
            {
                // Wrapping arithmetic, as the format defines it for deltas that overflow.
                deltas[i] = int32 ? unchecked((int)values[at + i] - (int)values[at + i - 1]) : unchecked(values[at + i] - values[at + i - 1]);
                min = Math.Min(min, deltas[i]);
            }

            var used = (count + MiniblockSize - 1) / MiniblockSize;
            for (var m = 0; m < Miniblocks; m++)
            {
                ulong max = 0;
                for (var i = m * MiniblockSize; i < Math.Min(count, (m + 1) * MiniblockSize); i++)
                {
                    max = Math.Max(max, unchecked((ulong)(deltas[i] - min)));
                }

                widths[m] = m < used ? (byte)HybridEncoder.BitWidth(max) : (byte)0;
            }

            output.ZigZagVarInt(min);
            output.Write(widths);
            for (var m = 0; m < used; m++)
            {
                var first = m * MiniblockSize;
                var inBlock = Math.Min(MiniblockSize, count - first);
                for (var i = 0; i < inBlock; i++)
                {
                    packed[i] = unchecked((ulong)(deltas[first + i] - min));
                }

                HybridEncoder.Pack<ulong>(packed[..inBlock], MiniblockSize, widths[m], output);
            }
        }
    }
}
