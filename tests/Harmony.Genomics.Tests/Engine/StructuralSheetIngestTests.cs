using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// Gene deletions from SV VCFs through a sample-sheet ingest: SV data alone classifies what its deletions decide and
/// says that genes without a DEL have no call; a deletion seen in a segment file and an SV file is one finding.
/// GRCh38 IKZF1 exons 4 (50,376,533) to 7 (ends 50,391,863), exon 3 ends 50,327,757, exon 8 starts 50,399,918;
/// CDKN2A chr9:21,967,752-21,995,301, CDKN2B chr9:22,002,903-22,009,305 (knowledge base).
/// </summary>
public sealed class StructuralSheetIngestTests : IDisposable
{
    private const string SvHeader =
        "##fileformat=VCFv4.2\n##reference=GRCh38\n" +
        "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"t\">\n" +
        "##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n" +
        "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"l\">\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private static List<string> Rows(string sql) => TempLake.Query(sql).Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();

    private string Ingest(string sv, params string[] otherFiles)
    {
        var folder = Path.Combine(_lake.Root, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "P1-DX.sv.vcf"), SvHeader + sv);
        var sheet = Path.Combine(folder, "sheet.csv");
        File.WriteAllLines(sheet,
        [
            "patient,specimen,specimen_type,file,kind,assembly,age_years,immunophenotype",
            "P1,P1-DX,tumour,P1-DX.sv.vcf,structural_variants,GRCh38,6,B-ALL",
            .. otherFiles.Select(f => $"P1,P1-DX,tumour,{f},copy_number,GRCh38,6,B-ALL"),
        ]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(["ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--cohort", "ukall", "--keep-sample-ids"], stdout, stderr);
        Assert.True(rc == 0, stderr.ToString());
        return stderr.ToString();
    }

    [Fact]
    public void An_sv_file_alone_gives_gene_deletions_and_the_classifications_they_decide()
    {
        Ingest(
            "chr7\t50340000\tMantaDEL:1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50395000\n" +
            "chr9\t21900000\tMantaDEL:2\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=22100000\n");
        Assert.Equal(
            ["CDKN2A deletion|P1-DX.sv.vcf:8 (MantaDEL:2)|Partial", "CDKN2B deletion|P1-DX.sv.vcf:8 (MantaDEL:2)|Partial", "IKZF1 deletion|P1-DX.sv.vcf:7 (MantaDEL:1)|Partial"],
            Rows($"select abnormality, evidence, certainty from {Table("abnormalities")} where category = 'deletion' order by abnormality"));
        Assert.StartsWith("intragenic Δ4–7; ", (string)TempLake.Query($"select detail from {Table("abnormalities")} where abnormality = 'IKZF1 deletion'").Single()[0]!, StringComparison.Ordinal);
        Assert.Equal(["heterozygous_deletion|intragenic|Δ4–7|P1-DX.sv.vcf"], Rows($"select state, extent, exons_lost, source_file from {Table("gene_copy_number")} where gene = 'IKZF1'"));
        Assert.Equal(["not_assessable"], Rows($"select distinct state from {Table("gene_copy_number")} where gene not in ('IKZF1', 'CDKN2A', 'CDKN2B')"));

        // Any IKZF1 deletion is UKALL-CNA poor risk whatever the other genes are; IKZF1plus turns on ERG, which has no call.
        var cna = TempLake.Query($"select label, assessable, evidence from {Table("classifications")} where scheme = 'UKALL-CNA'").Single();
        Assert.Equal(("poor risk", true), ((string)cna[0]!, (bool)cna[1]!));
        Assert.Contains("IKZF1:het-del", (string)cna[2]!, StringComparison.Ordinal);
        Assert.Contains("no copy-number file: gene deletions only from SV DEL records, and a gene without one has no call", (string)cna[2]!, StringComparison.Ordinal);
        var plus = TempLake.Query($"select label, assessable, evidence from {Table("classifications")} where scheme = 'IKZF1plus'").Single();
        Assert.Equal(("not assessable", false), ((string)plus[0]!, (bool)plus[1]!));
        Assert.Contains("no call for PAX5, PAR1, ERG", (string)plus[2]!, StringComparison.Ordinal);
        Assert.Contains("an SV caller's silence is not two copies", (string)plus[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deletion_in_a_segment_file_and_an_sv_file_is_one_finding_with_both_evidences()
    {
        // The segment file's line 9 deletes chr7:50,340,001-50,390,000 (IKZF1 Δ4–6); the SV file has the same deletion.
        Ingest("chr7\t50340000\tMantaDEL:1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=50390000\n", Path.Combine(TestPaths.TestDataRoot, "leukemia-structural", "S01-DX.seg"));
        var row = TempLake.Query($"select evidence, detail, source_file, certainty from {Table("abnormalities")} where abnormality = 'IKZF1 deletion'").Single();
        Assert.Equal(("S01-DX.seg:9; P1-DX.sv.vcf:7 (MantaDEL:1)", "S01-DX.seg"), ((string)row[0]!, (string)row[2]!));
        Assert.EndsWith("also an SV deletion: intragenic heterozygous Δ4–6 (P1-DX.sv.vcf:7 (MantaDEL:1))", (string)row[1]!, StringComparison.Ordinal);
        // The segment file measured the loss, so its certainty stands; each file keeps its own gene_copy_number row.
        Assert.Equal("Derived", row[3]);
        Assert.Equal(["S01-DX.seg|heterozygous_deletion", "P1-DX.sv.vcf|heterozygous_deletion"], Rows($"select source_file, state from {Table("gene_copy_number")} where gene = 'IKZF1' order by source_file desc"));
        // With copy number read, the classification evidence carries no SV-only note.
        Assert.DoesNotContain("no copy-number file", (string)TempLake.Query($"select evidence from {Table("classifications")} where scheme = 'UKALL-CNA'").Single()[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deletion_only_the_sv_file_sees_is_its_own_finding()
    {
        // CDKN2A: the segment file calls chr9 neutral; the focal SV deletion is below its resolution.
        Ingest("chr9\t21970000\tMantaDEL:3\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=21990000\n", Path.Combine(TestPaths.TestDataRoot, "leukemia-structural", "S01-DX.seg"));
        Assert.Equal(["CDKN2A deletion|P1-DX.sv.vcf:7 (MantaDEL:3)|P1-DX.sv.vcf", "IKZF1 deletion|S01-DX.seg:9|S01-DX.seg"],
            Rows($"select abnormality, evidence, source_file from {Table("abnormalities")} where category = 'deletion' order by abnormality"));
    }
}
