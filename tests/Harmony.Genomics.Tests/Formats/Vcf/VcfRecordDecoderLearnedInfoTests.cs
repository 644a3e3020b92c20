using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// INFO read by the keys of the last column decoded in full must give exactly what the general reader gives: the same
/// entries, values, END spans and warnings for every line, and the same error for every line it hands back.
/// </summary>
public sealed class VcfRecordDecoderLearnedInfoTests
{
    private const string Header = """
        ##fileformat=VCFv4.3
        ##contig=<ID=chr1,length=248956422>
        ##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
        ##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##INFO=<ID=DP4,Number=4,Type=Integer,Description="Strand depths">
        ##INFO=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##INFO=<ID=MQ,Number=.,Type=Integer,Description="Any number of integers">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
        ##INFO=<ID=GN,Number=1,Type=String,Description="Gene">
        ##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequences">
        ##INFO=<ID=CH,Number=1,Type=Character,Description="A character">
        ##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">
        ##INFO=<ID=END,Number=1,Type=Integer,Description="End">
        ##INFO=<ID=PL,Number=G,Type=Integer,Description="Likelihoods">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
        """;

    private static readonly string[] Keys = ["AC", "AN", "DP", "DP4", "AD", "MQ", "AF", "GN", "CSQ", "CH", "DB", "END", "PL"];

    // Lines of one file mostly repeat a key order, as real files do, and some lines break it: keys dropped, moved, added,
    // repeated, undeclared or misspelt (DP for DP4), values missing, empty, signed, too long, of the wrong count, a Flag
    // with a value, a trailing or doubled ';', END before POS. The two decoders see the same lines in the same order, so
    // what the learned reader learns from each line is tested too.
    [Fact]
    public void RandomInfoColumns_DecodeAsTheGeneralReaderDoes()
    {
        var random = new Random(20261202);
        var warningsLearned = new List<string>();
        var warningsGeneral = new List<string>();
        var learned = new VcfRecordDecoder(ReadHeader(), "test.vcf", strict: false, warning: warningsLearned.Add);
        var general = new VcfRecordDecoder(ReadHeader(), "test.vcf", strict: false, warning: warningsGeneral.Add) { LearnedInfoKeys = false };
        var order = NewOrder(random);
        var (accepted, rejected) = (0, 0);
        for (var n = 0; n < 6000; n++)
        {
            if (random.Next(40) == 0)
            {
                order = NewOrder(random);
            }

            var alts = random.Next(1, 4);
            var pos = random.Next(100, 1000);
            var info = InfoColumn(random, order, alts, pos);
            var line = $"chr1\t{pos}\t.\tA\t{string.Join(',', new[] { "C", "G", "T" }.Take(alts))}\t50\tPASS\t{info}";
            var bytes = Encoding.UTF8.GetBytes(line);
            var a = DecodedLine.Decode(learned, bytes, out var errorA);
            var b = DecodedLine.Decode(general, bytes, out var errorB);
            Assert.True(errorA == errorB, $"line: {line}\nlearned: {errorA}\ngeneral: {errorB}");
            if (errorA is null)
            {
                accepted++;
                Assert.True(VcfRecordText.Describe(a) == VcfRecordText.Describe(b), $"line: {line}\nlearned: {VcfRecordText.Describe(a)}\ngeneral: {VcfRecordText.Describe(b)}");
            }
            else
            {
                rejected++;
            }
        }

        Assert.Equal(warningsGeneral, warningsLearned);

        // Both kinds of line were met often enough for the comparison to mean something, and warnings were raised.
        Assert.True(accepted > 3000, $"{accepted} accepted");
        Assert.True(rejected > 500, $"{rejected} rejected");
        Assert.NotEmpty(warningsLearned);

        // And most accepted lines were read by the learned keys, not handed back.
        Assert.True(learned.InfoReadByLearnedKeys > accepted / 2, $"{learned.InfoReadByLearnedKeys} of {accepted} read by the learned keys");
        Assert.Equal(0, general.InfoReadByLearnedKeys);
    }

