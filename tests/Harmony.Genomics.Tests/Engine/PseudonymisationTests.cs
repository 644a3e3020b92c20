using System.Text;
using System.Text.RegularExpressions;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine;

/// <summary>
/// Raw identifiers planted in sample names, header lines, paths and the file name must not reach any byte of the lake
/// (or the console) when pseudonymising with a key.
/// </summary>
public sealed partial class PseudonymisationTests : IDisposable
{
    private const string Patient = "PATIENT_JOHN_DOE_1970";
    private const string Patient2 = "PATIENT_JANE_ROE_1980";

    // Searched case-insensitively in every byte (Latin-1 view) and in decoded text.
    private static readonly string[] Planted =
    [
        Patient, Patient2, "JOHN_DOE", "JANE_ROE", "John Doe", "jdoe", "hospital-x", "/home/", "20240101", "Tue Jan 1 2024",
        "HaplotypeCaller", "bcftools_view",
    ];

    private static readonly string Vcf = PlantedVcf(descriptionsNameSamples: true);

    private static string PlantedVcf(bool descriptionsNameSamples) => (
        "##fileformat=VCFv4.3\n" +
        "##fileDate=20240101\n" +
        "##reference=file:///data/hospital-x.example.org/ref.fa\n" +
        "##contig=<ID=chr1,length=1000>\n" +
        $"##SAMPLE=<ID={Patient},Description=\"John Doe, born 1970, hospital-x\">\n" +
        $"##SAMPLE=<ID={Patient2},Description=\"Jane Roe\">\n" +
        $"##GATKCommandLine=<ID=x,CommandLine=\"HaplotypeCaller -I /home/jdoe/{Patient}.bam -O /home/jdoe/out.vcf\",Date=\"Tue Jan 1 2024\">\n" +
        "##bcftools_viewCommand=view /home/jdoe/x.vcf; Date=Tue Jan 1 2024\n" +
        $"##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth, first seen in {Patient}\">\n" +
        $"##FILTER=<ID=q10,Description=\"Low quality in {Patient2}\">\n" +
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
        $"##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths of {Patient}\">\n" +
        $"##PEDIGREE=<ID={Patient},Mother={Patient2}>\n" +
        $"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{Patient}\t{Patient2}\n" +
        "chr1\t100\t.\tA\tC\t10\tPASS\tDP=5\tGT:AD\t0/1:3,2\t1/1:0,4\n" +
        "chr1\t200\t.\tG\tT\t20\tq10\tDP=6\tGT:AD\t0|1:1,1\t0/0:5,0\n")
        .Replace("first seen in " + Patient, descriptionsNameSamples ? "first seen in " + Patient : "first seen in sample one", StringComparison.Ordinal)
        .Replace("depths of " + Patient, descriptionsNameSamples ? "depths of " + Patient : "depths", StringComparison.Ordinal)
        .Replace("quality in " + Patient2, descriptionsNameSamples ? "quality in " + Patient2 : "quality", StringComparison.Ordinal);

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private (string Lake, ProcessResult Result) IngestPlanted(string keyFile, string lakeName = "lake", string fileName = Patient + ".vcf", bool descriptionsNameSamples = true)
    {
        var inputDir = Path.Combine(_dir, "hospital-x.example.org", "jdoe");
        Directory.CreateDirectory(inputDir);
        var input = Path.Combine(inputDir, fileName);
        File.WriteAllText(input, PlantedVcf(descriptionsNameSamples));
        var lake = Path.Combine(_dir, lakeName);
        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--key-file", keyFile);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return (lake, result);
    }

    [Fact]
    public void KeyedIngest_NoPlantedIdentifierInAnyByteOfTheLake() => AssertNoPlantedIdentifierInLake(Patient + ".vcf");

    [Fact]
    public void KeyedIngest_DescriptionsNamingSamples_NeutralFileName_NoPlantedIdentifierInAnyByteOfTheLake() => AssertNoPlantedIdentifierInLake("input.vcf", true);

    /// <summary>
    /// Everything else planted (sample names, SAMPLE/PEDIGREE/command/date/reference lines, a directory path naming the
    /// person and host) with a neutral file name and descriptions that do not name samples.
    /// </summary>
    [Fact]
    public void KeyedIngest_NeutralFileNameAndDescriptions_NoPlantedIdentifierInAnyByteOfTheLake() => AssertNoPlantedIdentifierInLake("input.vcf", false);

