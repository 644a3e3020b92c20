using System.Text;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Genotypes;
using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Tests.Compute.Genotypes;

public class GenotypeDecodeKernelTests
{
    private const string Fixed = "chr1\t1000\t.\tA\tC\t50\tPASS\t.\t";

    /// <summary>
    /// Random VCF-like lines: FORMAT with GT, AD and DP (each sometimes absent, in any order, with other keys before,
    /// between and after), calls of ploidy 1 to maxPloidy (more only as a corruption), phased, unphased and mixed,
    /// missing alleles, allele indexes of 1 to 5 digits, leading phase marks, '.' for whole values and elements,
    /// dropped trailing values; when <paramref name="corrupt"/>, about one record in eight carries one malformed value
    /// or column count.
    /// </summary>
    internal static List<string> RandomLines(int records, int samples, int maxPloidy, int maxAd, int seed, bool corrupt)
    {
        var random = new Random(seed);
        var lines = new List<string>(records);
        string[] others = ["GQ", "PL", "FT", "XX"];
        for (var r = 0; r < records; r++)
        {
            var keys = new List<string>();
            if (random.Next(0, 6) != 0)
            {
                keys.Add("GT");
            }

            foreach (var key in new[] { "AD", "DP", others[random.Next(0, others.Length)], others[random.Next(0, others.Length)] })
            {
                if (random.Next(0, 4) != 0 && !keys.Contains(key))
                {
                    keys.Insert(random.Next(0, keys.Count + 1), key);
                }
            }

            if (keys.Count == 0)
            {
                keys.Add("GQ");
            }

            var multiDigit = random.Next(0, 3) == 0;
            var builder = new StringBuilder(Fixed).Append(string.Join(':', keys));
            var corruptSample = corrupt && random.Next(0, 8) == 0 ? random.Next(0, samples) : -1;
            for (var s = 0; s < samples; s++)
            {
                builder.Append('\t');
                var values = keys.Select(k => k switch
                {
                    "GT" => RandomGt(random, maxPloidy, multiDigit),
                    "AD" => RandomAd(random, maxAd),
                    "DP" => random.Next(0, 10) == 0 ? "." : random.Next(0, 8) == 0 ? "-" + random.Next(1, 9) : random.Next(1, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => random.Next(0, 5) == 0 ? "." : random.Next(0, 99).ToString(System.Globalization.CultureInfo.InvariantCulture) + (random.Next(0, 3) == 0 ? ",7" : string.Empty),
                }).ToList();
                if (random.Next(0, 10) == 0)
                {
                    // Trailing values dropped (VCF 4.4 §1.6.2).
                    values = values.Take(1 + random.Next(0, values.Count)).ToList();
                }

                if (s == corruptSample)
                {
                    var at = random.Next(0, values.Count);
                    values[at] = Corrupt(random, values[at]);
                }

                builder.AppendJoin(':', values);
            }

            if (corrupt && random.Next(0, 40) == 0)
            {
                // One sample column too many, or one too few.
                if (random.Next(0, 2) == 0)
                {
                    builder.Append("\t0/1");
                }
                else
                {
                    builder.Length = builder.ToString().LastIndexOf('\t');
                }
            }

            lines.Add(builder.ToString());
        }

        return lines;
    }

    private static string RandomGt(Random random, int maxPloidy, bool multiDigit)
    {
        if (random.Next(0, 15) == 0)
        {
            return ".";
        }

        var ploidy = random.Next(0, 4) switch
        {
            0 => 1,
            1 => random.Next(1, maxPloidy + 1),
            _ => Math.Min(2, maxPloidy),
        };
        var phase = random.Next(0, 3);
        var builder = new StringBuilder();
        if (random.Next(0, 12) == 0)
        {
            builder.Append(random.Next(0, 2) == 0 ? '|' : '/');
        }

        for (var h = 0; h < ploidy; h++)
        {
            if (h > 0)
            {
                builder.Append(phase switch { 0 => '/', 1 => '|', _ => random.Next(0, 2) == 0 ? '/' : '|' });
            }

            builder.Append(random.Next(0, 12) == 0 ? "."
                : multiDigit && random.Next(0, 3) == 0 ? random.Next(0, 5) switch { 0 => "12", 1 => "123", 2 => "32767", 3 => "007", _ => "4321" }
                : random.Next(0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string RandomAd(Random random, int maxAd)
    {
        if (random.Next(0, 10) == 0)
        {
            return ".";
        }

        var count = random.Next(1, maxAd + 1);
        return string.Join(',', Enumerable.Range(0, count).Select(_ => random.Next(0, 10) == 0 ? "." : random.Next(0, 500).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Corrupt(Random random, string value) => random.Next(0, 11) switch
    {
        0 => string.Empty,
        1 => value + "x",
        2 => "0/1/0/1/0/1/0/1/0/1",
        3 => "99999",
        4 => "0//1",
        5 => "1,2,3,4,5,6,7,8,9,10",
        6 => "12345678901",
        7 => "-",
        8 => value + ",",
        9 => ".5",
        _ => value + ":1:2:3:4:5:6",
    };

    internal static GenotypeLines Batch(IEnumerable<string> lines, int samples)
    {
        var builder = new GenotypeLinesBuilder(samples);
        foreach (var line in lines)
        {
            builder.Add(Encoding.ASCII.GetBytes(line));
        }

        return builder.Build();
    }

    internal static GenotypeColumns Run(IGenotypeDecodeKernel kernel, GenotypeLines lines, int maxPloidy, int maxAd)
    {
        var output = new GenotypeColumns(lines.Records, lines.Samples, maxPloidy, maxAd);
        output.Poison();
        kernel.Decode(lines, output);
        return output;
    }

    internal static void AssertSame(GenotypeColumns expected, GenotypeColumns actual)
    {
        Assert.Equal(expected.ErrorCode, actual.ErrorCode);
        Assert.Equal(expected.ErrorSample, actual.ErrorSample);
        Assert.Equal(expected.ErrorColumn, actual.ErrorColumn);
        Assert.Equal(expected.Ploidy, actual.Ploidy);
        Assert.Equal(expected.Phased, actual.Phased);
        Assert.Equal(expected.Alleles, actual.Alleles);
        Assert.Equal(expected.AdCount, actual.AdCount);
        Assert.Equal(expected.Ad, actual.Ad);
        Assert.Equal(expected.Dp, actual.Dp);
    }

    /// <summary>No poison survives, and the batch exercised what it was meant to.</summary>
    private static void AssertWrittenAndVaried(GenotypeColumns o, bool corrupt)
    {
        Assert.DoesNotContain((short)-77, o.Alleles);
        Assert.DoesNotContain((byte)0xEE, o.Ploidy);
        Assert.DoesNotContain((byte)0xEE, o.Phased);
        Assert.DoesNotContain((byte)0xEE, o.AdCount);
        Assert.DoesNotContain(-77, o.Ad);
        Assert.DoesNotContain(-77, o.Dp);
        Assert.DoesNotContain(-77, o.ErrorCode);
        Assert.DoesNotContain(-77, o.ErrorSample);
        Assert.DoesNotContain(-77, o.ErrorColumn);
        Assert.Contains((byte)1, o.Ploidy);
        Assert.Contains((byte)2, o.Ploidy);
        Assert.Contains((byte)0, o.Ploidy);
        Assert.Contains((byte)1, o.Phased);
        Assert.Contains((short)12, o.Alleles);
        Assert.Contains((short)32767, o.Alleles);
        Assert.Contains(GenotypeColumns.MissingAllele, o.Alleles);
        Assert.Contains(o.Ad, x => x > 100);
        Assert.Contains(GenotypeColumns.MissingInteger, o.Ad);
        Assert.Contains(o.Dp, x => x > 100);
        Assert.Contains(o.Dp, x => x < 0 && x != GenotypeColumns.MissingInteger);
        Assert.Contains(0, o.ErrorCode);
        if (corrupt)
        {
            var codes = o.ErrorCode.Where(c => c != 0).Distinct().Count();
            Assert.True(codes >= 6, $"only {codes} distinct error codes");
        }
    }

    [Theory]
    [InlineData(300, 37, 4, 3, 1, false)]
    [InlineData(400, 23, 3, 2, 2, true)]
    [InlineData(200, 70, 8, 4, 3, true)]
    public void SimdEveryScanPathEqualsScalarReferenceAndWritesEverything(int records, int samples, int maxPloidy, int maxAd, int seed, bool corrupt)
    {
        var lines = Batch(RandomLines(records, samples, maxPloidy, maxAd, seed, corrupt), samples);
        using var scalar = new ScalarGenotypeDecodeKernel();
        var expected = Run(scalar, lines, maxPloidy, maxAd);
        AssertWrittenAndVaried(expected, corrupt);
        foreach (var path in new[] { ScanPath.Auto, ScanPath.Scalar, ScanPath.Vector256, ScanPath.Vector512 })
        {
            using var simd = new SimdGenotypeDecodeKernel(threads: 3, path);
            AssertSame(expected, Run(simd, lines, maxPloidy, maxAd));
        }
    }

    [Fact]
    public void IlgpuKernelOnTheCpuAcceleratorEqualsScalarReference()
    {
        var lines = Batch(RandomLines(160, 29, 4, 3, 7, corrupt: true), 29);
        using var scalar = new ScalarGenotypeDecodeKernel();
        using var ilgpu = new IlgpuGenotypeDecodeKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        var expected = Run(scalar, lines, 4, 3);
        AssertWrittenAndVaried(expected, corrupt: true);
        AssertSame(expected, Run(ilgpu, lines, 4, 3));
    }

    [Fact]
    public void DecodesTheDefinitions()
    {
        string[] calls = ["0/1:3,4:7", "1|12|.", ".", "|2", "0/1", ".:.:.", "./.:.,5:-3", "3:10:0"];
        var lines = Batch([Fixed + "GT:AD:DP\t" + string.Join('\t', calls), Fixed + "DP:GQ\t5:1\t.\t7\t8:9\t9\t10\t11\t12"], calls.Length);
        using var kernel = new ScalarGenotypeDecodeKernel();
        var o = Run(kernel, lines, 3, 2);
        Assert.All(o.ErrorCode, c => Assert.Equal(0, c));
        Assert.All(o.ErrorSample, c => Assert.Equal(-1, c));
        short[][] alleles = [[0, 1], [1, 12, -1], [-1], [2], [0, 1], [-1], [-1, -1], [3]];
        byte[] phased = [0, 1, 0, 1, 0, 0, 0, 0];
        int[][] ad = [[3, 4], [], [], [], [], [], [int.MinValue, 5], [10]];
        int[] dp = [7, int.MinValue, int.MinValue, int.MinValue, int.MinValue, int.MinValue, -3, 0];
        for (var s = 0; s < calls.Length; s++)
        {
            Assert.Equal(alleles[s].Length, o.Ploidy[o.Call(0, s)]);
            for (var h = 0; h < 3; h++)
            {
                Assert.Equal(h < alleles[s].Length ? alleles[s][h] : GenotypeColumns.AbsentAllele, o.Alleles[o.AlleleIndex(0, h, s)]);
            }

            Assert.Equal(phased[s], o.Phased[o.Call(0, s)]);
            Assert.Equal(ad[s].Length, o.AdCount[o.Call(0, s)]);
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(k < ad[s].Length ? ad[s][k] : GenotypeColumns.MissingInteger, o.Ad[o.AdIndex(0, k, s)]);
            }

            Assert.Equal(dp[s], o.Dp[o.Call(0, s)]);
            Assert.Equal(0, o.Ploidy[o.Call(1, s)]);
            Assert.Equal(GenotypeColumns.AbsentAllele, o.Alleles[o.AlleleIndex(1, 0, s)]);
        }

        Assert.Equal([5, int.MinValue, 7, 8, 9, 10, 11, 12], Enumerable.Range(0, calls.Length).Select(s => o.Dp[o.Call(1, s)]));
    }

    public static TheoryData<string, int, int, int> Malformed => new()
    {
        // sample columns, error, failing sample (-1: none), 0-based byte of the error in the line
        { "0/1\t1/1", (int)GenotypeDecodeError.MissingSampleColumns, -1, Fixed.Length + 9 + 7 },
        { "0/1\t1/1\t0/0\t1/1", (int)GenotypeDecodeError.ExtraSampleColumns, -1, Fixed.Length + 9 + 11 },
        { "0/1\t\t0/0", (int)GenotypeDecodeError.EmptySample, 1, Fixed.Length + 9 + 4 },
        { "0/1\t0/1:1,2:3:4:5\t0/0", (int)GenotypeDecodeError.TooManyValues, 1, Fixed.Length + 9 + 13 },
        { "0/1\t0/1::3\t0/0", (int)GenotypeDecodeError.EmptyValue, 1, Fixed.Length + 9 + 8 },
        { "0/1\t0/x\t0/0", (int)GenotypeDecodeError.BadAllele, 1, Fixed.Length + 9 + 6 },
        { "0/1\t0/1\t0-0", (int)GenotypeDecodeError.BadSeparator, 2, Fixed.Length + 9 + 9 },
        { "0/1\t0/1/0/1\t0/0", (int)GenotypeDecodeError.PloidyTooHigh, 1, Fixed.Length + 9 + 10 },
        { "0/1\t0/32768\t0/0", (int)GenotypeDecodeError.AlleleTooLarge, 1, Fixed.Length + 9 + 6 },
        { "0/1\t0/1:1,x\t0/0", (int)GenotypeDecodeError.BadInteger, 1, Fixed.Length + 9 + 10 },
        { "0/1\t0/1:1:3000000000\t0/0", (int)GenotypeDecodeError.IntegerOutOfRange, 1, Fixed.Length + 9 + 10 },
        { "0/1\t0/1:1,2,3\t0/0", (int)GenotypeDecodeError.TooManyAdValues, 1, Fixed.Length + 9 + 12 },
        { "0/1\t0/1:1:2,3\t0/0", (int)GenotypeDecodeError.BadInteger, 1, Fixed.Length + 9 + 10 },
        { "0/x\t0/1:1:-\t0/0", (int)GenotypeDecodeError.BadAllele, 0, Fixed.Length + 9 + 2 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedRecordsFailAloneWithTheirErrorAndNoData(string sampleColumns, int error, int sample, int column)
    {
        var good = Fixed + "GT:AD:DP\t0/1:5,6:11\t1|1\t.";
        var lines = Batch([good, Fixed + "GT:AD:DP\t" + sampleColumns, good], 3);
        using var simd = new SimdGenotypeDecodeKernel(threads: 1);
        using var ilgpu = new IlgpuGenotypeDecodeKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        using var scalar = new ScalarGenotypeDecodeKernel();
        var o = Run(scalar, lines, 3, 2);
        AssertSame(o, Run(simd, lines, 3, 2));
        AssertSame(o, Run(ilgpu, lines, 3, 2));
        Assert.Equal([0, error, 0], o.ErrorCode);
        Assert.Equal(sample, o.ErrorSample[1]);
        Assert.Equal(column, o.ErrorColumn[1]);
        var message = o.Describe(1)!;
        Assert.StartsWith(sample >= 0 ? $"sample {sample + 1}, byte {column + 1}: expected" : $"byte {column + 1}: expected", message, StringComparison.Ordinal);
        Assert.Null(o.Describe(0));
        for (var s = 0; s < 3; s++)
        {
            Assert.Equal(0, o.Ploidy[o.Call(1, s)]);
            Assert.Equal(GenotypeColumns.MissingInteger, o.Dp[o.Call(1, s)]);
            Assert.Equal(2, o.Ploidy[o.Call(2, s)] + (s == 2 ? 1 : 0));
        }

        Assert.Equal(11, o.Dp[o.Call(2, 0)]);
    }

    [Fact]
    public void EmptyBatchesAndWrongShapes()
    {
        using var scalar = new ScalarGenotypeDecodeKernel();
        using var simd = new SimdGenotypeDecodeKernel(threads: 2);
        var none = Batch([Fixed + "GT"], 0);
        Assert.Equal([0], Run(scalar, none, 2, 2).ErrorCode);
        Assert.Equal([-1], Run(simd, none, 2, 2).ErrorSample);
        var lines = Batch([Fixed + "GT\t0/1"], 1);
        Assert.Throws<ArgumentException>(() => scalar.Decode(lines, new GenotypeColumns(1, 2, 2, 2)));
        Assert.Throws<ArgumentException>(() => simd.Decode(new GenotypeLines(new byte[4], 1, 1), new GenotypeColumns(1, 1, 2, 2)));
        Assert.Throws<ArgumentException>(() => new GenotypeLinesBuilder(1).Add("chr1\t1\t.\tA\tC\t.\t.\t."u8));
        Assert.Throws<ArgumentException>(() => new GenotypeLines(new byte[10], 1, 1).SetRecord(0, 0, 10, 5, 2, 0, 0, -1));
    }
}
