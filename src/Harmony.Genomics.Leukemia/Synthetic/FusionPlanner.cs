using System.Globalization;

namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// Places fusion breakpoints inside the right introns from the knowledge base's exon table and writes the VCF 4.x
/// breakend ALT for each side. Orientation follows from the genes' strands: the 5' gene keeps its 5' part (left of
/// the breakpoint on plus, right on minus), the 3' gene its 3' part (right on plus, left on minus).
/// </summary>
internal static class FusionPlanner
{
    /// <summary>Plans <c>gene5</c> exons 1..<paramref name="lastExon5"/> joined to <c>gene3</c> exons <paramref name="firstExon3"/>.. .</summary>
    public static PlantedFusion Plan(GenomeLayout layout, Xoshiro256StarStar random, string gene5, int lastExon5, string gene3, int firstExon3, string classification)
    {
        var exons5 = layout.Exons(gene5);
        var exons3 = layout.Exons(gene3);
        var strand5 = layout.Gene(gene5).Strand == "-" ? '-' : '+';
        var strand3 = layout.Gene(gene3).Strand == "-" ? '-' : '+';
        var (lo5, hi5) = Intron(exons5, lastExon5, gene5);
        var (lo3, hi3) = Intron(exons3, firstExon3 - 1, gene3);
        var e5 = exons5.First(e => e.Number == lastExon5).Interval;
        var e3 = exons3.First(e => e.Number == firstExon3).Interval;
        return new PlantedFusion(
            gene5,
            e5.Contig,
            InsideIntron(random, lo5, hi5),
            strand5,
            lastExon5,
            strand5 == '+' ? e5.End : e5.Start,
            gene3,
            e3.Contig,
            InsideIntron(random, lo3, hi3),
            strand3,
            firstExon3,
            strand3 == '+' ? e3.Start : e3.End,
            classification);
    }

    /// <summary>The intron after exon <paramref name="exon"/> (between it and exon+1), 1-based closed, whatever the strand.</summary>
    public static (long Start, long End) Intron(IReadOnlyList<ExonEntry> exons, int exon, string gene)
    {
        var a = exons.FirstOrDefault(e => e.Number == exon) ?? throw new InvalidOperationException($"{gene} has no exon {exon} in the knowledge base");
        var b = exons.FirstOrDefault(e => e.Number == exon + 1) ?? throw new InvalidOperationException($"{gene} has no exon {exon + 1} in the knowledge base");
        return (Math.Min(a.Interval.End, b.Interval.End) + 1, Math.Max(a.Interval.Start, b.Interval.Start) - 1);
    }

    /// <summary>
    /// The ALT of a breakend record at a position whose kept side is <paramref name="keepsLeft"/>, joined to a partner
    /// whose kept side is <paramref name="partnerKeepsLeft"/> (VCF 4.3 §5.4: t[p[, t]p], ]p]t, [p[t).
    /// </summary>
    public static string BreakendAlt(char reference, bool keepsLeft, string partnerContig, long partnerPosition, bool partnerKeepsLeft)
    {
        var p = partnerContig + ":" + partnerPosition.ToString(CultureInfo.InvariantCulture);
        // The partner's kept piece extends left of its breakpoint: ']' brackets; right: '['.
        var bracket = partnerKeepsLeft ? ']' : '[';
        return keepsLeft ? $"{reference}{bracket}{p}{bracket}" : $"{bracket}{p}{bracket}{reference}";
    }

    // 50 bp from either exon keeps the breakpoint clearly intronic (splice sites intact, as in genomic fusions).
    private static long InsideIntron(Xoshiro256StarStar random, long start, long end) =>
        end - start > 200 ? random.Between(start + 50, end - 50) : (start + end) / 2;
}