    // Every VCF the tests carry (bcftools' test suite, the caller, leukaemia and demo files) and htslib's test files
    // where installed, read whole with and without the learned keys: the same records, rejections and warnings.
    [Fact]
    public void CorpusFiles_ReadAsTheGeneralReaderReadsThem()
    {
        var files = BcfFixtures.ConformanceVcfs()
            .Concat(new[] { "leukemia", "leukemia-structural", "callers", "demo" }.SelectMany(d => Directory.EnumerateFiles(TestPaths.TestData(d), "*.vcf*", SearchOption.AllDirectories)))
            .Concat(Directory.Exists("/usr/share/htslib-test/test") ? Directory.EnumerateFiles("/usr/share/htslib-test/test", "*.vcf*", SearchOption.AllDirectories) : [])
            .Where(f => f.EndsWith(".vcf", StringComparison.Ordinal) || f.EndsWith(".vcf.gz", StringComparison.Ordinal))
            .ToList();
        var failures = new List<string>();
        long infoRecords = 0;
        foreach (var file in files)
        {
            var (withKeys, records) = Read(file, learnedInfoKeys: true);
            var (without, _) = Read(file, learnedInfoKeys: false);
            infoRecords += records;
            var first = Enumerable.Range(0, Math.Max(withKeys.Count, without.Count))
                .FirstOrDefault(i => i >= withKeys.Count || i >= without.Count || withKeys[i] != without[i], -1);
            if (first >= 0)
            {
                failures.Add($"{file}: entry {first}\n  learned: {(first < withKeys.Count ? withKeys[first] : "<none>")}\n  general: {(first < without.Count ? without[first] : "<none>")}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ:\n{string.Join('\n', failures.Take(5))}");
        Assert.True(files.Count > 250, $"{files.Count} files");
        Assert.True(infoRecords > 5000, $"{infoRecords} records with INFO entries");
    }

    private static (List<string> Lines, long InfoRecords) Read(string file, bool learnedInfoKeys)
    {
        var lines = new List<string>();
        var options = new VcfReaderOptions { Threads = 1, LearnedInfoKeys = learnedInfoKeys, Warning = w => lines.Add("warning: " + w) };
        long infoRecords = 0;
        try
        {
            using var reader = VcfReader.Open(file, options);
            var record = new VcfRecord();
            while (reader.ReadOrReject(record, out var rejected))
            {
                infoRecords += record.Info.Count > 0 ? 1 : 0;
                lines.Add(rejected is null ? VcfRecordText.Describe(record) : $"rejected: {rejected.Message}");
            }
        }
        catch (HarmonyException e)
        {
            lines.Add("error: " + e.Message);
        }

        return (lines, infoRecords);
    }

    private static VcfHeader ReadHeader()
    {
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(Header + "\n")), "test.vcf", new VcfReaderOptions { Threads = 1 });
        return reader.Header;
    }

    private static List<string> NewOrder(Random random) =>
        [.. Keys.Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next())];

    private static string InfoColumn(Random random, List<string> order, int alts, int pos)
    {
        var keys = new List<string>(order);
        if (random.Next(6) == 0)
        {
            // A fault in the order: a key dropped, moved, repeated, added or undeclared.
            var k = keys.Count == 0 ? 0 : random.Next(keys.Count);
            switch (random.Next(5))
            {
                case 0 when keys.Count > 0: keys.RemoveAt(k); break;
                case 1 when keys.Count > 1: (keys[0], keys[k]) = (keys[k], keys[0]); break;
                case 2 when keys.Count > 0: keys.Add(keys[k]); break;
                case 3: keys.Insert(k, Keys[random.Next(Keys.Length)]); break;
                default: keys.Insert(k, random.Next(2) == 0 ? "NEW" : "XF"); break;
            }
        }

        if (keys.Count == 0)
        {
            return ".";
        }

        var entries = keys.Select(key => Entry(random, key, alts, pos)).ToList();
        var text = string.Join(';', entries);
        return random.Next(30) switch
        {
            0 => text + ";",
            1 => text.Replace(";", ";;", StringComparison.Ordinal),
            _ => text,
        };
    }

    private static string Entry(Random random, string key, int alts, int pos)
    {
        var fault = random.Next(12) == 0;
        if (key is "DB" or "XF")
        {
            return fault ? key + "=1" : key;
        }

        var count = key switch
        {
            "AC" or "AF" => alts,
            "AD" => alts + 1,
            "DP4" => 4,
            "MQ" or "CSQ" => random.Next(1, 4),
            "PL" => (alts + 1) * (alts + 2) / 2,
            _ => 1,
        };
        if (fault && random.Next(2) == 0)
        {
            count += random.Next(2) == 0 ? 1 : -1;
        }

        var elements = Enumerable.Range(0, Math.Max(count, 0)).Select(_ => Element(random, key, pos, fault));
        var value = random.Next(25) == 0 ? "." : string.Join(',', elements);
        return $"{key}={value}";
    }

    private static string Element(Random random, string key, int pos, bool fault)
    {
        if (random.Next(15) == 0)
        {
            return ".";
        }

        if (fault)
        {
            string[] odd = ["", "+7", "-3", "12345678901", "2147483648", "-2147483648", "1.5", "x", "3:4", "0x1", ".x", ".5"];
            return odd[random.Next(odd.Length)];
        }

        return key switch
        {
            "AF" => (random.Next(1000) / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            "GN" or "NEW" => "GENE" + random.Next(10),
            "CSQ" => "missense|GENE" + random.Next(10),
            "CH" => "ACGT"[random.Next(4)].ToString(),
            "END" => (pos + random.Next(-5, 500)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => random.Next(0, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
