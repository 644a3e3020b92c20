using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A Mutect2-like tumour/normal VCF: the planted hotspots, PASS passenger SNVs and indels away from ALL genes, and
/// artefact calls carrying Mutect2 filter names (some on hotspot positions, which must then not be reported).
/// </summary>
internal static class SomaticVcfWriter
{
    private static readonly string[] ArtefactFilters = ["weak_evidence", "strand_bias", "clustered_events", "base_qual", "map_qual", "normal_artifact", "orientation"];

    public static void Write(string path, SyntheticPatient patient, GenomeLayout layout, CohortParameters p, FingerprintPanel panel, ulong seed)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 2);
        var lines = new List<VcfLine>();
        GermlineSnps(patient, layout, p, panel, seed, lines);
        foreach (var m in patient.Mutations)
        {
            lines.Add(Record(r, layout, p, m.Hotspot.Contig, m.Hotspot.Position, m.Hotspot.Reference, m.Hotspot.Alternate, m.Vaf, "PASS"));
        }

        var clonal = patient.BlastFraction * 0.5;
        var passengers = r.Poisson(p.PassengerMean);
        for (var i = 0; i < passengers; i++)
        {
            var (contig, position) = layout.RandomNeutralPosition(r);
            var (reference, alt) = Alleles(r);
            lines.Add(Record(r, layout, p, contig, position, reference, alt, clonal * (0.2 + 0.8 * r.NextDouble()), "PASS"));
        }

        var artefacts = r.Poisson(p.ArtefactMean);
        for (var i = 0; i < artefacts; i++)
        {
            var filter = ArtefactFilters[r.NextInt(ArtefactFilters.Length)];
            if (r.Chance(0.2))
            {
                filter += ";" + ArtefactFilters[(Array.IndexOf(ArtefactFilters, filter) + 1 + r.NextInt(ArtefactFilters.Length - 1)) % ArtefactFilters.Length];
            }

            var vaf = 0.01 + 0.05 * r.NextDouble();
            if (r.Chance(p.ArtefactOnHotspot) && layout.SecondaryHotspots.Count > 0)
            {
                var h = layout.SecondaryHotspots[r.NextInt(layout.SecondaryHotspots.Count)];
                if (!patient.Mutations.Any(m => m.Hotspot.Contig == h.Contig && Math.Abs(m.Hotspot.Position - h.Position) < 3))
                {
                    lines.Add(Record(r, layout, p, h.Contig, h.Position, h.Reference, h.Alternate, vaf, filter));
                }

                continue;
            }

            var (contig, position) = layout.RandomNeutralPosition(r);
            var (reference, alt) = Alleles(r);
            lines.Add(Record(r, layout, p, contig, position, reference, alt, vaf, filter));
        }

        lines.Sort();
        using var w = Create(path);
        w.WriteLine("##fileformat=VCFv4.2");
        w.WriteLine("##source=harmony synth: Mutect2-like tumour/normal calls (synthetic data, no real patient)");
        WriteReferenceAndContigs(w, layout);
        w.WriteLine("##FILTER=<ID=PASS,Description=\"All filters passed\">");
        w.WriteLine("##FILTER=<ID=weak_evidence,Description=\"Mutation does not meet likelihood threshold\">");
        w.WriteLine("##FILTER=<ID=strand_bias,Description=\"Evidence for alt allele comes from one read direction only\">");
        w.WriteLine("##FILTER=<ID=clustered_events,Description=\"Clustered events observed in the tumor\">");
        w.WriteLine("##FILTER=<ID=base_qual,Description=\"alt median base quality\">");
        w.WriteLine("##FILTER=<ID=map_qual,Description=\"ref - alt median mapping quality\">");
        w.WriteLine("##FILTER=<ID=normal_artifact,Description=\"artifact_in_normal\">");
        w.WriteLine("##FILTER=<ID=germline,Description=\"Evidence indicates this site is germline, not somatic\">");
        w.WriteLine("##FILTER=<ID=orientation,Description=\"orientation bias detected by the orientation bias mixture model\">");
        w.WriteLine("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth; some reads may have been filtered\">");
        w.WriteLine("##INFO=<ID=TLOD,Number=A,Type=Float,Description=\"Log 10 likelihood ratio score of variant existing versus not existing\">");
        w.WriteLine("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
        w.WriteLine("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles in the order listed\">");
        w.WriteLine("##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fractions of alternate alleles in the tumor\">");
        w.WriteLine("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth (reads with MQ=255 or with bad mates are filtered)\">");
        w.WriteLine("##tumor_sample=" + patient.TumourSpecimen);
        w.WriteLine("##normal_sample=" + patient.GermlineSpecimen);
        w.WriteLine($"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{patient.TumourSpecimen}\t{patient.GermlineSpecimen}");
        foreach (var line in lines)
        {
            w.WriteLine(line.Text);
        }
    }

    /// <summary>
    /// The panel's heterozygous and hom-alt germline SNPs as Mutect2 reports them, FILTER <c>germline</c>, with tumour
    /// allele fractions that follow the copy number (BAF ≈ 1/3 or 2/3 on a trisomy at full purity). Sites inside a
    /// planted deletion are left out rather than modelled (LOH there is not part of the truth).
    /// </summary>
    private static void GermlineSnps(SyntheticPatient patient, GenomeLayout layout, CohortParameters p, FingerprintPanel panel, ulong seed, List<VcfLine> lines)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 8);
        var genotypes = panel.Genotypes(seed, patient.Index);
        for (var i = 0; i < panel.Sites.Count; i++)
        {
            var (contig, position, reference, alt, _) = panel.Sites[i];
            // Drawn for every site so a site's fate does not shift the draws of the next.
            var altOnGained = r.Chance(0.5);
            var tumourDepth = (int)Math.Max(40, r.Normal(p.TumourDepth, p.TumourDepth * 0.2));
            var normalDepth = (int)Math.Max(20, r.Normal(p.TumourDepth / 2.0, p.TumourDepth * 0.1));
            var tumourU = r.NextDouble();
            var normalU = r.NextDouble();
            if (genotypes[i] == 0 || patient.Deletions.Any(d => d.Contig == contig && d.Start <= position && position <= d.End))
            {
                continue;
            }

            var gain = patient.Gains.GetValueOrDefault(contig);
            var tumourFraction = genotypes[i] == 2 ? 1.0 : FingerprintPanel.TumourAltFraction(patient.BlastFraction, gain, altOnGained);
            var normalFraction = genotypes[i] == 2 ? 1.0 : 0.5;
            // Read counts from a normal approximation of the binomial, by the inverse CDF of one uniform draw each.
            var tumourAlt = Reads(tumourDepth, tumourFraction, tumourU);
            var normalAlt = Reads(normalDepth, normalFraction, normalU);
            var gt = genotypes[i] == 2 ? "1/1" : "0/1";
            var text = $"{layout.FileName(contig)}\t{I(position)}\t.\t{reference}\t{alt}\t.\tgermline\tDP={I(tumourDepth + normalDepth)};TLOD={F(tumourAlt * 3.1, "0.00")}\tGT:AD:AF:DP\t" +
                $"{gt}:{I(tumourDepth - tumourAlt)},{I(tumourAlt)}:{F((double)tumourAlt / tumourDepth, "0.0###")}:{I(tumourDepth)}\t" +
                $"{gt}:{I(normalDepth - normalAlt)},{I(normalAlt)}:{F((double)normalAlt / normalDepth, "0.0###")}:{I(normalDepth)}";
            lines.Add(new VcfLine(layout.Order(contig), position, text));
        }
    }

    private static int Reads(int depth, double fraction, double u)
    {
        if (fraction >= 1)
        {
            return depth;
        }

        var z = NormalQuantile(Math.Clamp(u, 1e-9, 1 - 1e-9));
        var k = (int)Math.Round(depth * fraction + z * Math.Sqrt(depth * fraction * (1 - fraction)));
        return Math.Clamp(k, 1, depth - 1);
    }

    // Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
    private static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var s = p - 0.5;
        var t = s * s;
        return (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * s / (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1);
    }

    private static (string Ref, string Alt) Alleles(Xoshiro256StarStar r)
    {
        var first = Bases.Random(r);
        var x = r.NextDouble();
        if (x < 0.85)
        {
            return (first.ToString(), Bases.Other(r, first).ToString());
        }

        var extra = Bases.Sequence(r, 1 + r.NextInt(3));
        return x < 0.93 ? (first + extra, first.ToString()) : (first.ToString(), first + extra);
    }

    private static VcfLine Record(Xoshiro256StarStar r, GenomeLayout layout, CohortParameters p, string contig, long position, string reference, string alt, double vaf, string filter)
    {
        var tumourDepth = (int)Math.Max(40, r.Normal(p.TumourDepth, p.TumourDepth * 0.2));
        var normalDepth = (int)Math.Max(20, r.Normal(p.TumourDepth / 2.0, p.TumourDepth * 0.1));
        var altReads = Math.Max(filter == "PASS" ? 4 : 2, r.Binomial(tumourDepth, Math.Clamp(vaf, 0, 1)));
        altReads = Math.Min(altReads, tumourDepth);
        // Normal artefacts show a read or two in the normal; real somatic calls none.
        var normalAlt = filter.Contains("normal_artifact", StringComparison.Ordinal) ? 1 + r.NextInt(3) : 0;
        var tlod = altReads * (3.0 + r.NextDouble());
        var text = $"{layout.FileName(contig)}\t{I(position)}\t.\t{reference}\t{alt}\t.\t{filter}\tDP={I(tumourDepth + normalDepth)};TLOD={F(tlod, "0.00")}\tGT:AD:AF:DP\t" +
            $"0/1:{I(tumourDepth - altReads)},{I(altReads)}:{F((double)altReads / tumourDepth, "0.0###")}:{I(tumourDepth)}\t" +
            $"0/0:{I(normalDepth - normalAlt)},{I(normalAlt)}:{F((double)normalAlt / normalDepth, "0.0###")}:{I(normalDepth)}";
        return new VcfLine(layout.Order(contig), position, text);
    }
}