    private void AssertNoPlantedIdentifierInLake(string fileName, bool descriptionsNameSamples = true)
    {
        var (lake, _) = IngestPlanted(HarmonyCli.WriteKeyFile(_dir), fileName: fileName, descriptionsNameSamples: descriptionsNameSamples);

        // Not vacuous: the lake holds the data, pseudonymised.
        Assert.Equal(["2"], LakeReader.Query($"select count(*) from {LakeDump.Table(lake, "variants")}"));
        var samples = LakeReader.Query($"select sample from {LakeDump.Table(lake, "samples")} order by sample_index");
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s => Assert.Matches(PseudonymPattern(), s));
        AssertNoPlantedIdentifierIn(lake);
    }

    // File names joined to sample names by '_' (SAMPLE_sorted.bam), relative paths, a reference named after the
    // patient, option values attached to their options (--lake=DIR, --key-file:FILE, -sNAME), and a second VCF's
    // header among the records, rejected in lenient mode with its lines stored.
    [Fact]
    public void KeyedLenientIngest_NamesInFileNamesAttachedOptionValuesAndAConcatenatedHeader_NoPlantedIdentifierInAnyByteOfTheLake()
    {
        var key = HarmonyCli.WriteKeyFile(_dir);
        var ownHeader =
            "##fileformat=VCFv4.3\n" +
            $"##reference={Patient}.fa\n" +
            $"##assembly={Patient}\n" +
            $"##source=Mutect2 {Patient}_sorted.bam\n" +
            "##contig=<ID=chr1,length=1000>\n" +
            $"##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth from {Patient}_sorted.bam in data/hospital-x/aln\">\n" +
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
            $"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{Patient}\n";
        var otherHeader =
            "##fileformat=VCFv4.3\n" +
            $"##SAMPLE=<ID={Patient2},Description=\"Jane Roe\">\n" +
            $"##tumor_sample={Patient2}\n" +
            $"##GATKCommandLine=<ID=x,CommandLine=\"HaplotypeCaller -I /home/jdoe/{Patient2}.bam\">\n" +
            $"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{Patient2}\n";
        var input = Path.Combine(_dir, "input.vcf");
        File.WriteAllText(input, ownHeader + "chr1\t100\t.\tA\tC\t10\tPASS\tDP=5\tGT\t0/1\n" + otherHeader + "chr1\t200\t.\tG\tT\t20\tPASS\tDP=6\tGT\t1/1\n");
        var lake = Path.Combine(_dir, "jdoe-lake");

        var result = HarmonyCli.Run("ingest", input, "--lake=" + lake, "--key-file:" + key, "--lenient", "-s" + Patient);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["2"], LakeReader.Query($"select count(*) from {LakeDump.Table(lake, "variants")}"));
        Assert.Equal(
            ["##fileformat=[removed]", "##SAMPLE=[removed]", "##tumor_sample=[removed]", "##GATKCommandLine=[removed]", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t[sample names removed]"],
            LakeReader.Query($"select text from {LakeDump.Table(lake, "rejected")} order by line_number").Select(t => t.Replace("\\t", "\t", StringComparison.Ordinal)));
        AssertNoPlantedIdentifierIn(lake);
    }

    private static void AssertNoPlantedIdentifierIn(string lake)
    {
        var findings = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(lake, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(lake, entry);
            Check($"path {relative}", relative, findings);
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } target)
            {
                Check($"link target of {relative}", target, findings);
            }
            else if (File.Exists(entry))
            {
                Check($"bytes of {relative}", Encoding.Latin1.GetString(File.ReadAllBytes(entry)), findings);
                if (entry.EndsWith(".parquet", StringComparison.Ordinal))
                {
                    CheckParquet(entry, relative, findings);
                }
            }
        }

        foreach (var table in LakeDump.Tables)
        {
            Check($"table {table}", LakeDump.DumpTable(lake, table), findings);
        }

        Assert.True(findings.Count == 0, "raw identifiers in the lake:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void KeyedIngest_NoPlantedIdentifierInConsoleOutput()
    {
        var (_, result) = IngestPlanted(HarmonyCli.WriteKeyFile(_dir));

        var findings = new List<string>();
        Check("stdout", result.StandardOutput, findings);
        Check("stderr", result.StandardError, findings);
        Assert.True(findings.Count == 0, "raw identifiers on the console:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void NoKey_NoKeepSampleIds_FailsMentioningKeyFile()
    {
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Vcf);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.RunChild(["ingest", input, "--lake", lake], environment: new Dictionary<string, string?> { ["HARMONY_PSEUDONYM_KEY"] = null });

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains("--key-file", result.StandardError, StringComparison.Ordinal);
        Assert.False(LakeDump.AnyTableVisible(lake));
    }

    [Fact]
    public void KeyFromEnvironment_IsUsed_AndEqualsTheSameKeyFromAFile()
    {
        const string key = "0123456789abcdef0123456789abcdef";
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Vcf);
        var envLake = Path.Combine(_dir, "env-lake");
        var fileLake = Path.Combine(_dir, "file-lake");

        var env = HarmonyCli.RunChild(["ingest", input, "--lake", envLake], environment: new Dictionary<string, string?> { ["HARMONY_PSEUDONYM_KEY"] = key });
        var file = HarmonyCli.Run("ingest", input, "--lake", fileLake, "--key-file", HarmonyCli.WriteKeyFile(_dir, key: key));

        Assert.True(env.ExitCode == 0, env.StandardError);
        Assert.True(file.ExitCode == 0, file.StandardError);
        Assert.Equal(Pseudonyms(fileLake), Pseudonyms(envLake));
    }

    [Fact]
    public void ShortKey_IsRefused()
    {
        var input = Path.Combine(_dir, "in.vcf");
        File.WriteAllText(input, Vcf);
        var lake = Path.Combine(_dir, "lake");

        var result = HarmonyCli.Run("ingest", input, "--lake", lake, "--key-file", HarmonyCli.WriteKeyFile(_dir, key: "short"));

        Assert.Equal(1, result.ExitCode);
        Assert.False(LakeDump.AnyTableVisible(lake));
    }

    [Fact]
    public void SameKey_SamePseudonymsAcrossLakes_DifferentKey_Different()
    {
        var key = HarmonyCli.WriteKeyFile(_dir, "a.key");
        var (lake1, _) = IngestPlanted(key, "lake1");
        var (lake2, _) = IngestPlanted(key, "lake2");
        var (lake3, _) = IngestPlanted(HarmonyCli.WriteKeyFile(_dir, "b.key"), "lake3");

        var p1 = Pseudonyms(lake1);
        var p2 = Pseudonyms(lake2);
        var p3 = Pseudonyms(lake3);

        Assert.Equal(p1, p2);
        Assert.Equal(3, p1.Count); // two samples and the source file
        Assert.Empty(p1.Intersect(p3));
        Assert.All(p1.Concat(p3), p => Assert.Matches(PseudonymPattern(), p));
        Assert.Equal(LakeDump.Content(lake1), LakeDump.Content(lake2));

        // Calls join to samples through the pseudonym.
        Assert.Equal(["3"], LakeReader.Query(
            $"select count(*) from {LakeDump.Table(lake1, "calls")} c join {LakeDump.Table(lake1, "samples")} s using (sample)"));
    }

    /// <summary>The sample pseudonyms in column order, then the source_file pseudonym.</summary>
    private static List<string> Pseudonyms(string lake)
    {
        var list = LakeReader.Query($"select sample from {LakeDump.Table(lake, "samples")} order by sample_index");
        list.AddRange(LakeReader.Query($"select distinct source_file from {LakeDump.Table(lake, "variants")}"));
        return list;
    }

    private static void CheckParquet(string file, string relative, List<string> findings)
    {
        var kv = LakeReader.Query($"select decode(key), decode(value) from parquet_kv_metadata({LakeReader.Literal(file)})");
        foreach (var row in kv)
        {
            Check($"kv metadata of {relative}", row, findings);
            var tab = row.IndexOf('\t', StringComparison.Ordinal);
            if (row[..tab] == "ARROW:schema")
            {
                var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(row[(tab + 1)..]));
                Check($"ARROW:schema (base64-decoded) of {relative}", decoded, findings);
            }
        }

        Check($"parquet schema of {relative}", string.Join('\n', LakeReader.Query($"select name from parquet_schema({LakeReader.Literal(file)})")), findings);
    }

    private static void Check(string where, string text, List<string> findings)
    {
        foreach (var planted in Planted)
        {
            var i = text.IndexOf(planted, StringComparison.OrdinalIgnoreCase);
            if (i >= 0)
            {
                var from = Math.Max(0, i - 60);
                var context = text.Substring(from, Math.Min(text.Length - from, planted.Length + 120)).Replace('\n', ' ');
                findings.Add($"{where}: '{planted}' in …{Regex.Replace(context, @"[^\x20-\x7e]", "?")}…");
            }
        }
    }

    [GeneratedRegex("^hs_[0-9a-f]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudonymPattern();
}
