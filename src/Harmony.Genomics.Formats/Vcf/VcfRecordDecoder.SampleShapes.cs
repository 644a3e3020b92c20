using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>Samples of integers read by their shape (see <see cref="SampleShapes"/>).</summary>
internal sealed partial class VcfRecordDecoder
{
    /// <summary>
    /// The shapes of the plain integer samples met under one FORMAT layout (GT then Integer fields of fixed counts, as
    /// GT:AD:DP:GQ): a sample's shape is where its separators fall. Within a 32-byte window, a sample of 1-to-4-digit
    /// values is read by comparing the whole window at once (digits, separators, the tab that ends it), finding the
    /// shape of that separator mask in this cache, and gathering every value's digits into four-byte lanes with one
    /// shuffle per four values, which two multiply-adds turn into the integers (Lemire's approach to parsing runs of
    /// integers). The scalar path reads one value per 8-byte word with about thirty instructions each, and was a third
    /// of workload b's CPU (issue #3); a cohort's samples take few shapes (DP and AD of one or two digits, GQ of two),
    /// so a shape is worked out once and then reused.
    /// </summary>
    /// <remarks>
    /// A shape is found by its key, the window's non-digit positions from the byte after GT to the sample's tab; the
    /// separators themselves (':' between fields, ',' between values) are checked against the shape's on every use, so a
    /// sample read here gives exactly what the scalar path gives (tests compare both). Values of five or more digits,
    /// '.', signs, dropped fields and samples longer than the window have no shape: such samples go the scalar way.
    /// </remarks>
    internal sealed class SampleShapes
    {
        /// <summary>The bytes looked at once: a sample must end (at its tab) within them.</summary>
        public const int Window = 32;

        // Direct-mapped by a hash of the key; a shape that collides replaces the one there. Real columns take tens of shapes.
        private const int Slots = 128;

        private readonly Shape[] _shapes = new Shape[Slots];
        private readonly int[] _wanted;
        private readonly int _fields;

        private SampleShapes(int[] wanted, int fields, FieldValues[] fieldValues)
        {
            _wanted = wanted;
            _fields = fields;
            Fields = fieldValues;
        }

        /// <summary>Samples read by shape so far, by every layout of the decoder (tests check that shapes are used).</summary>
        public required StrongBox<long> Reads { get; init; }

        /// <summary>Per field (after GT, from index 1), where its values start among the sample's integers and how many it has.</summary>
        public FieldValues[] Fields { get; }

        /// <summary>Shapes for a layout whose fields after GT are Integers of 1 or more values each, at most 8 in all; else null.</summary>
        public static SampleShapes? For(int[] wanted, int fields, int integersPerSample, StrongBox<long> reads)
        {
            if (!Ssse3.IsSupported || !Vector256.IsHardwareAccelerated || integersPerSample is < 1 or > 8 || fields < 2)
            {
                return null;
            }

            var fieldValues = new FieldValues[fields];
            var at = 0;
            for (var k = 1; k < fields; k++)
            {
                if (wanted[k] < 1)
                {
                    return null;
                }

                fieldValues[k] = new FieldValues(at, wanted[k]);
                at += wanted[k];
            }

            return new SampleShapes(wanted, fields, fieldValues) { Reads = reads };
        }

        /// <summary>The slot of the shape of <paramref name="key"/> (the window's non-digit positions after GT): it holds that shape, or another (see <see cref="Build"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref Shape Slot(uint key) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_shapes), (int)((key * 0x9E3779B1u) >> 25));

        /// <summary>
        /// Works out the shape of the sample whose window starts at <paramref name="window"/> (32 readable bytes), whose tab
        /// is at <paramref name="end"/> and whose key is <paramref name="key"/>, into <paramref name="shape"/>: one with no
        /// integers when the sample has none this reader can take, so that the next sample of that key goes the scalar
        /// way at once.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Build(ref Shape shape, uint key, ref byte window, int end)
        {
            shape = default;
            shape.Key = key;
            Span<byte> lanes = stackalloc byte[4 * 16];
            lanes.Fill(0x80);
            var p = 3;
            var integers = 0;
            for (var k = 1; k < _fields; k++)
            {
                if (Unsafe.Add(ref window, p) != (byte)':')
                {
                    return;
                }

                p++;
                for (var e = 0; e < _wanted[k]; e++)
                {
                    if (e > 0)
                    {
                        if (Unsafe.Add(ref window, p) != (byte)',')
                        {
                            return;
                        }

                        p++;
                    }

                    var start = p;
                    while (p < end && (uint)(Unsafe.Add(ref window, p) - (byte)'0') <= 9)
                    {
                        p++;
                    }

                    if (p - start is < 1 or > 4)
                    {
                        return;
                    }

                    // The value's digits right-aligned in its four-byte lane, leading bytes zero (0x80 selects zero):
                    // lanes of values 0-3 from the window's low and high halves, then those of values 4-7.
                    for (var j = 0; j < 4; j++)
                    {
                        var source = p - 4 + j;
                        if (source >= start)
                        {
                            var half = source < 16 ? 0 : 1;
                            lanes[(((integers >> 2) * 2) + half) * 16 + ((integers & 3) * 4) + j] = (byte)(source & 15);
                        }
                    }

                    integers++;
                }
            }

            if (p != end)
            {
                return;
            }

            var separators = new byte[Window];
            for (var i = 0; i < Window; i++)
            {
                separators[i] = (key & (1u << i)) != 0 ? Unsafe.Add(ref window, i) : (byte)0;
            }

            shape.Separators = Vector256.Create(separators);
            shape.Low0 = Vector128.Create(lanes[..16]);
            shape.High0 = Vector128.Create(lanes[16..32]);
            shape.Low1 = Vector128.Create(lanes[32..48]);
            shape.High1 = Vector128.Create(lanes[48..64]);
            shape.Integers = integers;
        }

