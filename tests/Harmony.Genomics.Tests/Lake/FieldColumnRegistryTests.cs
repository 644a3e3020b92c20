using Harmony.Genomics.Engine;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake;

/// <summary>
/// Sources that declare a field differently still give a lake whose tables read across every file: the first
/// declaration fixes a column's type, later values that fit it are written in it (wrapped in a list, or widened to
/// double), and the others get a column of their own named with their type (src/Harmony.Genomics.Lake/FieldColumnRegistry.cs).
/// </summary>
public sealed class FieldColumnRegistryTests : IDisposable
{
    private const string Contig = "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=1000000>\n";
    private const string Gt = "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"gt\">\n";

    // AF and DP as single values, AD per allele.
    private const string Scalars = Contig
        + "##INFO=<ID=AF,Number=1,Type=Float,Description=\"af\">\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"dp\">\n"
        + Gt + "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"ad\">\n"
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
        + "chr1\t100\t.\tA\tG\t50\tPASS\tAF=0.5;DP=10\tGT:AD\t0/1:5,5\n"
        + "chr1\t200\t.\tA\tG\t50\tPASS\tAF=.;DP=7\tGT:AD\t0/1:3,4\n";

    // AF per ALT, DP as a Float, a second field dp differing from DP in case, AD as one String.
    private const string Lists = Contig
        + "##INFO=<ID=AF,Number=A,Type=Float,Description=\"af\">\n##INFO=<ID=DP,Number=1,Type=Float,Description=\"dp\">\n"
        + "##INFO=<ID=dp,Number=1,Type=Integer,Description=\"lower dp\">\n"
        + Gt + "##FORMAT=<ID=AD,Number=1,Type=String,Description=\"ad\">\n"
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS2\n"
        + "chr1\t300\t.\tA\tG,T\t50\tPASS\tAF=0.25,0.5;DP=3.5;dp=4\tGT:AD\t1/2:x\n";

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void ScalarsThenLists_ConflictingFieldsGetTypedColumns_TablesReadAcrossFiles()
    {
        var lake = Ingest("a", ("one.vcf", Scalars), ("two.vcf", Lists), out var warnings);

        Assert.Equal(
            ["100\t0.5\t10\t.\t.\t.", "200\t.\t7\t.\t.\t.", "300\t.\t.\t[0.25, 0.5]\t3.5\t4"],
            LakeReader.Query($"select pos, info_af, info_dp, info_af__float_list::varchar, info_dp__float, info_dp_2 from {LakeDump.Table(lake, "variants")} order by pos"));
        Assert.Equal(["S1\t[5, 5]\t.", "S1\t[3, 4]\t.", "S2\t.\tx"],
            LakeReader.Query($"select sample, ad::varchar, ad__str from {LakeDump.Table(lake, "calls")} order by variant_id"));
        Assert.Contains(warnings, w => w.Contains("two.vcf: INFO/AF is declared as a list of Floats here", StringComparison.Ordinal) && w.Contains("'info_af__float_list'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("FORMAT/AD", StringComparison.Ordinal) && w.Contains("'ad__str'", StringComparison.Ordinal));
    }

    [Fact]
    public void ListsThenScalars_SingleValuesWrappedAndIntegersWidened_IntoTheLakesColumns()
    {
        var lake = Ingest("b", ("two.vcf", Lists), ("one.vcf", Scalars), out var warnings);

        // AF=0.5 (Number=1) goes into the list column as [0.5]; DP=10 (Integer) into the Float column as 10.0.
        Assert.Equal(["100\t[0.5]\t10.0", "200\t.\t7.0", "300\t[0.25, 0.5]\t3.5"],
            LakeReader.Query($"select pos, info_af::varchar, info_dp::varchar from {LakeDump.Table(lake, "variants")} order by pos"));
        Assert.DoesNotContain(warnings, w => w.Contains("INFO/", StringComparison.Ordinal));
        Assert.Equal(["DOUBLE[]\tDOUBLE"], LakeReader.Query($"select distinct typeof(info_af), typeof(info_dp) from {LakeDump.Table(lake, "variants")}"));
    }

    [Fact]
    public void IdsDifferingInCase_KeepTheirFirstNames_InLaterSources()
    {
        const string lower = Contig + "##INFO=<ID=dp,Number=1,Type=Integer,Description=\"lower\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t10\t.\tA\tG\t.\t.\tdp=1\n";
        const string upper = Contig + "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"upper\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t20\t.\tA\tG\t.\t.\tDP=2\n";
        const string lowerAgain = Contig + "##INFO=<ID=dp,Number=1,Type=Integer,Description=\"lower\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t30\t.\tA\tG\t.\t.\tdp=3\n";

        var lake = Ingest("c", ("lower.vcf", lower), ("upper.vcf", upper), out _);
        Ingest("c", ("again.vcf", lowerAgain), out _);

        // Alone, upper.vcf's DP would be info_dp; here info_dp is dp's, in every file.
        Assert.Equal(["10\t1\t.", "20\t.\t2", "30\t3\t."],
            LakeReader.Query($"select pos, info_dp, info_dp_2 from {LakeDump.Table(lake, "variants")} order by pos"));
    }

    [Fact]
    public void LakeWithoutRegistry_ItsFilesColumnsAreReadFirst()
    {
        var lake = Ingest("d", ("one.vcf", Scalars), out _);
        File.Delete(Path.Combine(lake, "_harmony", FieldColumnRegistry.FileName));

        Ingest("d", ("two.vcf", Lists), out var warnings);

        Assert.Contains(warnings, w => w.Contains("'info_af__float_list'", StringComparison.Ordinal));
        Assert.Equal(["100\t0.5\t.", "200\t.\t.", "300\t.\t[0.25, 0.5]"],
            LakeReader.Query($"select pos, info_af, info_af__float_list::varchar from {LakeDump.Table(lake, "variants")} order by pos"));
        var registry = File.ReadAllLines(Path.Combine(lake, "_harmony", FieldColumnRegistry.FileName));
        Assert.Contains("variants\tinfo_af\tAF\tdouble", registry);
        Assert.Contains("variants\tinfo_af__float_list\tAF\tlist<double>", registry);
    }

    [Fact]
    public void TwoAppendingRuns_OnOneLake_PlaceAConflictOnce()
    {
        var path = Path.Combine(_dir, "e");
        var lake = LakeDirectory.Open(path);
        using var first = lake.BeginAppend(TimeSpan.FromSeconds(10));
        using var second = lake.BeginAppend(TimeSpan.FromSeconds(10));
        var reserved = new HashSet<string>(StringComparer.Ordinal);

        // The second has read the registry (registering DP) before the first registers AF.
        second.FieldColumns.Place("variants", [new FieldRequest("DP", FieldColumnType.Int32, "info_dp")], reserved, "two.vcf");
        var a = first.FieldColumns.Place("variants", [new FieldRequest("AF", FieldColumnType.Double, "info_af")], reserved, "one.vcf");
        var b = second.FieldColumns.Place("variants", [new FieldRequest("AF", FieldColumnType.DoubleList, "info_af")], reserved, "two.vcf");
        var again = second.FieldColumns.Place("variants", [new FieldRequest("AF", FieldColumnType.Double, "info_af")], reserved, "three.vcf");

        Assert.Equal(new FieldPlacement("info_af", FieldColumnType.Double, false, false), a[0]);
        Assert.Equal(new FieldPlacement("info_af__float_list", FieldColumnType.DoubleList, false, false), b[0]);
        Assert.Equal(a[0], again[0]);
    }

    private string Ingest(string lakeName, (string Name, string Text) source, out List<string> warnings) =>
        Ingest(lakeName, [source], out warnings);

    private string Ingest(string lakeName, (string Name, string Text) first, (string Name, string Text) second, out List<string> warnings) =>
        Ingest(lakeName, [first, second], out warnings);

    // Each source in a run of its own, as separate jobs would add them.
    private string Ingest(string lakeName, (string Name, string Text)[] sources, out List<string> warnings)
    {
        var lake = Path.Combine(_dir, lakeName);
        var seen = new List<string>();
        foreach (var (name, text) in sources)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, text);
            IngestJob.Run([path], new IngestOptions { LakePath = lake, KeepSampleIds = true, Warning = w => { lock (seen) { seen.Add(w); } } });
        }

        warnings = seen;
        return lake;
    }
}
