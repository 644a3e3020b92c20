using Harmony.Genomics.Compute.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Harmony.Genomics.Compute.Cohort;

/// <summary>
/// The ILGPU kernels: one thread per variant (counts, AN/AC, HWE computed in the thread) and one thread per sample
/// (per-sample counts; neighbouring threads read neighbouring bytes of each plane, so reads coalesce). The same code
/// runs on CUDA and on ILGPU's CPU accelerator, where tests check it against the scalar reference.
/// </summary>
internal sealed class IlgpuCohortStatsKernel : ICohortStatsKernel
{
    private readonly GpuSession _session;
    private readonly bool _ownsSession;
    private readonly Action<Index1D, ArrayView<sbyte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int> _variantKernel;
    private readonly Action<Index1D, ArrayView<sbyte>, ArrayView<byte>, ArrayView<int>, int, int, int> _sampleKernel;

    public IlgpuCohortStatsKernel(GpuSession session, bool ownsSession = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _ownsSession = ownsSession;
        var accelerator = session.Accelerator;
        _variantKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<sbyte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int>(VariantKernel);
        _sampleKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<sbyte>, ArrayView<byte>, ArrayView<int>, int, int, int>(SampleKernel);
    }

    public void Compute(GenotypeMatrix matrix, CohortStats output)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(output);
        var accelerator = _session.Accelerator;
        int variants = matrix.Variants, samples = matrix.Samples;
        using var alleles = accelerator.Allocate1D(matrix.Alleles.Length == 0 ? new sbyte[1] : matrix.Alleles);
        using var altCounts = accelerator.Allocate1D(variants == 0 ? new int[1] : matrix.AltCounts);
        using var acOffsets = accelerator.Allocate1D(variants == 0 ? new int[1] : matrix.AcOffsets);
        using var snv = accelerator.Allocate1D(variants == 0 ? new byte[1] : matrix.SnvClass);
        using var an = accelerator.Allocate1D<int>(Math.Max(1, variants));
        using var ac = accelerator.Allocate1D<int>(Math.Max(1, matrix.TotalAlts));
        using var counts = accelerator.Allocate1D<int>(Math.Max(1, 5L * variants));
        using var hwe = accelerator.Allocate1D<double>(Math.Max(1, variants));
        using var sampleCounts = accelerator.Allocate1D<int>(Math.Max(1, 6L * samples));
        if (variants > 0)
        {
            _variantKernel(variants, alleles.View, altCounts.View, acOffsets.View, an.View, ac.View, counts.View, hwe.View, samples, matrix.Ploidy);
        }

        if (samples > 0)
        {
            _sampleKernel(samples, alleles.View, snv.View, sampleCounts.View, variants, samples, matrix.Ploidy);
        }

        accelerator.Synchronize();
        if (variants > 0)
        {
            an.View.SubView(0, variants).CopyToCPU(output.An);
            if (matrix.TotalAlts > 0)
            {
                ac.View.SubView(0, matrix.TotalAlts).CopyToCPU(output.Ac);
            }

            var c = counts.GetAsArray1D();
            Array.Copy(c, 0, output.NHet, 0, variants);
            Array.Copy(c, variants, output.NHomAlt, 0, variants);
            Array.Copy(c, 2 * variants, output.NHomRef, 0, variants);
            Array.Copy(c, 3 * variants, output.NMissing, 0, variants);
            Array.Copy(c, 4 * variants, output.NNonDiploid, 0, variants);
            hwe.View.SubView(0, variants).CopyToCPU(output.HweP);
        }

