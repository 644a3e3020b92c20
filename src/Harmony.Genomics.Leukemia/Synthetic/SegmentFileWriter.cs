using static Harmony.Genomics.Leukemia.Synthetic.SynthVcf;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// A SEG file (DNAcopy/IGV: ID, chrom, loc.start, loc.end, num.mark, seg.mean as log2 tumour/normal) tiling every
/// chromosome: whole-chromosome gains for hyperdiploidy, planted deletions as their own segments, purity applied
/// (observed ratio = (purity·CN_tumour + (1−purity)·CN_normal) / CN_normal) and a little noise.
/// </summary>
internal static class SegmentFileWriter
{
    public static void Write(string path, SyntheticPatient patient, GenomeLayout layout, ulong seed)
    {
        var r = Xoshiro256StarStar.For(seed, patient.Index, 5);
        using var w = Create(path);
        w.WriteLine("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean");
        var purity = patient.BlastFraction;
        for (var c = 0; c < layout.Canonical.Count; c++)
        {
            var contig = layout.Canonical[c];
            var male = patient.Sex == PatientSex.Male;
            if (contig == "chrY" && !male)
            {
                continue;
            }

            // The normal cells of a male carry one X and one Y; ratios are against a diploid reference, as CNVkit's
            // default (mixed-sex pooled) reference gives, so a male X or Y reads log2 -1.
            var normalCopies = male && contig is "chrX" or "chrY" ? 1 : 2;
            var tumourCopies = normalCopies + patient.Gains.GetValueOrDefault(contig);
            var length = layout.Lengths[c];
            var cuts = patient.Deletions.Where(d => d.Contig == contig).OrderBy(d => d.Start).ToList();
            long next = 1;
            foreach (var d in cuts)
            {
                var start = Math.Max(d.Start, next);
                if (start > d.End)
                {
                    continue;
                }

                if (start > next)
                {
                    Segment(w, r, patient, layout, contig, next, start - 1, tumourCopies, normalCopies, purity);
                }

                Segment(w, r, patient, layout, contig, start, d.End, d.Homozygous ? 0 : Math.Max(0, tumourCopies - 1), normalCopies, purity);
                next = d.End + 1;
            }

            if (next <= length)
            {
                Segment(w, r, patient, layout, contig, next, length, tumourCopies, normalCopies, purity);
            }
        }
    }

    private static void Segment(StreamWriter w, Xoshiro256StarStar r, SyntheticPatient patient, GenomeLayout layout, string contig, long start, long end, int tumourCopies, int normalCopies, double purity)
    {
        var ratio = (purity * tumourCopies + (1 - purity) * normalCopies) / 2.0;
        var log2 = Math.Round(Math.Log2(Math.Max(ratio, 0.001)) + r.Normal(0, 0.02), 4);
        // Rounding can leave -0, which would print as "-0.0000".
        log2 = log2 == 0 ? 0 : log2;
        // About one array/exome-backbone marker per 3 kb.
        var markers = Math.Max(3, (end - start + 1) / 3000 + r.NextInt(5));
        w.WriteLine($"{patient.TumourSpecimen}\t{layout.FileName(contig)}\t{I(start)}\t{I(end)}\t{I(markers)}\t{F(log2, "0.0000")}");
    }
}
