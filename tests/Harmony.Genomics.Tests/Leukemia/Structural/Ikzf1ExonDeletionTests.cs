using System.Text;
using Harmony.Genomics.Formats.Calls;
using Harmony.Genomics.Leukemia;

namespace Harmony.Genomics.Tests.Leukemia.Structural;

/// <summary>
/// IKZF1 deletions against the knowledge base's own IKZF1 exons (NM_006060.6 on GRCh37 from UTA; ENST00000331340.8 on
/// GRCh38, exons 4-7 derived). Exon coordinates typed from KnowledgeBase/Data/PROVENANCE.md:
/// GRCh37 exons 1 50344312-50344518, 2 50358644-50358697, 3 50367234-50367353, 4 50444231-50444491, 5 50450238-50450405,
/// 6 50455043-50455168, 7 50459427-50459561, 8 50467616-50472799 (gene span 50343720-50472799);
/// GRCh38 exons 3 ends 50327757, 4 50376533-50376793, 7 ends 50391863, 8 starts 50399918.
/// </summary>
public sealed class Ikzf1ExonDeletionTests
{
    private const string SegHeader = "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n";

    /// <summary>chr7 from 50,000,000 to 51,000,000 as neutral–deleted–neutral around [start, end].</summary>
    private static GeneCopyNumberCall Ikzf1(GenomeAssembly assembly, long start, long end, double log2, out Abnormality? row)
    {
        var seg = $"S\t7\t50000000\t{start - 1}\t10\t0\nS\t7\t{start}\t{end}\t10\t{log2.ToString(System.Globalization.CultureInfo.InvariantCulture)}\nS\t7\t{end + 1}\t51000000\t10\t0\n";
        var profile = CopyNumberCaller.Call(SegmentReader.Parse(Encoding.UTF8.GetBytes(SegHeader + seg), "t.seg"), assembly, "t.seg");
        row = profile.Abnormalities.SingleOrDefault(a => a.Name == "IKZF1 deletion");
        return profile.Genes.Single(g => g.Gene == "IKZF1");
    }

    private static GeneCopyNumberCall Ikzf1(GenomeAssembly assembly, long start, long end) => Ikzf1(assembly, start, end, -1.0, out _);

    [Fact]
    public void Delta_4_to_7_on_grch37_from_intron_3_to_intron_7()
    {
        var call = Ikzf1(GenomeAssembly.GRCh37, 50400001, 50465000, -1.0, out var row);
        Assert.Equal(GeneCopyState.HeterozygousDeletion, call.State);
        Assert.Equal("intragenic", call.Extent);
        Assert.Equal([4, 5, 6, 7], call.ExonsLost);
        Assert.Equal("Δ4–7", call.ExonText);
        Assert.Equal("NM_006060.6", call.Transcript);
        Assert.Equal(Certainty.VerifiedData, call.Certainty);
        Assert.NotNull(row);
        Assert.StartsWith("intragenic Δ4–7; ", row.Detail, StringComparison.Ordinal);
        Assert.Contains("exons 4-7 (Δ4–7) lost of 8 on NM_006060.6", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("[D]", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Delta_4_to_7_on_grch38_is_flagged_derived()
    {
        var call = Ikzf1(GenomeAssembly.GRCh38, 50340001, 50395000, -1.0, out var row);
        Assert.Equal(("intragenic", "Δ4–7", "ENST00000331340.8"), (call.Extent, call.ExonText, call.Transcript));
        Assert.Equal(Certainty.Derived, call.Certainty);
        Assert.Equal(Certainty.Derived, row!.Certainty);
        Assert.Contains("exon 4,5,6,7 coordinates on GRCh38 derived [D]", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_coordinates_mean_different_exons_on_the_two_assemblies()
    {
        // 50,340,001-50,395,000 is Δ4–7 on GRCh38 but covers exons 1-3 on GRCh37 (the builds differ by 39.6-67.7 kb here).
        Assert.Equal("Δ4–7", Ikzf1(GenomeAssembly.GRCh38, 50340001, 50395000).ExonText);
        Assert.Equal("Δ1–3", Ikzf1(GenomeAssembly.GRCh37, 50340001, 50395000).ExonText);
    }

    [Theory]
    [InlineData(50350001, 50465000, "intragenic", "Δ2–7")]  // intron 1 to intron 7
    [InlineData(50350001, 50480000, "intragenic", "Δ2–8")]  // intron 1 to beyond the gene end
    [InlineData(50300000, 50500000, "whole-gene", "Δ1–8")]  // the whole gene
    [InlineData(50447001, 50452000, "intragenic", "Δ5")]    // a single exon
    [InlineData(50340000, 50344400, "intragenic", "Δ1")]    // the 5' end, breakpoint in exon 1
    public void Deletion_forms_on_grch37(long start, long end, string extent, string exons)
    {
        var call = Ikzf1(GenomeAssembly.GRCh37, start, end);
        Assert.Equal((extent, exons), (call.Extent, call.ExonText));
    }

    [Fact]
    public void Breakpoint_inside_an_exon_counts_the_exon_as_lost_and_says_so()
    {
        // Starts at 50,444,300, inside exon 4 (50,444,231-50,444,491).
        var call = Ikzf1(GenomeAssembly.GRCh37, 50444300, 50465000, -1.0, out var row);
        Assert.Equal("Δ4–7", call.ExonText);
        Assert.Contains("breakpoint inside exon 4 (partly deleted, counted as lost)", row!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Intronic_deletion_between_exons_3_and_4_is_not_an_ikzf1_deletion()
    {
        var call = Ikzf1(GenomeAssembly.GRCh37, 50380001, 50440000, -1.0, out var row);
        Assert.Equal(GeneCopyState.NotDeleted, call.State);
        Assert.Null(row);
        Assert.Contains("removes no exon of NM_006060.6", call.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Homozygous_delta_4_to_7()
    {
        var call = Ikzf1(GenomeAssembly.GRCh37, 50400001, 50465000, -3.0, out var row);
        Assert.Equal(GeneCopyState.HomozygousDeletion, call.State);
        Assert.Contains("intragenic homozygous deletion of IKZF1", row!.Detail, StringComparison.Ordinal);
    }
}
