using System.Globalization;
using System.Text;
using Harmony.Genomics.Cli;
using Harmony.Genomics.Compute.Cohort;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Engine.Qc;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Tests.Compute.Kernels;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Engine.Qc;

/// <summary>
/// The fingerprint panel chosen in DuckDB and streamed into packed genotypes equals the panel the full in-memory
/// load chose (<see cref="ReferenceFingerprintPanel"/>), bit for bit, including where sources share samples.
/// </summary>
public sealed class LakeFingerprintsTests : IDisposable
{
    private const string Key = "a fingerprint test key of enough bytes";
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    private static void AssertSamePanel(string lake, int maxSnps)
    {
        var reference = ReferenceFingerprintPanel.Choose(LakeGenotypes.Load(lake, "default", CancellationToken.None), maxSnps, out var panelSize);
        var streamed = LakeFingerprints.Load(lake, "default", maxSnps, CancellationToken.None);
        Assert.Equal(LakeGenotypes.Load(lake, "default", CancellationToken.None).Samples, streamed.Samples);
        Assert.Equal(panelSize, streamed.Packed.Snps);
        Assert.True(panelSize > 0);
        Assert.Equal(reference.Words, streamed.Packed.Words);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100)]
    [InlineData(7)]
    public void DemoCohortPanelEqualsTheFullLoad(int maxSnps)
    {
        var lake = Path.Combine(_dir, "lake");
        IngestJob.Run([TestPaths.TestData("demo/cohort-germline.vcf.gz")], new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 1 });
        AssertSamePanel(lake, maxSnps);
    }

    /// <summary>
    /// A sites-only source first (its variants are the first of their sites but call nobody), two sources that share
    /// five samples and overlap in sites (the earlier source's call wins, unless it is missing or not diploid), one
    /// with duplicate records of a site, and a source of other samples at the same sites.
    /// </summary>
    [Theory]
    [InlineData(false, 10_000)]
    [InlineData(false, 37)]
    [InlineData(true, 10_000)]
    public void SharedSamplesAndRepeatedSitesMatchTheFullLoad(bool allCalls, int maxSnps)
    {
        var lake = Path.Combine(_dir, "lake");
        var files = new[]
        {
            Write("d.vcf", Vcf([], Enumerable.Range(0, 50), seed: 1, extras: false)),
            Write("a.vcf", Vcf([.. Enumerable.Range(0, 10).Select(i => $"S{i}")], Enumerable.Range(0, 200), seed: 2, extras: true)),
            Write("b.vcf", Vcf([.. Enumerable.Range(5, 10).Select(i => $"S{i}")], Enumerable.Range(100, 200), seed: 3, extras: true)),
            Write("c.vcf", Vcf([.. Enumerable.Range(0, 5).Select(i => $"T{i}")], Enumerable.Range(0, 300), seed: 4, extras: false)),
        };
        IngestJob.Run(files, new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 1, AllCalls = allCalls });
        AssertSamePanel(lake, maxSnps);
    }

    /// <summary>
    /// Two sources with one file name (patient folders each holding a calls.vcf): each variant's samples are those of
    /// its own source (samples.source_ordinal), not those of every source of that name, which made the other folder's
    /// samples hom-ref at its sites.
    /// </summary>
    [Fact]
    public void SourcesSharingAFileName_EachVariantHasItsOwnSourcesSamples()
    {
        var lake = Path.Combine(_dir, "lake");
        Directory.CreateDirectory(Path.Combine(_dir, "x"));
        Directory.CreateDirectory(Path.Combine(_dir, "y"));
        var files = new[]
        {
            Write("x/calls.vcf", Vcf([.. Enumerable.Range(0, 10).Select(i => $"S{i}")], Enumerable.Range(0, 200), seed: 2, extras: false)),
            Write("y/calls.vcf", Vcf([.. Enumerable.Range(0, 5).Select(i => $"T{i}")], Enumerable.Range(0, 200), seed: 4, extras: false)),
        };
        IngestJob.Run(files, new IngestOptions { LakePath = lake, KeepSampleIds = true, Threads = 1 });

        using (var connection = LakeQuery.Connect(lake))
        {
            Assert.Equal(2L, LakeQuery.Rows(connection, "select count(distinct source_ordinal) from samples where source_file = 'calls.vcf'")[0][0]);
        }

        var loaded = LakeGenotypes.Load(lake, "default", CancellationToken.None);
        var matrix = loaded.Matrix;
        var firstSource = loaded.VariantIds.Min() >> Harmony.Genomics.Lake.Tables.LakeColumns.RecordIndexBits;
        for (var v = 0; v < matrix.Variants; v++)
        {
            var ofFirst = loaded.VariantIds[v] >> Harmony.Genomics.Lake.Tables.LakeColumns.RecordIndexBits == firstSource;
            for (var s = 0; s < matrix.Samples; s++)
            {
                var own = loaded.Samples[s].StartsWith(ofFirst ? 'S' : 'T');
                Assert.True(own == (matrix.Alleles[matrix.Index(v, 0, s)] != GenotypeMatrix.Absent), $"variant {loaded.VariantIds[v]}, sample {loaded.Samples[s]}");
            }
        }

        AssertSamePanel(lake, 10_000);
    }

    [Fact]
    public void PlantedPairsAreFoundThroughTheLakeUnderTwoPseudonyms()
    {
        // 24 unrelated samples and a child of sample 1 in one file; sample 0's second specimen (1% of genotypes
        // differ) under another name in a second file, as a duplicate enrolment would arrive.
        var (dosages, samples, snps) = FingerprintKernelTests.PlantedCohort(11);
        var main = Enumerable.Range(0, samples).Where(s => s != samples - 2).ToArray();
        var first = Write("cohort.vcf", PlantedVcf(dosages, snps, main, s => s == samples - 1 ? "CHILD-OF-P1" : $"P{s}"));
        var second = Write("reenrolled.vcf", PlantedVcf(dosages, snps, [samples - 2], _ => "P0-SECOND-ENROLMENT"));
        var lake = Path.Combine(_dir, "lake");
        var keyFile = Write("key", Key);
        Assert.Equal(0, Cli("ingest", first, second, "--lake", lake, "--key-file", keyFile).Code);
        var run = Cli("fingerprint", lake, "--device", "cpu");
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("1 duplicate and 1 first-degree pairs", run.Out, StringComparison.Ordinal);

        var pseudonyms = SamplePseudonymizer.FromOptions(false, keyFile, _ => null);
        using var connection = LakeQuery.Connect(lake);
        var pairs = LakeQuery.Rows(connection, "select sample_a, sample_b, relationship, n_snps from sample_pairs order by relationship")
            .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Equal(Pair(pseudonyms.Pseudonymize("P0"), pseudonyms.Pseudonymize("P0-SECOND-ENROLMENT"), "duplicate"), pairs[0]);
        Assert.Equal(Pair(pseudonyms.Pseudonymize("P1"), pseudonyms.Pseudonymize("CHILD-OF-P1"), "first_degree"), pairs[1]);
        Assert.Empty(LakeQuery.Rows(connection, "select * from sample_pairs where sample_a like 'P%' or sample_b like 'P%' or sample_b like 'CHILD%'"));
    }

    /// <summary>
    /// Single-sample files that list only the sites where their sample carries an ALT allele (tumour VCFs): two
    /// unrelated samples share only sites both carry, which KING-robust read as duplicates; such samples are left out,
    /// with a warning, and a genotyped file of the same people still pairs them.
    /// </summary>
    [Fact]
    public void VariantOnlyFiles_AreLeftOutInsteadOfCalledDuplicates()
    {
        var (dosages, samples, snps) = FingerprintKernelTests.PlantedCohort(11);
        string VariantOnly(int s) => string.Concat(PlantedVcf(dosages, snps, [s], _ => $"TUMOUR{s}").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.EndsWith("\t0/0", StringComparison.Ordinal)).Select(l => l + "\n"));
        var lake = Path.Combine(_dir, "lake");
        var files = new List<string>();
        for (var s = 2; s < 8; s++)
        {
            files.Add(Write($"tumour{s}.vcf", VariantOnly(s)));
        }

        files.Add(Write("panel.vcf", PlantedVcf(dosages, snps, [0, samples - 2], s => s == 0 ? "P0" : "P0-AGAIN")));
        Assert.Equal(0, Cli([.. new[] { "ingest" }.Concat(files), "--lake", lake, "--keep-sample-ids"]).Code);

        var run = Cli("fingerprint", lake, "--device", "cpu");

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("6 of 8 samples left out (TUMOUR2, TUMOUR3, TUMOUR4, TUMOUR5, TUMOUR6, ...)", run.Err, StringComparison.Ordinal);
        Assert.Contains("1 duplicate and 0 first-degree pairs", run.Out, StringComparison.Ordinal);
        using var connection = LakeQuery.Connect(lake);
        Assert.Equal(["P0|P0-AGAIN|duplicate"], LakeQuery.Rows(connection, "select sample_a, sample_b, relationship from sample_pairs").Select(r => string.Join('|', r)));
    }

    private static (string, string, string) Pair(string a, string b, string relationship) =>
        string.CompareOrdinal(a, b) < 0 ? (a, b, relationship) : (b, a, relationship);

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Header = "##fileformat=VCFv4.2\n##contig=<ID=chr1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n";

    private static string PlantedVcf(sbyte[] dosages, int snps, int[] samples, Func<int, string> name)
    {
        var text = new StringBuilder(Header).Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        foreach (var s in samples)
        {
            text.Append('\t').Append(name(s));
        }

        text.Append('\n');
        for (var j = 0; j < snps; j++)
        {
            text.Append(CultureInfo.InvariantCulture, $"chr1\t{1000 + (j * 100)}\t.\tA\tG\t.\tPASS\t.\tGT");
            foreach (var s in samples)
            {
                text.Append('\t').Append(dosages[(s * snps) + j] switch { 0 => "0/0", 1 => "0/1", 2 => "1/1", _ => "./." });
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // Sites chr1:(10·p) with REF/ALT from p, so files agree on sites; genotypes drawn at a per-site frequency. Extras:
    // missing, haploid and triploid calls, an indel and a multi-allelic record, and a second record of every 17th site.
    private static string Vcf(string[] samples, IEnumerable<int> positions, int seed, bool extras)
    {
        const string bases = "ACGT";
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        if (samples.Length > 0)
        {
            text.Append("\tFORMAT\t").AppendJoin('\t', samples);
        }

        text.Append('\n');
        foreach (var p in positions)
        {
            var reference = bases[p % 4];
            var alt = bases[(p / 4 % 3 + 1 + (p % 4)) % 4];
            var frequency = p % 23 == 0 ? 0.0 : 0.1 + (p % 7 * 0.1);
            for (var copy = 0; copy < (extras && p % 17 == 0 ? 2 : 1); copy++)
            {
                text.Append(CultureInfo.InvariantCulture, $"chr1\t{10 * (p + 1)}\t.\t{reference}\t{alt}\t.\tPASS\t.");
                AppendCalls(text, samples, random, frequency, extras, p % 11 == 0 ? 0.6 : 0.05);
            }

            if (extras && p % 13 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"chr1\t{10 * (p + 1)}\t.\t{reference}T\t{reference}\t.\tPASS\t.");
                AppendCalls(text, samples, random, 0.4, extras, 0.05);
                text.Append(CultureInfo.InvariantCulture, $"chr1\t{10 * (p + 1)}\t.\t{reference}\t{alt},{bases[(bases.IndexOf(alt) + 1) % 4] switch { var b when b == reference => bases[(bases.IndexOf(alt) + 2) % 4], var b => b }}\t.\tPASS\t.");
                AppendCalls(text, samples, random, 0.4, extras, 0.05);
            }
        }

        return text.ToString();
    }

    private static void AppendCalls(StringBuilder text, string[] samples, Random random, double frequency, bool extras, double missing)
    {
        if (samples.Length > 0)
        {
            text.Append("\tGT");
        }

        foreach (var _ in samples)
        {
            string Allele() => random.NextDouble() < frequency ? "1" : "0";
            var roll = random.NextDouble();
            text.Append('\t').Append(
                roll < missing ? (random.Next(2) == 0 ? "./." : "./1")
                : extras && roll < missing + 0.03 ? Allele()
                : extras && roll < missing + 0.05 ? $"{Allele()}/{Allele()}/{Allele()}"
                : $"{Allele()}/{Allele()}");
        }

        text.Append('\n');
    }
}
