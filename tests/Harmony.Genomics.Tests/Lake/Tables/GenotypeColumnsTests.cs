using Apache.Arrow;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class GenotypeColumnsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Fact]
    public void GenotypeTexts_AreRightWhetherCallsRepeatOrAllelesAreTooLargeToPack()
    {
        // 300 ALT alleles: allele 255 and above cannot be packed into the genotype key (255/. and ./0 would collide if
        // it were). The last two records are all single-digit diploid calls, the fast path that remembers the last
        // genotype: a repeat must reuse it, a change of allele or phase must not.
        var alts = string.Join(',', Enumerable.Range(0, 300).Select(i => "<A" + i + ">"));
        var lines = new List<string>
        {
            "##fileformat=VCFv4.2",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\tD",
            $"chr1\t10\t.\tA\t{alts}\t.\tPASS\t.\tGT\t255/.\t./0\t0/1\t0/1",
            $"chr1\t20\t.\tA\t{alts}\t.\tPASS\t.\tGT\t0/1\t0|1\t0|1\t299/255",
            $"chr1\t30\t.\tA\t{alts}\t.\tPASS\t.\tGT\t./0\t255/.\t0/0\t0/1",
            "chr1\t40\t.\tA\tC,G\t.\tPASS\t.\tGT\t0/1\t0/1\t1|0\t./.",
            "chr1\t50\t.\tA\tC,G\t.\tPASS\t.\tGT\t./.\t0|1\t0/1\t0/2",
        };
        var path = Path.Combine(_dir, "x.vcf");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        using var reader = VcfBatchReader.Open(path, new VcfReaderOptions { Threads = 1 }, batchSize: 100);
        var texts = new List<string>();
        while (reader.TryReadBatch(out var batch))
        {
            using (batch)
            {
                var gt = (DictionaryArray)batch.Calls.Column("gt");
                var dictionary = (StringArray)gt.Dictionary;
                var indices = (Int32Array)gt.Indices;
                texts.AddRange(Enumerable.Range(0, gt.Length).Select(i => dictionary.GetString(indices.GetValue(i)!.Value)));
            }
        }

        Assert.Equal(["255/.", "./0", "0/1", "0/1", "0/1", "0|1", "0|1", "299/255", "./0", "255/.", "0/1", "0/1", "0/1", "1|0", "./.", "./.", "0|1", "0/1", "0/2"], texts);
    }

    [Fact]
    public void Batches_ShareTheGenotypeDictionaryAndSchema_UntilANewGenotypeComes()
    {
        // One record a batch: the second repeats the first's genotypes, so its batch reuses the dictionary (and the
        // Parquet encoder its map of it); the third brings 1|1, and with it a dictionary that holds the old texts first.
        var lines = new List<string>
        {
            "##fileformat=VCFv4.2",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB",
            "chr1\t10\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\t0|1",
            "chr1\t20\t.\tA\tC\t.\tPASS\t.\tGT\t0|1\t0/1",
            "chr1\t30\t.\tA\tC\t.\tPASS\t.\tGT\t1|1\t0/1",
        };
        var path = Path.Combine(_dir, "shared.vcf");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        using var reader = VcfBatchReader.Open(path, new VcfReaderOptions { Threads = 1 }, batchSize: 1);
        var dictionaries = new List<StringArray>();
        var schemas = new List<Schema>();
        while (reader.TryReadBatch(out var batch))
        {
            using (batch)
            {
                dictionaries.Add((StringArray)((DictionaryArray)batch.Calls.Column("gt")).Dictionary);
                schemas.Add(batch.Calls.Schema);
            }
        }

        Assert.Equal(3, dictionaries.Count);
        Assert.Same(dictionaries[0], dictionaries[1]);
        Assert.NotSame(dictionaries[1], dictionaries[2]);
        Assert.Equal(["0/1", "0|1"], Enumerable.Range(0, dictionaries[0].Length).Select(i => dictionaries[0].GetString(i)));
        Assert.Equal(["0/1", "0|1", "1|1"], Enumerable.Range(0, dictionaries[2].Length).Select(i => dictionaries[2].GetString(i)));
        Assert.Same(schemas[0], schemas[1]);
        Assert.Same(schemas[1], schemas[2]);
    }

    [Theory]
    [InlineData(false, 0.02)]
    [InlineData(false, 0.3)]
    [InlineData(true, 0.1)]
    public void RandomDiploidMatrix_RowsMatchTheText(bool allCalls, double nonReference)
    {
        // Sample counts around the vector widths (4 and 8 pairs) and their tails; GT-only records, whose other FORMAT
        // columns are filled in bulk, mixed with GT:DP records, which fill them per row.
        var random = new Random(17);
        foreach (var samples in new[] { 1, 3, 4, 7, 8, 9, 16, 17, 63, 130 })
        {
            var names = Enumerable.Range(0, samples).Select(s => "S" + s).ToList();
            var lines = new List<string>
            {
                "##fileformat=VCFv4.2",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
                "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + string.Join('\t', names),
            };
            var expected = new List<string>();
            for (var r = 0; r < 40; r++)
            {
                var withDepth = r % 3 == 0;
                var calls = new List<string>();
                for (var s = 0; s < samples; s++)
                {
                    var gt = random.NextDouble() >= nonReference ? (random.Next(4) == 0 ? "0|0" : "0/0")
                        : random.Next(8) switch { 0 => "./.", 1 => ".|0", 2 => "0/.", 3 => "1|1", 4 => "1/2", 5 => "2|0", _ => "0/1" };
                    calls.Add(withDepth ? $"{gt}:{s}" : gt);
                    var alleles = gt.Split('/', '|');
                    if (allCalls || alleles.Any(a => a != "0"))
                    {
                        var list = string.Join(',', alleles.Select(a => a == "." ? "null" : a));
                        expected.Add($"{r}\t{s}\t{gt}\t[{list}]\t{gt.Contains('|')}\t2\t{(withDepth ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}");
                    }
                }

                lines.Add($"chr1\t{(r + 1) * 10}\t.\tA\tC,G\t.\tPASS\t.\t{(withDepth ? "GT:DP" : "GT")}\t{string.Join('\t', calls)}");
            }

            var path = Path.Combine(_dir, $"m{samples}-{allCalls}.vcf");
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            using var reader = VcfBatchReader.Open(path, new VcfReaderOptions { Threads = 1 }, batchSize: 7, allCalls: allCalls);
            var actual = new List<string>();
            while (reader.TryReadBatch(out var batch))
            {
                using (batch)
                {
                    actual.AddRange(Rows(batch.Calls));
                }
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void NonReferenceSamples_OnEveryPath_EqualsTheDefinition()
    {
        var random = new Random(5);
        for (var length = 0; length < 70; length++)
        {
            foreach (var density in new[] { 0.0, 0.05, 0.5, 1.0 })
            {
                var pairs = Enumerable.Range(0, length).Select(_ => random.NextDouble() < density ? (long)random.Next(1, 3) << (random.Next(2) * 32) : 0L).ToArray();
                var expected = Enumerable.Range(0, length).Where(s => pairs[s] != 0).ToArray();
                foreach (var path in new Func<long[], int[], int>[]
                {
                    (p, r) => GenotypeColumns.NonReferenceSamples(p, r),
                    (p, r) => GenotypeColumns.NonReferenceSamplesVector512(p, r),
                    (p, r) => GenotypeColumns.NonReferenceSamplesVector256(p, r),
                    (p, r) => GenotypeColumns.NonReferenceSamplesScalar(p, r, 0, 0),
                })
                {
                    var rows = new int[length];
                    var count = path(pairs, rows);
                    Assert.Equal(expected, rows.Take(count));
                }
            }
        }
    }

    // record_index (from variant_id), sample_index, gt, alleles, phased, ploidy, dp per calls row.
    private static IEnumerable<string> Rows(RecordBatch calls)
    {
        var variant = (Int64Array)calls.Column("variant_id");
        var sample = (Int32Array)calls.Column("sample_index");
        var gt = (DictionaryArray)calls.Column("gt");
        var gtTexts = (StringArray)gt.Dictionary;
        var gtCodes = (Int32Array)gt.Indices;
        var alleles = (ListArray)calls.Column("gt_alleles");
        var alleleValues = (Int32Array)alleles.Values;
        var phased = (BooleanArray)calls.Column("gt_phased");
        var ploidy = (Int32Array)calls.Column("ploidy");
        var dp = (Int32Array)calls.Column("dp");
        for (var i = 0; i < calls.Length; i++)
        {
            var list = Enumerable.Range(alleles.ValueOffsets[i], alleles.GetValueLength(i)).Select(j => alleleValues.IsNull(j) ? "null" : alleleValues.GetValue(j)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return $"{variant.GetValue(i)}\t{sample.GetValue(i)}\t{gtTexts.GetString(gtCodes.GetValue(i)!.Value)}\t[{string.Join(',', list)}]\t{phased.GetValue(i)}\t{ploidy.GetValue(i)}\t{(dp.IsNull(i) ? "null" : dp.GetValue(i)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        }
    }
}
