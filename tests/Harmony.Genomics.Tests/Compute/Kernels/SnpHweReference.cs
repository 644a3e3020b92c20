namespace Harmony.Genomics.Tests.Compute.Kernels;

/// <summary>
/// A direct port of the published C function SNPHWE (Wigginton, Cutler &amp; Abecasis, Am. J. Hum. Genet. 2005,
/// the code distributed with the paper), array and all, as the reference for the engine's allocation-free version.
/// Only change: the midpoint product in 64 bits.
/// </summary>
internal static class SnpHweReference
{
    public static double SnpHwe(int obsHets, int obsHom1, int obsHom2)
    {
        var obsHomc = obsHom1 < obsHom2 ? obsHom2 : obsHom1;
        var obsHomr = obsHom1 < obsHom2 ? obsHom1 : obsHom2;
        var rareCopies = (2 * obsHomr) + obsHets;
        var genotypes = obsHets + obsHomc + obsHomr;
        if (genotypes == 0)
        {
            return double.NaN;
        }

        var hetProbs = new double[rareCopies + 1];
        var mid = (int)((long)rareCopies * ((2L * genotypes) - rareCopies) / (2L * genotypes));
        if (((rareCopies & 1) ^ (mid & 1)) != 0)
        {
            mid++;
        }

        var currHomr = (rareCopies - mid) / 2;
        var currHomc = genotypes - mid - currHomr;
        hetProbs[mid] = 1.0;
        var sum = hetProbs[mid];
        for (var currHets = mid; currHets > 1; currHets -= 2)
        {
            hetProbs[currHets - 2] = hetProbs[currHets] * currHets * (currHets - 1.0) / (4.0 * (currHomr + 1.0) * (currHomc + 1.0));
            sum += hetProbs[currHets - 2];
            currHomr++;
            currHomc++;
        }

        currHomr = (rareCopies - mid) / 2;
        currHomc = genotypes - mid - currHomr;
        for (var currHets = mid; currHets <= rareCopies - 2; currHets += 2)
        {
            hetProbs[currHets + 2] = hetProbs[currHets] * 4.0 * currHomr * currHomc / ((currHets + 2.0) * (currHets + 1.0));
            sum += hetProbs[currHets + 2];
            currHomr--;
            currHomc--;
        }

        for (var i = 0; i <= rareCopies; i++)
        {
            hetProbs[i] /= sum;
        }

        var pHwe = 0.0;
        for (var i = 0; i <= rareCopies; i++)
        {
            if (hetProbs[i] > hetProbs[obsHets])
            {
                continue;
            }

            pHwe += hetProbs[i];
        }

        return pHwe > 1.0 ? 1.0 : pHwe;
    }
}