        if (samples > 0)
        {
            var sc = sampleCounts.GetAsArray1D();
            Array.Copy(sc, 0, output.SampleHet, 0, samples);
            Array.Copy(sc, samples, output.SampleHomAlt, 0, samples);
            Array.Copy(sc, 2 * samples, output.SampleHomRef, 0, samples);
            Array.Copy(sc, 3 * samples, output.SampleMissing, 0, samples);
            Array.Copy(sc, 4 * samples, output.SampleTs, 0, samples);
            Array.Copy(sc, 5 * samples, output.SampleTv, 0, samples);
        }
    }

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    /// <summary>One thread per variant. counts = [het | homAlt | homRef | missing | nonDiploid], each of length V.</summary>
    private static void VariantKernel(
        Index1D index,
        ArrayView<sbyte> alleles,
        ArrayView<int> altCounts,
        ArrayView<int> acOffsets,
        ArrayView<int> an,
        ArrayView<int> ac,
        ArrayView<int> counts,
        ArrayView<double> hwe,
        int samples,
        int ploidy)
    {
        int v = index;
        var variants = (int)an.Length;
        if (v >= variants)
        {
            return;
        }

        var nAlt = altCounts[v];
        var acOffset = acOffsets[v];
        for (var k = 0; k < nAlt; k++)
        {
            ac[acOffset + k] = 0;
        }

        int nAn = 0, het = 0, homAlt = 0, homRef = 0, missing = 0, nonDiploid = 0;
        var rowStart = (long)v * ploidy * samples;
        for (var s = 0; s < samples; s++)
        {
            var c0 = alleles[rowStart + s];
            if (c0 == GenotypeMatrix.Absent)
            {
                continue;
            }

            var isMissing = false;
            var allEqual = true;
            var present = 0;
            for (var h = 0; h < ploidy; h++)
            {
                var c = alleles[rowStart + ((long)h * samples) + s];
                if (c == GenotypeMatrix.Absent)
                {
                    continue;
                }

                present++;
                if (c == GenotypeMatrix.Missing)
                {
                    isMissing = true;
                }

                if (c != c0)
                {
                    allEqual = false;
                }

                if (c >= 0)
                {
                    nAn++;
                    if (c >= 1 && c <= nAlt)
                    {
                        ac[acOffset + c - 1] += 1;
                    }
                }
            }

            if (isMissing)
            {
                missing++;
            }
            else
            {
                if (present != 2)
                {
                    nonDiploid++;
                }

                if (!allEqual)
                {
                    het++;
                }
                else if (c0 == 0)
                {
                    homRef++;
                }
                else
                {
                    homAlt++;
                }
            }
        }

        an[v] = nAn;
        counts[v] = het;
        counts[variants + v] = homAlt;
        counts[(2 * variants) + v] = homRef;
        counts[(3 * variants) + v] = missing;
        counts[(4 * variants) + v] = nonDiploid;
        hwe[v] = nAlt == 1 && nonDiploid == 0 ? HardyWeinberg.PValue(het, homRef, homAlt) : double.NaN;
    }

    /// <summary>One thread per sample. counts = [het | homAlt | homRef | missing | ts | tv], each of length S.</summary>
    private static void SampleKernel(Index1D index, ArrayView<sbyte> alleles, ArrayView<byte> snvClass, ArrayView<int> counts, int variants, int samples, int ploidy)
    {
        int s = index;
        if (s >= samples)
        {
            return;
        }

        int het = 0, homAlt = 0, homRef = 0, missing = 0, ts = 0, tv = 0;
        for (var v = 0; v < variants; v++)
        {
            var rowStart = (long)v * ploidy * samples;
            var c0 = alleles[rowStart + s];
            if (c0 == GenotypeMatrix.Absent)
            {
                continue;
            }

            var isMissing = false;
            var allEqual = true;
            for (var h = 0; h < ploidy; h++)
            {
                var c = alleles[rowStart + ((long)h * samples) + s];
                if (c == GenotypeMatrix.Absent)
                {
                    continue;
                }

                if (c == GenotypeMatrix.Missing)
                {
                    isMissing = true;
                }

                if (c != c0)
                {
                    allEqual = false;
                }
            }

            if (isMissing)
            {
                missing++;
                continue;
            }

            var nonRef = true;
            if (!allEqual)
            {
                het++;
            }
            else if (c0 == 0)
            {
                homRef++;
                nonRef = false;
            }
            else
            {
                homAlt++;
            }

            if (nonRef)
            {
                var kind = snvClass[v];
                if (kind == 1)
                {
                    ts++;
                }
                else if (kind == 2)
                {
                    tv++;
                }
            }
        }

        counts[s] = het;
        counts[samples + s] = homAlt;
        counts[(2 * samples) + s] = homRef;
        counts[(3 * samples) + s] = missing;
        counts[(4 * samples) + s] = ts;
        counts[(5 * samples) + s] = tv;
    }
}
