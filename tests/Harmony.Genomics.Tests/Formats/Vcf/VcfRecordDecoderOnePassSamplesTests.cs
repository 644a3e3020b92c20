using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// The one-pass reader of GT + Integer/Float/String sample columns must give exactly what the general path gives: the same
/// values, genotypes and phasing for every line it takes, and the same error for every line it hands back.
/// </summary>
public sealed class VcfRecordDecoderOnePassSamplesTests
{
    private const int Samples = 4;

    private const string Header = """
        ##fileformat=VCFv4.3
        ##contig=<ID=chr1,length=248956422>
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">
        ##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Phred-scaled likelihoods">
        ##FORMAT=<ID=MQ,Number=.,Type=Integer,Description="Any number of integers">
        ##FORMAT=<ID=GL,Number=G,Type=Float,Description="Genotype likelihoods">
        ##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions">
        ##FORMAT=<ID=PGT,Number=1,Type=String,Description="Phasing haplotype">
        ##FORMAT=<ID=NAMES,Number=.,Type=String,Description="Any number of strings">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT
        """;

    private static readonly string[] Formats = ["GT:AD:DP:GQ", "GT:AD:DP:GQ:PL", "GT:DP", "GT:MQ:DP", "GT:AD:GL", "GT:PL", "GT:AD:AF:DP", "GT:AD:DP:GQ:PGT:PL", "GT:NAMES:DP"];

