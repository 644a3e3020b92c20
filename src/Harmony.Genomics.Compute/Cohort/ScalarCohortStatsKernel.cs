namespace Harmony.Genomics.Compute.Cohort;

/// <summary>The simple reference: one call at a time, the definitions of <see cref="CohortStats"/> written out.</summary>
internal sealed class ScalarCohortStatsKernel : ICohortStatsKernel
{
    public void Compute(GenotypeMatrix matrix, CohortStats output)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(output);
        Array.Clear(output.SampleHet);
        Array.Clear(output.SampleHomAlt);
        Array.Clear(output.SampleHomRef);
        Array.Clear(output.SampleMissing);
        Array.Clear(output.SampleTs);
        Array.Clear(output.SampleTv);
        var a = matrix.Alleles;
        for (var v = 0; v < matrix.Variants; v++)
        {
            var nAlt = matrix.AltCounts[v];
            var acOffset = matrix.AcOffsets[v];
            for (var k = 0; k < nAlt; k++)
            {
                output.Ac[acOffset + k] = 0;
            }

            int an = 0, het = 0, homAlt = 0, homRef = 0, missing = 0, nonDiploid = 0;
            var snv = matrix.SnvClass[v];
            for (var s = 0; s < matrix.Samples; s++)
            {
                var c0 = a[matrix.Index(v, 0, s)];
                if (c0 == GenotypeMatrix.Absent)
                {
                    continue;
                }

                var isMissing = c0 == GenotypeMatrix.Missing;
                var allEqual = true;
                var present = 0;
                for (var h = 0; h < matrix.Ploidy; h++)
                {
                    var c = a[matrix.Index(v, h, s)];
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
                        an++;
                        if (c >= 1 && c <= nAlt)
                        {
                            output.Ac[acOffset + c - 1]++;
                        }
                    }
                }

                if (isMissing)
                {
                    missing++;
                    output.SampleMissing[s]++;
                    continue;
                }

                if (present != 2)
                {
                    nonDiploid++;
                }

                var nonRef = false;
                if (!allEqual)
                {
                    het++;
                    output.SampleHet[s]++;
                    nonRef = true;
                }
                else if (c0 == 0)
                {
                    homRef++;
                    output.SampleHomRef[s]++;
                }
                else
                {
                    homAlt++;
                    output.SampleHomAlt[s]++;
                    nonRef = true;
                }

                if (nonRef && snv == (byte)SnvKind.Transition)
                {
                    output.SampleTs[s]++;
                }
                else if (nonRef && snv == (byte)SnvKind.Transversion)
                {
                    output.SampleTv[s]++;
                }
            }

            output.An[v] = an;
            output.NHet[v] = het;
            output.NHomAlt[v] = homAlt;
            output.NHomRef[v] = homRef;
            output.NMissing[v] = missing;
            output.NNonDiploid[v] = nonDiploid;
            output.HweP[v] = HweFor(nAlt, nonDiploid, het, homRef, homAlt);
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The HWE rule shared by every implementation.</summary>
    internal static double HweFor(int nAlt, int nonDiploid, int het, int homRef, int homAlt) =>
        nAlt == 1 && nonDiploid == 0 ? HardyWeinberg.PValue(het, homRef, homAlt) : double.NaN;
}
