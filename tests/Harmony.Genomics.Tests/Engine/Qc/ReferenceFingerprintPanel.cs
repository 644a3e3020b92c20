using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Compute.Fingerprints;
using Harmony.Genomics.Engine.Qc;

namespace Harmony.Genomics.Tests.Engine.Qc;

/// <summary>
/// The fingerprint panel as <c>harmony fingerprint</c> chose it before the panel moved into DuckDB, kept as the test
/// oracle for <see cref="LakeFingerprints"/>: every call of the cohort in a <see cref="GenotypeMatrix"/>, then
/// the panel from the data: biallelic SNVs (the same chrom:pos:ref:alt joined across sources),
/// alternate-allele frequency 0.05–0.95 among called diploid genotypes, called in at least half the samples; at most
/// <c>maxSnps</c>, evenly spaced when there are more.
/// </summary>
internal static class ReferenceFingerprintPanel
{
    public static PackedGenotypes Choose(LakeGenotypes data, int maxSnps, out int panelSize)
    {
        var m = data.Matrix;
        var sites = new Dictionary<string, sbyte[]>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var v = 0; v < m.Variants; v++)
        {
            if (m.AltCounts[v] != 1 || m.SnvClass[v] == (byte)SnvKind.Other)
            {
                continue;
            }

            if (!sites.TryGetValue(data.SiteKeys[v], out var dosages))
            {
                dosages = new sbyte[m.Samples];
                Array.Fill(dosages, (sbyte)-1);
                sites.Add(data.SiteKeys[v], dosages);
                order.Add(data.SiteKeys[v]);
            }

            for (var s = 0; s < m.Samples; s++)
            {
                var a0 = m.Alleles[m.Index(v, 0, s)];
                var a1 = m.Alleles[m.Index(v, 1, s)];
                var diploid = m.Ploidy == 2 || m.Alleles[m.Index(v, 2, s)] == GenotypeMatrix.Absent;
                if (dosages[s] < 0 && diploid && a0 >= 0 && a1 >= 0)
                {
                    dosages[s] = (sbyte)(a0 + a1);
                }
            }
        }

        var chosen = order.Where(key =>
        {
            var d = sites[key];
            var called = d.Count(x => x >= 0);
            if (called == 0 || called * 2 < d.Length)
            {
                return false;
            }

            var af = d.Where(x => x >= 0).Sum(x => x) / (2.0 * called);
            return af is >= 0.05 and <= 0.95;
        }).ToList();
        if (chosen.Count > maxSnps)
        {
            chosen = [.. Enumerable.Range(0, maxSnps).Select(i => chosen[(int)((long)i * chosen.Count / maxSnps)])];
        }

        panelSize = chosen.Count;
        var packed = new PackedGenotypes(m.Samples, chosen.Count);
        for (var j = 0; j < chosen.Count; j++)
        {
            var d = sites[chosen[j]];
            for (var s = 0; s < m.Samples; s++)
            {
                packed.Set(s, j, d[s]);
            }
        }

        return packed;
    }
}