    // 1 sample: every value among the line's last bytes, read from the word that ends the line; 4 samples: every sample
    // near the end of the line; 24: long runs of plain samples for the integer loop, broken wherever a sample is not plain.
    [Theory]
    [InlineData(1)]
    [InlineData(Samples)]
    [InlineData(24)]
    public void RandomLines_DecodeAsTheGeneralPathDoes(int samples)
    {
        var header = ReadHeader(samples);
        var random = new Random(20261129);
        var onePass = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null);
        var general = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null) { OnePassSamples = false };
        var accepted = 0;
        var rejected = 0;
        var onePassWhole = 0;
        for (var n = 0; n < 4000; n++)
        {
            var line = RandomLine(random, samples);
            var bytes = Encoding.UTF8.GetBytes(line);
            var a = DecodedLine.Decode(onePass, bytes, out var errorA);
            var b = DecodedLine.Decode(general, bytes, out var errorB);
            Assert.True(errorA == errorB, $"line: {line}\none-pass: {errorA}\ngeneral: {errorB}");
            if (errorA is not null)
            {
                rejected++;
                continue;
            }

            accepted++;
            onePassWhole += a.UniformPloidy == 2 ? 1 : 0;
            Assert.True(Describe(a) == Describe(b), $"line: {line}\none-pass: {Describe(a)}\ngeneral: {Describe(b)}");
        }

        // Both kinds of line were met often enough for the comparison to mean something.
        Assert.True(accepted > 1000, $"{accepted} accepted");
        Assert.True(rejected > 200, $"{rejected} rejected");

        // And the one-pass reader took whole lines (not only handing them back), as on clean files.
        Assert.True(onePassWhole > 1000, $"{onePassWhole} lines read in one pass");
    }

    // Records of 32 or more ALT alleles share one cached layout slot, for the last such count: a record whose count
    // differs, or whose FORMAT differs, must not be read with a stale layout (an AD of 33 values is right for 32 ALTs and
    // wrong for 33), and lines of many ALTs read in one pass must give what the general path gives.
    [Fact]
    public void ManyAltRecords_InTurn_DecodeAsTheGeneralPathDoes()
    {
        var header = ReadHeader(Samples);
        var onePass = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null);
        var general = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null) { OnePassSamples = false };
        var cases = new (int Alts, string Format, int AdValues)[]
        {
            (32, "GT:AD:DP", 33), (32, "GT:AD:DP", 33), (33, "GT:AD:DP", 33), (33, "GT:AD:DP", 34), (32, "GT:AD:DP", 33),
            (40, "GT:DP:AD", 41), (40, "GT:AD:DP", 41), (40, "GT:AD:DP", 40),
        };
        var rejected = 0;
        foreach (var (alts, format, adValues) in cases)
        {
            var altText = string.Join(',', Enumerable.Range(0, alts).Select(a => "ACGT"[a % 4] + new string('A', (a / 4) + 1)));
            var sample = format == "GT:AD:DP" ? $"0/1:{string.Join(',', Enumerable.Range(1, adValues))}:9" : $"0/1:9:{string.Join(',', Enumerable.Range(1, adValues))}";
            var line = $"chr1\t100\t.\tA\t{altText}\t.\tPASS\t.\t{format}\t{string.Join('\t', Enumerable.Repeat(sample, Samples))}";
            var bytes = Encoding.UTF8.GetBytes(line);
            var a = DecodedLine.Decode(onePass, bytes, out var errorA);
            var b = DecodedLine.Decode(general, bytes, out var errorB);
            Assert.True(errorA == errorB, $"{alts} ALTs, {format}, AD of {adValues}\none-pass: {errorA}\ngeneral: {errorB}");
            if (errorA is null)
            {
                Assert.Equal(Describe(b), Describe(a));
            }
            else
            {
                rejected++;
            }
        }

        // The two ADs one value short of R were refused, by both paths.
        Assert.Equal(2, rejected);
    }

    // Samples of integers read by their shape (32-byte windows, 1-to-4-digit values) against the scalar loop: values of
    // every length from 1 to 6 digits, missing values, signs, dropped fields, extra values, the last samples of a line
    // and windows that reach past it, and lines cut short.
    [Fact]
    public void IntegerSamples_ReadByShape_AsTheScalarLoopReadsThem()
    {
        const int samples = 40;
        var header = ReadHeader(samples);
        var random = new Random(20261201);
        var shaped = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null);
        var scalar = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null) { ShapedSamples = false };
        string[] formats = ["GT:AD:DP:GQ", "GT:DP", "GT:AD:DP:GQ:PL", "GT:PL", "GT:GQ:DP"];
        var accepted = 0;
        for (var n = 0; n < 3000; n++)
        {
            var alts = random.Next(1, 3);
            var format = formats[random.Next(formats.Length)];
            var keys = format.Split(':');
            var noisy = random.Next(4) == 0;
            var columns = Enumerable.Range(0, samples).Select(_ => ShapeSample(random, keys, alts, noisy && random.Next(8) == 0));
            var line = $"chr1\t{random.Next(1, 100000)}\t.\tA\t{string.Join(',', new[] { "C", "G" }.Take(alts))}\t.\tPASS\t.\t{format}\t{string.Join('\t', columns)}";
            if (random.Next(50) == 0)
            {
                line = line[..random.Next(line.Length / 2, line.Length)];
            }

            var bytes = Encoding.UTF8.GetBytes(line);
            var a = DecodedLine.Decode(shaped, bytes, out var errorA);
            var b = DecodedLine.Decode(scalar, bytes, out var errorB);
            Assert.True(errorA == errorB, $"line: {line}\nshaped: {errorA}\nscalar: {errorB}");
            if (errorA is null)
            {
                accepted++;
                Assert.True(Describe(a) == Describe(b), $"line: {line}\nshaped: {Describe(a)}\nscalar: {Describe(b)}");
            }
        }

        Assert.True(accepted > 2000, $"{accepted} accepted");
        // Most samples of the clean lines were read by shape, not handed to the scalar loop.
        Assert.True(shaped.SamplesReadByShape > 40_000, $"{shaped.SamplesReadByShape} samples read by shape");
        Assert.Equal(0, scalar.SamplesReadByShape);
    }

    [Fact]
    public void AGenotypeOutsideTheLayout_HandsTheRestOfTheLineToTheGeneralPath()
    {
        var header = ReadHeader(Samples);
        var decoder = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null);
        var record = new VcfRecord();
        var line = Encoding.UTF8.GetBytes("chr1\t5\t.\tA\tC,G\t.\tPASS\t.\tGT:AD:DP\t0/1:1,2,3:6\t.:1,2,3:6\t2|2:0,0,9\t1:.:4");
        decoder.Decode(record, line, 1, 0);
        Assert.Equal(["0/1", ".", "2|2", "1"], Enumerable.Range(0, Samples).Select(record.FormatGenotype));
        Assert.Equal("1,2,3|1,2,3|0,0,9|.", string.Join('|', Enumerable.Range(0, Samples).Select(s => Values(record, s, 1))));
        Assert.Equal("6|6|.|4", string.Join('|', Enumerable.Range(0, Samples).Select(s => Values(record, s, 2))));
    }

    [Fact]
    public void LeadingDigits_CountsAndReadsTheDigitsAWordStartsWith()
    {
        var random = new Random(7);
        var word = new byte[8];
        for (var n = 0; n < 20000; n++)
        {
            // Digits, then any other byte (separators, signs, '.', bytes above 127), then anything.
            var digits = random.Next(0, 9);
            for (var i = 0; i < 8; i++)
            {
                word[i] = i < digits ? (byte)('0' + random.Next(10)) : (byte)random.Next(256);
            }

            if (digits < 8)
            {
                while (word[digits] is >= (byte)'0' and <= (byte)'9')
                {
                    word[digits] = (byte)random.Next(256);
                }
            }

            var length = VcfRecordDecoder.LeadingDigits(BitConverter.ToUInt64(word), out var value);
            var text = Encoding.Latin1.GetString(word, 0, digits);
            Assert.True(length == digits, $"'{text}': {length} digits");
            if (digits is > 0 and < 8)
            {
                Assert.Equal(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
            }
        }
    }

    private static VcfHeader ReadHeader(int samples)
    {
        var text = Header + string.Concat(Enumerable.Range(1, samples).Select(s => $"\tS{s}")) + "\n";
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.vcf", new VcfReaderOptions());
        return reader.Header;
    }

    private static string Describe(VcfRecord record)
    {
        var text = new StringBuilder();
        for (var s = 0; s < record.SampleCount; s++)
        {
            text.Append(record.FormatGenotype(s)).Append(" [").Append(string.Join(',', record.GetAlleles(s).ToArray()))
                .Append(" / ").Append(string.Join(',', record.GetPhasing(s).ToArray())).Append(']');
            for (var k = 1; k < record.Format.Count; k++)
            {
                text.Append(' ').Append(record.Format[k].Id).Append('=').Append(Values(record, s, k));
            }

            text.Append('\t');
        }

        return text.ToString();
    }

    private static string Values(VcfRecord record, int sample, int field)
    {
        var values = record.GetSampleValues(sample, field);
        if (values.IsMissing)
        {
            return ".";
        }

        return record.Format[field].Type switch
        {
            VcfValueType.Float => string.Join(',', record.Floats.Slice(values.Start, values.Count).ToArray().Select(f => VcfMissing.IsMissing(f) ? "." : f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            VcfValueType.String => string.Join(',', record.Texts.Slice(values.Start, values.Count).ToArray().Select(t => t.IsMissing ? "." : $"{t.Start}+{t.Length}:{record.GetString(t)}")),
            _ => string.Join(',', record.Integers.Slice(values.Start, values.Count).ToArray()),
        };
    }

    private static string RandomLine(Random random, int samples)
    {
        var alts = random.Next(1, 4);
        var format = Formats[random.Next(Formats.Length)];
        var keys = format.Split(':');
        var columns = samples + (random.Next(60) == 0 ? random.Next(-1, 2) : 0);
        // Most lines are clean, as real files are; the others have a fault in some samples.
        var noisy = random.Next(3) == 0;
        var values = Enumerable.Range(0, columns).Select(_ => RandomSample(random, keys, alts, noisy && random.Next(Math.Max(3, columns / 2)) == 0));
        var altText = string.Join(',', new[] { "C", "G", "T" }.Take(alts));
        return $"chr1\t{random.Next(1, 100000)}\t.\tA\t{altText}\t.\tPASS\t.\t{format}\t{string.Join('\t', values)}";
    }

    private static string RandomSample(Random random, string[] keys, int alts, bool faulty)
    {
        if (!faulty)
        {
            return string.Join(':', keys.Select((key, k) => k == 0 ? CleanGenotype(random, alts) : string.Join(',', Enumerable.Range(0, key switch
            {
                "AD" => alts + 1,
                "PL" or "GL" => (alts + 1) * (alts + 2) / 2,
                "MQ" => random.Next(1, 4),
                "AF" => alts,
                _ => 1,
            }).Select(_ => random.Next(20) == 0 ? "." : CleanValue(random, key)))));
        }

        var parts = new List<string> { RandomGenotype(random, alts) };
        for (var k = 1; k < keys.Length; k++)
        {
            var count = keys[k] switch
            {
                "AD" => alts + 1,
                "AF" => alts,
                "NAMES" => random.Next(1, 3),
                "PL" or "GL" => (alts + 1) * (alts + 2) / 2,
                "MQ" => random.Next(1, 4),
                _ => 1,
            };
            if (random.Next(30) == 0)
            {
                count += random.Next(2) == 0 ? 1 : -1;
            }

            parts.Add(random.Next(15) == 0 ? "." : string.Join(',', Enumerable.Range(0, Math.Max(count, 0)).Select(_ => RandomValue(random, keys[k]))));
        }

        // Dropped trailing fields, an extra field, an empty field now and then.
        var kept = random.Next(12) == 0 ? random.Next(1, parts.Count + 1) : parts.Count;
        var sample = string.Join(':', parts.Take(kept));
        return random.Next(60) switch
        {
            0 => sample + ":5",
            1 => sample + ":",
            2 => sample.Replace(":", "::", StringComparison.Ordinal),
            _ => sample,
        };
    }

    private static string ShapeSample(Random random, string[] keys, int alts, bool faulty)
    {
        string Value() => random.Next(faulty ? 6 : 200) switch
        {
            0 => ".",
            1 => "-" + random.Next(0, 100),
            2 when faulty => "",
            // 1 to 6 digits, most of them short; a leading zero now and then.
            3 => "0" + random.Next(0, 1000),
            _ => random.Next(0, (int)Math.Pow(10, random.Next(1, 7) is var digits && digits > 4 && random.Next(4) > 0 ? 2 : digits)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var fields = keys.Skip(1).Select(key => string.Join(',', Enumerable.Range(0, key switch
        {
            "AD" => alts + 1,
            "PL" => (alts + 1) * (alts + 2) / 2,
            _ => 1,
        } + (faulty && random.Next(5) == 0 ? random.Next(-1, 2) : 0)).Select(_ => Value())));
        var kept = faulty && random.Next(4) == 0 ? random.Next(0, keys.Length) : keys.Length - 1;
        return string.Join(':', new[] { CleanGenotype(random, alts) }.Concat(fields.Take(kept)));
    }

    private static string CleanGenotype(Random random, int alts)
    {
        string Allele() => random.Next(20) == 0 ? "." : random.Next(0, alts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Allele() + (random.Next(3) == 0 ? "|" : "/") + Allele();
    }

    private static string RandomGenotype(Random random, int alts)
    {
        string Allele() => random.Next(8) == 0 ? "." : random.Next(0, alts + (random.Next(20) == 0 ? 2 : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return random.Next(25) switch
        {
            0 => ".",
            1 => Allele(),
            2 => "|" + Allele() + "/" + Allele(),
            3 => Allele() + "/" + Allele() + "/" + Allele(),
            4 => "10/1",
            5 => Allele() + "-" + Allele(),
            _ => Allele() + (random.Next(3) == 0 ? "|" : "/") + Allele(),
        };
    }

    private static string CleanValue(Random random, string key) => key switch
    {
        "GL" or "AF" => (random.Next(0, 1000) / 100.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        "PGT" => random.Next(2) == 0 ? "0|1" : "1|0",
        "NAMES" => "n" + random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Mostly 1 or 2 digits, now and then up to 9 (the integer loop reads 1 to 7 digits from one 8-byte word).
        _ => (random.Next(10) == 0 ? random.Next(0, 1_000_000_000) >> random.Next(0, 30) : random.Next(0, 99)).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string RandomValue(Random random, string key) => random.Next(40) switch
    {
        9 when key is "GL" or "AF" => "1.5e-3",
        10 when key is "GL" or "AF" => "-0.25",
        11 when key is "GL" or "AF" => "abc",
        9 or 10 when key is "PGT" or "NAMES" => "x,y",
        11 when key is "PGT" or "NAMES" => "",
        0 => ".",
        1 => "-" + random.Next(0, 100),
        2 => "+3",
        3 => "00000000000012",
        4 => "2147483648",
        5 => "-2147483641",
        6 => "2.5",
        7 => "1e3",
        8 => "2147483647",
        12 => "12345678",
        13 => "0000007",
        _ => CleanValue(random, key),
    };
}
