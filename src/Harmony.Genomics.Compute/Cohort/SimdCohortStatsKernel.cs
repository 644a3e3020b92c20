using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Compute.Cohort;

/// <summary>
/// The CPU fast path: 64 samples at a time with <see cref="Vector512{T}"/> where AVX-512 is accelerated, then 32 at
/// a time with <see cref="Vector256{T}"/> (compares and movemask popcounts), the remaining samples by the scalar
/// rules; variants in blocks of 127 (per-sample counters stay in sbyte lanes within a block), blocks in parallel with
/// per-thread per-sample counters merged at the end. <paramref name="path"/> forces a width (tests);
/// <see cref="ScanPath.Scalar"/> runs every sample through the scalar tail.
/// </summary>
internal sealed class SimdCohortStatsKernel(int threads, ScanPath path = ScanPath.Auto) : ICohortStatsKernel
{
    private const int BlockVariants = 127;

    public void Compute(GenotypeMatrix matrix, CohortStats output)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(output);
        var samples = matrix.Samples;
        var sampleTotals = new int[6][];
        for (var i = 0; i < 6; i++)
        {
            sampleTotals[i] = new int[samples];
        }

        var gate = new Lock();
        var blocks = (matrix.Variants + BlockVariants - 1) / BlockVariants;
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => new SampleCounters(samples),
            (block, _, local) =>
            {
                var v0 = block * BlockVariants;
                ProcessBlock(matrix, output, v0, Math.Min(matrix.Variants, v0 + BlockVariants), local, path);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    var parts = local.All;
                    for (var i = 0; i < 6; i++)
                    {
                        var target = sampleTotals[i];
                        var source = parts[i];
                        for (var s = 0; s < samples; s++)
                        {
                            target[s] += source[s];
                        }
                    }
                }
            });

        sampleTotals[0].CopyTo(output.SampleHet, 0);
        sampleTotals[1].CopyTo(output.SampleHomAlt, 0);
        sampleTotals[2].CopyTo(output.SampleHomRef, 0);
        sampleTotals[3].CopyTo(output.SampleMissing, 0);
        sampleTotals[4].CopyTo(output.SampleTs, 0);
        sampleTotals[5].CopyTo(output.SampleTv, 0);
    }

    public void Dispose()
    {
    }

    private static void ProcessBlock(GenotypeMatrix m, CohortStats output, int v0, int v1, SampleCounters sc, ScanPath path)
    {
        var b = sc.Block;
        b.Clear();
        var an = b.An;
        var het = b.Het;
        var homAlt = b.HomAlt;
        var homRef = b.HomRef;
        var missing = b.Missing;
        var nonDiploid = b.NonDiploid;
        for (var v = v0; v < v1; v++)
        {
            output.Ac.AsSpan(m.AcOffsets[v], m.AltCounts[v]).Clear();
        }

        var samples = m.Samples;
        var use512 = path == ScanPath.Vector512 || (path == ScanPath.Auto && Vector512.IsHardwareAccelerated);
        var end512 = use512 ? samples - (samples % Vector512<sbyte>.Count) : 0;
        var vectorEnd = path == ScanPath.Scalar ? 0 : end512 + ((samples - end512) / Vector256<sbyte>.Count * Vector256<sbyte>.Count);
        for (var s0 = 0; s0 < end512; s0 += Vector512<sbyte>.Count)
        {
            Columns512(m, output, v0, v1, s0, sc, b);
        }

        for (var s0 = end512; s0 < vectorEnd; s0 += Vector256<sbyte>.Count)
        {
            Columns256(m, output, v0, v1, s0, sc, b);
        }

        var a = m.Alleles;

        // Scalar tail: the same rules one call at a time.
        for (var v = v0; v < v1; v++)
        {
            var i = v - v0;
            var nAlt = m.AltCounts[v];
            var acOffset = m.AcOffsets[v];
            var snv = m.SnvClass[v];
            for (var s = vectorEnd; s < samples; s++)
            {
                var c0 = a[m.Index(v, 0, s)];
                if (c0 == GenotypeMatrix.Absent)
                {
                    continue;
                }

                var isMissing = c0 == GenotypeMatrix.Missing;
                var allEqual = true;
                var present = 0;
                for (var h = 0; h < m.Ploidy; h++)
                {
                    var c = a[m.Index(v, h, s)];
                    if (c == GenotypeMatrix.Absent)
                    {
                        continue;
                    }

                    present++;
                    isMissing |= c == GenotypeMatrix.Missing;
                    allEqual &= c == c0;
                    if (c >= 0)
                    {
                        an[i]++;
                        if (c >= 1 && c <= nAlt)
                        {
                            output.Ac[acOffset + c - 1]++;
                        }
                    }
                }

                if (isMissing)
                {
                    missing[i]++;
                    sc.Missing[s]++;
                    continue;
                }

                if (present != 2)
                {
                    nonDiploid[i]++;
                }

                var nonRef = true;
                if (!allEqual)
                {
                    het[i]++;
                    sc.Het[s]++;
                }
                else if (c0 == 0)
                {
                    homRef[i]++;
                    sc.HomRef[s]++;
                    nonRef = false;
                }
                else
                {
                    homAlt[i]++;
                    sc.HomAlt[s]++;
                }

                if (nonRef && snv == (byte)SnvKind.Transition)
                {
                    sc.Ts[s]++;
                }
                else if (nonRef && snv == (byte)SnvKind.Transversion)
                {
                    sc.Tv[s]++;
                }
            }
        }

        for (var v = v0; v < v1; v++)
        {
            var i = v - v0;
            output.An[v] = an[i];
            output.NHet[v] = het[i];
            output.NHomAlt[v] = homAlt[i];
            output.NHomRef[v] = homRef[i];
            output.NMissing[v] = missing[i];
            output.NNonDiploid[v] = nonDiploid[i];
            output.HweP[v] = ScalarCohortStatsKernel.HweFor(m.AltCounts[v], nonDiploid[i], het[i], homRef[i], homAlt[i]);
        }
    }

    // 32 (or 64) samples of every variant of the block: per-variant counts by popcount, per-sample counts in sbyte lanes.
    private static void Columns256(GenotypeMatrix m, CohortStats output, int v0, int v1, int s0, SampleCounters sc, BlockCounts b)
    {
        var samples = m.Samples;
        var a = m.Alleles;
        var minusOne = Vector256.Create((sbyte)-1);
        var absent = Vector256.Create(GenotypeMatrix.Absent);
        var two = Vector256.Create((sbyte)2);
        Vector256<sbyte> accHet = default, accHomAlt = default, accHomRef = default, accMissing = default, accTs = default, accTv = default;
        for (var v = v0; v < v1; v++)
        {
            var nAlt = m.AltCounts[v];
            var acOffset = m.AcOffsets[v];
            ref var cell0 = ref a[m.Index(v, 0, s0)];
            var c0 = Vector256.LoadUnsafe(ref cell0);
            var called = ~Vector256.Equals(c0, absent);
            var miss = Vector256.Equals(c0, minusOne);
            var allEqual = Vector256<sbyte>.AllBitsSet;
            var presentCount = Vector256<sbyte>.Zero - called;
            var i = v - v0;
            b.An[i] += Count(Vector256.GreaterThanOrEqual(c0, Vector256<sbyte>.Zero) & called);
            for (var k = 1; k <= nAlt; k++)
            {
                output.Ac[acOffset + k - 1] += Count(Vector256.Equals(c0, Vector256.Create((sbyte)k)) & called);
            }

            for (var h = 1; h < m.Ploidy; h++)
            {
                var c = Vector256.LoadUnsafe(ref Unsafe.Add(ref cell0, (nint)h * samples));
                var present = ~Vector256.Equals(c, absent);
                miss |= Vector256.Equals(c, minusOne);
                allEqual &= Vector256.Equals(c, c0) | ~present;
                presentCount -= present;
                b.An[i] += Count(Vector256.GreaterThanOrEqual(c, Vector256<sbyte>.Zero) & called);
                for (var k = 1; k <= nAlt; k++)
                {
                    output.Ac[acOffset + k - 1] += Count(Vector256.Equals(c, Vector256.Create((sbyte)k)) & called);
                }
            }

            miss &= called;
            var ok = called & ~miss;
            var isRef = Vector256.Equals(c0, Vector256<sbyte>.Zero);
            var vHet = ok & ~allEqual;
            var vHomRef = ok & allEqual & isRef;
            var vHomAlt = ok & allEqual & ~isRef;
            b.Het[i] += Count(vHet);
            b.HomRef[i] += Count(vHomRef);
            b.HomAlt[i] += Count(vHomAlt);
            b.Missing[i] += Count(miss);
            b.NonDiploid[i] += Count(ok & ~Vector256.Equals(presentCount, two));
            accHet -= vHet;
            accHomAlt -= vHomAlt;
            accHomRef -= vHomRef;
            accMissing -= miss;
            var snv = m.SnvClass[v];
            if (snv == (byte)SnvKind.Transition)
            {
                accTs -= vHet | vHomAlt;
            }
            else if (snv == (byte)SnvKind.Transversion)
            {
                accTv -= vHet | vHomAlt;
            }
        }

        Widen(accHet, sc.Het, s0, b.Lanes);
        Widen(accHomAlt, sc.HomAlt, s0, b.Lanes);
        Widen(accHomRef, sc.HomRef, s0, b.Lanes);
        Widen(accMissing, sc.Missing, s0, b.Lanes);
        Widen(accTs, sc.Ts, s0, b.Lanes);
        Widen(accTv, sc.Tv, s0, b.Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Count(Vector256<sbyte> mask) => BitOperations.PopCount(mask.ExtractMostSignificantBits());

    private static void Widen(Vector256<sbyte> counts, int[] target, int s0, sbyte[] lanes)
    {
        counts.CopyTo(lanes);
        for (var j = 0; j < Vector256<sbyte>.Count; j++)
        {
            target[s0 + j] += lanes[j];
        }
    }

    // As Columns256, 64 samples at a time.
    private static void Columns512(GenotypeMatrix m, CohortStats output, int v0, int v1, int s0, SampleCounters sc, BlockCounts b)
    {
        var samples = m.Samples;
        var a = m.Alleles;
        var minusOne = Vector512.Create((sbyte)-1);
        var absent = Vector512.Create(GenotypeMatrix.Absent);
        var two = Vector512.Create((sbyte)2);
        Vector512<sbyte> accHet = default, accHomAlt = default, accHomRef = default, accMissing = default, accTs = default, accTv = default;
        for (var v = v0; v < v1; v++)
        {
            var nAlt = m.AltCounts[v];
            var acOffset = m.AcOffsets[v];
            ref var cell0 = ref a[m.Index(v, 0, s0)];
            var c0 = Vector512.LoadUnsafe(ref cell0);
            var called = ~Vector512.Equals(c0, absent);
            var miss = Vector512.Equals(c0, minusOne);
            var allEqual = Vector512<sbyte>.AllBitsSet;
            var presentCount = Vector512<sbyte>.Zero - called;
            var i = v - v0;
            b.An[i] += Count(Vector512.GreaterThanOrEqual(c0, Vector512<sbyte>.Zero) & called);
            for (var k = 1; k <= nAlt; k++)
            {
                output.Ac[acOffset + k - 1] += Count(Vector512.Equals(c0, Vector512.Create((sbyte)k)) & called);
            }

            for (var h = 1; h < m.Ploidy; h++)
            {
                var c = Vector512.LoadUnsafe(ref Unsafe.Add(ref cell0, (nint)h * samples));
                var present = ~Vector512.Equals(c, absent);
                miss |= Vector512.Equals(c, minusOne);
                allEqual &= Vector512.Equals(c, c0) | ~present;
                presentCount -= present;
                b.An[i] += Count(Vector512.GreaterThanOrEqual(c, Vector512<sbyte>.Zero) & called);
                for (var k = 1; k <= nAlt; k++)
                {
                    output.Ac[acOffset + k - 1] += Count(Vector512.Equals(c, Vector512.Create((sbyte)k)) & called);
                }
            }

            miss &= called;
            var ok = called & ~miss;
            var isRef = Vector512.Equals(c0, Vector512<sbyte>.Zero);
            var vHet = ok & ~allEqual;
            var vHomRef = ok & allEqual & isRef;
            var vHomAlt = ok & allEqual & ~isRef;
            b.Het[i] += Count(vHet);
            b.HomRef[i] += Count(vHomRef);
            b.HomAlt[i] += Count(vHomAlt);
            b.Missing[i] += Count(miss);
            b.NonDiploid[i] += Count(ok & ~Vector512.Equals(presentCount, two));
            accHet -= vHet;
            accHomAlt -= vHomAlt;
            accHomRef -= vHomRef;
            accMissing -= miss;
            var snv = m.SnvClass[v];
            if (snv == (byte)SnvKind.Transition)
            {
                accTs -= vHet | vHomAlt;
            }
            else if (snv == (byte)SnvKind.Transversion)
            {
                accTv -= vHet | vHomAlt;
            }
        }

        Widen(accHet, sc.Het, s0, b.Lanes);
        Widen(accHomAlt, sc.HomAlt, s0, b.Lanes);
        Widen(accHomRef, sc.HomRef, s0, b.Lanes);
        Widen(accMissing, sc.Missing, s0, b.Lanes);
        Widen(accTs, sc.Ts, s0, b.Lanes);
        Widen(accTv, sc.Tv, s0, b.Lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Count(Vector512<sbyte> mask) => BitOperations.PopCount(mask.ExtractMostSignificantBits());

    private static void Widen(Vector512<sbyte> counts, int[] target, int s0, sbyte[] lanes)
    {
        counts.CopyTo(lanes);
        for (var j = 0; j < Vector512<sbyte>.Count; j++)
        {
            target[s0 + j] += lanes[j];
        }
    }

    private sealed class SampleCounters(int samples)
    {
        public int[] Het { get; } = new int[samples];

        public int[] HomAlt { get; } = new int[samples];

        public int[] HomRef { get; } = new int[samples];

        public int[] Missing { get; } = new int[samples];

        public int[] Ts { get; } = new int[samples];

        public int[] Tv { get; } = new int[samples];

        public int[][] All => [Het, HomAlt, HomRef, Missing, Ts, Tv];

        /// <summary>The per-variant counts of the block being processed.</summary>
        public BlockCounts Block { get; } = new();
    }

    private sealed class BlockCounts
    {
        public int[] An { get; } = new int[BlockVariants];

        public int[] Het { get; } = new int[BlockVariants];

        public int[] HomAlt { get; } = new int[BlockVariants];

        public int[] HomRef { get; } = new int[BlockVariants];

        public int[] Missing { get; } = new int[BlockVariants];

        public int[] NonDiploid { get; } = new int[BlockVariants];

        /// <summary>Scratch for widening one vector of sbyte counters.</summary>
        public sbyte[] Lanes { get; } = new sbyte[Vector512<sbyte>.Count];

        public void Clear()
        {
            Array.Clear(An);
            Array.Clear(Het);
            Array.Clear(HomAlt);
            Array.Clear(HomRef);
            Array.Clear(Missing);
            Array.Clear(NonDiploid);
        }
    }
}
