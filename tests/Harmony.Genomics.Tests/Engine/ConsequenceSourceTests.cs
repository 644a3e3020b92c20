using Harmony.Genomics.Cli;
using Harmony.Genomics.Tests.Lake;
using Harmony.Genomics.Tests.Leukemia;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// A small-variant file's VEP/SnpEff annotation is recorded in <c>specimens.consequence_source</c> and tells the T-ALL
/// NGS 2024 rule whether a missing mutation is wild type: with consequences the rule can conclude, without them it
/// cannot; <c>harmony classify</c> reads the same record back from the lake.
/// </summary>
public sealed class ConsequenceSourceTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => TestPaths.TryDelete(_lake.Root);

    private string Table(string name) => $"read_parquet('{Path.Combine(_lake.Path0, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)";

    private static (int Rc, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var rc = Program.Run(args, stdout, stderr);
        return (rc, stderr.ToString());
    }

    private string WriteVcf(string name, bool annotated)
    {
        // One synonymous variant in a gene no rule looks at: no finding either way, so only the header tells.
        var path = Path.Combine(_lake.Root, name);
        var info = annotated ? "CSQ=T|synonymous_variant|LOW|OR4F5|ENSG00000186092|Transcript|ENST00000641515|protein_coding|3/3||ENST00000641515.2:c.30C>T|ENSP00000493376.2:p.Ser10%3D|YES" : ".";
        File.WriteAllText(path, "##fileformat=VCFv4.2\n" + LeukemiaVcf.Grch38Contigs + (annotated ? LeukemiaVcf.Csq : string.Empty) + LeukemiaVcf.Formats
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
            + $"chr1\t69100\t.\tC\tT\t50\tPASS\t{info}\tGT:AD\t0/1:20,18\n");
        return path;
    }

    [Fact]
    public void Consequences_make_the_TALL_2024_rule_conclusive_and_classify_agrees()
    {
        var sheet = Path.Combine(_lake.Root, "sheet.csv");
        File.WriteAllLines(sheet,
        [
            "patient,specimen,specimen_type,file,kind,age_years,immunophenotype",
            $"T1,T1-DX,tumour,{WriteVcf("t1.vcf", annotated: true)},small_variants,30,T-ALL",
            $"T2,T2-DX,tumour,{WriteVcf("t2.vcf", annotated: false)},small_variants,30,T-ALL",
        ]);
        var (rc, err) = Run("ingest", "--samplesheet", sheet, "--lake", _lake.Path0, "--keep-sample-ids");
        Assert.True(rc == 0, err);

        var sources = TempLake.Query($"select specimen, consequence_source from {Table("specimens")} order by specimen")
            .Select(r => $"{r[0]}={r[1] ?? "null"}").ToList();
        Assert.Equal(["T1-DX=VEP CSQ", "T2-DX=null"], sources);

        string Label(string patient, string runs) => string.Join(";", TempLake.Query(
            $"select label, assessable from {Table("classifications")} where scheme = 'T-ALL-NGS-2024' and patient = '{patient}' and classification_run in ({runs})")
            .Select(r => $"{r[0]}|{r[1]}"));

        // T1: no NOTCH1/FBXW7, PHF6 or EP300 mutation in an annotated file is high risk whatever the (absent) copy number says.
        Assert.Equal("high risk|True", Label("T1", "1"));
        // T2: without consequences a missing favourable mutation is unknown, and the label depends on it.
        Assert.Equal("not assessable|False", Label("T2", "1"));

        (rc, err) = Run("classify", _lake.Path0);
        Assert.True(rc == 0, err);
        Assert.Equal("high risk|True", Label("T1", "2"));
        Assert.Equal("not assessable|False", Label("T2", "2"));
    }
}
