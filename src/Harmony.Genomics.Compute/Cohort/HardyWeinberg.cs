namespace Harmony.Genomics.Compute.Cohort;

/// <summary>
/// The Hardy–Weinberg exact test of Wigginton, Cutler and Abecasis, "A Note on Exact Tests of Hardy-Weinberg
/// Equilibrium", Am. J. Hum. Genet. 76:887–893 (2005): the probability, under HWE given the allele counts, of every
/// heterozygote count at most as likely as the observed one (no mid-p correction), capped at 1.
/// </summary>
/// <remarks>
/// The published SNPHWE code keeps the whole heterozygote distribution in an array; this version recomputes the
/// same recurrence twice instead (sum, then tail), with the same floating-point operations per term, so that it
/// needs no allocation and runs inside a GPU kernel. Only primitive arithmetic: ILGPU compiles it unchanged.
/// </remarks>
internal static class HardyWeinberg
{
    /// <summary>The exact HWE p-value; NaN when there are no genotypes.</summary>
    /// <param name="obsHets">Heterozygous calls.</param>
    /// <param name="obsHom1">Homozygous calls of one allele.</param>
    /// <param name="obsHom2">Homozygous calls of the other allele.</param>
    public static double PValue(int obsHets, int obsHom1, int obsHom2)
    {
        if (obsHets < 0 || obsHom1 < 0 || obsHom2 < 0)
        {
            return double.NaN;
        }

        long obsHomc = obsHom1 < obsHom2 ? obsHom2 : obsHom1;
        long obsHomr = obsHom1 < obsHom2 ? obsHom1 : obsHom2;
        long rare = (2 * obsHomr) + obsHets;
        long genotypes = obsHets + obsHomc + obsHomr;
        if (genotypes == 0)
        {
            return double.NaN;
        }

        long mid = rare * ((2 * genotypes) - rare) / (2 * genotypes);
        if (((rare & 1) ^ (mid & 1)) != 0)
        {
            mid++;
        }

        // Pass 1: the normalising sum, and the (unnormalised) probability of the observed count.
        var sum = 1.0;
        var observed = obsHets == mid ? 1.0 : 0.0;
        var prob = 1.0;
        long homr = (rare - mid) / 2;
        long homc = genotypes - mid - homr;
        for (var hets = mid; hets > 1; hets -= 2)
        {
            prob = prob * hets * (hets - 1.0) / (4.0 * (homr + 1.0) * (homc + 1.0));
            sum += prob;
            if (hets - 2 == obsHets)
            {
                observed = prob;
            }

            homr++;
            homc++;
        }

        prob = 1.0;
        homr = (rare - mid) / 2;
        homc = genotypes - mid - homr;
        for (var hets = mid; hets <= rare - 2; hets += 2)
        {
            prob = prob * 4.0 * homr * homc / ((hets + 2.0) * (hets + 1.0));
            sum += prob;
            if (hets + 2 == obsHets)
            {
                observed = prob;
            }

            homr--;
            homc--;
        }

        // Pass 2: add every normalised probability not above the observed one (compared normalised, as SNPHWE does).
        var threshold = observed / sum;
        var p = 1.0 / sum <= threshold ? 1.0 / sum : 0.0;
        prob = 1.0;
        homr = (rare - mid) / 2;
        homc = genotypes - mid - homr;
        for (var hets = mid; hets > 1; hets -= 2)
        {
            prob = prob * hets * (hets - 1.0) / (4.0 * (homr + 1.0) * (homc + 1.0));
            var normalised = prob / sum;
            if (normalised <= threshold)
            {
                p += normalised;
            }

            homr++;
            homc++;
        }

        prob = 1.0;
        homr = (rare - mid) / 2;
        homc = genotypes - mid - homr;
        for (var hets = mid; hets <= rare - 2; hets += 2)
        {
            prob = prob * 4.0 * homr * homc / ((hets + 2.0) * (hets + 1.0));
            var normalised = prob / sum;
            if (normalised <= threshold)
            {
                p += normalised;
            }

            homr--;
            homc--;
        }

        return p > 1.0 ? 1.0 : p;
    }
}