        /// <summary>One shape: its key, the separators at its non-digit positions, and the shuffles that gather its values.</summary>
        internal struct Shape
        {
            public uint Key;

            /// <summary>The sample's integers; 0 when samples of this key are not read by shape.</summary>
            public int Integers;
            public Vector256<byte> Separators;
            public Vector128<byte> Low0;
            public Vector128<byte> High0;
            public Vector128<byte> Low1;
            public Vector128<byte> High1;
        }
    }

    /// <summary>
    /// Reads plain integer samples by their shapes (see <see cref="SampleShapes"/>) from <paramref name="sample"/> on, and
    /// returns the first it cannot read so: one without a shape, the line's last (it ends at the line's end, not at a
    /// tab), or one whose window would pass the line's end. <paramref name="position"/>, <paramref name="count"/> (the
    /// integer pool's, which must have room for the samples' values and eight more: a shape stores four or eight lanes)
    /// and <paramref name="at"/> (the genotype alleles') move past the samples read. Every array is as the record's decode
    /// sized it for its samples, so the loop indexes without checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadShapedSamples(SampleShapes shapes, VcfRecord record, ReadOnlySpan<byte> region, ref int position, int sample, int sampleCount, int fields, uint maxAllele, ref int count, ref int at)
    {
        ref var bytes = ref MemoryMarshal.GetReference(region);
        ref var integers = ref MemoryMarshal.GetArrayDataReference(record.IntegerPool);
        ref var values = ref MemoryMarshal.GetArrayDataReference(record.SampleValues);
        ref var alleles = ref MemoryMarshal.GetArrayDataReference(record.GenotypeAlleles);
        ref var phased = ref MemoryMarshal.GetArrayDataReference(record.GenotypePhased);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(record.GenotypeStart);
        ref var lengths = ref MemoryMarshal.GetArrayDataReference(record.GenotypeLength);
        ref var fieldValues = ref MemoryMarshal.GetArrayDataReference(shapes.Fields);
        var tens = Vector128.Create(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1).AsSByte();
        var hundreds = Vector128.Create(100, 1, 100, 1, 100, 1, 100, 1).AsInt16();
        var limit = region.Length - SampleShapes.Window;
        var pos = position;
        var n = count;
        var alleleAt = at;
        var s = sample;
        for (; s < sampleCount - 1 && pos <= limit; s++)
        {
            ref var window = ref Unsafe.Add(ref bytes, pos);
            var separator = Unsafe.Add(ref window, 1);
            if (!TryDiploidDigits(window, separator, Unsafe.Add(ref window, 2), maxAllele, out var a, out var b))
            {
                break;
            }

            var text = Vector256.LoadUnsafe(ref window);
            var tabs = Vector256.Equals(text, Vector256.Create(Tab)).ExtractMostSignificantBits();
            if (tabs == 0)
            {
                break;
            }

            var end = BitOperations.TrailingZeroCount(tabs);
            var digits = text - Vector256.Create((byte)'0');
            var nonDigits = ~Vector256.Equals(Vector256.Min(digits, Vector256.Create((byte)9)), digits).ExtractMostSignificantBits();
            var key = nonDigits & (uint)((2UL << end) - 1) & ~7u;
            ref var shape = ref shapes.Slot(key);
            if (shape.Key != key)
            {
                shapes.Build(ref shape, key, ref window, end);
            }

            if (shape.Integers == 0 || (Vector256.Equals(text, shape.Separators).ExtractMostSignificantBits() & key) != key)
            {
                break;
            }

            var low = digits.GetLower();
            var high = digits.GetUpper();
            var first = Ssse3.Shuffle(low, shape.Low0) | Ssse3.Shuffle(high, shape.High0);
            Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(first, tens), hundreds).StoreUnsafe(ref integers, (nuint)n);
            if (shape.Integers > 4)
            {
                var second = Ssse3.Shuffle(low, shape.Low1) | Ssse3.Shuffle(high, shape.High1);
                Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(second, tens), hundreds).StoreUnsafe(ref integers, (nuint)(n + 4));
            }

            ref var sampleValues = ref Unsafe.Add(ref values, s * fields);
            sampleValues = FieldValues.Missing;
            for (var k = 1; k < fields; k++)
            {
                var field = Unsafe.Add(ref fieldValues, k);
                Unsafe.Add(ref sampleValues, k) = new FieldValues(n + field.Start, field.Count);
            }

            n += shape.Integers;
            Unsafe.Add(ref alleles, alleleAt) = (int)a;
            Unsafe.Add(ref alleles, alleleAt + 1) = (int)b;
            Unsafe.Add(ref phased, alleleAt) = false;
            Unsafe.Add(ref phased, alleleAt + 1) = separator == (byte)'|';
            Unsafe.Add(ref starts, s) = alleleAt;
            Unsafe.Add(ref lengths, s) = 2;
            alleleAt += 2;
            pos += end + 1;
        }

        shapes.Reads.Value += s - sample;
        position = pos;
        count = n;
        at = alleleAt;
        return s;
    }
}
