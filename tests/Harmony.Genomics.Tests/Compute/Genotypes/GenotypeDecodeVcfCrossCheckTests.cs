using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Genotypes;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Compute.Genotypes;

/// <summary>
/// The kernel against the project's VCF decoder on real files: every record of the bcftools conformance corpus that
/// <see cref="VcfReader"/> accepts must decode without error to the same GT (alleles, ploidy, phase), AD and DP.
/// </summary>
public class GenotypeDecodeVcfCrossCheckTests
{
    private const int MaxPloidy = 8;
    private const int MaxAd = 64;

    private sealed record Expected(int Samples, int Gt, int Ad, int Dp, int[][] Alleles, bool[] Phased, int[][] AdValues, int[] DpValues);

    [Fact]
    public void ConformanceCorpusDecodesAsTheVcfDecoderReadsIt()
    {
        Assert.Equal(VcfMissing.Integer, GenotypeColumns.MissingInteger);
        Assert.Equal(VcfMissing.MinimumInteger, GenotypeColumns.MinimumInteger);
        using var scalar = new ScalarGenotypeDecodeKernel();
        using var simd = new SimdGenotypeDecodeKernel(threads: 2);
        using var ilgpu = new IlgpuGenotypeDecodeKernel(GpuSession.OpenCpuSimulator(), ownsSession: true);
        long calls = 0, haploid = 0, polyploid = 0, phased = 0, missing = 0, adValues = 0, dpValues = 0;
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(TestPaths.TestData("conformance/bcftools-test"), "*.vcf").Order(StringComparer.Ordinal))
        {
            var (lines, expected) = Read(path);
            if (expected.Count == 0)
            {
                continue;
            }

            files++;
            var o = GenotypeDecodeKernelTests.Run(scalar, lines, MaxPloidy, MaxAd);
            GenotypeDecodeKernelTests.AssertSame(o, GenotypeDecodeKernelTests.Run(simd, lines, MaxPloidy, MaxAd));
            GenotypeDecodeKernelTests.AssertSame(o, GenotypeDecodeKernelTests.Run(ilgpu, lines, MaxPloidy, MaxAd));
            for (var r = 0; r < expected.Count; r++)
            {
                var e = expected[r];
                var where = $"{Path.GetFileName(path)} record {r + 1}";
                Assert.True(o.ErrorCode[r] == 0, $"{where}: {o.Describe(r)}");
                for (var s = 0; s < e.Samples; s++)
                {
                    calls++;
                    var call = o.Call(r, s);
                    var alleles = e.Alleles[s];
                    Assert.True(alleles.Length == o.Ploidy[call], $"{where} sample {s + 1}: ploidy {o.Ploidy[call]}, expected {alleles.Length}");
                    for (var h = 0; h < MaxPloidy; h++)
                    {
                        Assert.Equal(h < alleles.Length ? alleles[h] : GenotypeColumns.AbsentAllele, o.Alleles[o.AlleleIndex(r, h, s)]);
                    }

                    Assert.True((e.Phased[s] ? 1 : 0) == o.Phased[call], $"{where} sample {s + 1}: phase");
                    var ad = e.AdValues[s];
                    Assert.True(ad.Length == o.AdCount[call], $"{where} sample {s + 1}: {o.AdCount[call]} AD values, expected {ad.Length}");
                    for (var k = 0; k < MaxAd; k++)
                    {
                        Assert.Equal(k < ad.Length ? ad[k] : GenotypeColumns.MissingInteger, o.Ad[o.AdIndex(r, k, s)]);
                    }

                    Assert.Equal(e.DpValues[s], o.Dp[call]);
                    haploid += alleles.Length == 1 ? 1 : 0;
                    polyploid += alleles.Length > 2 ? 1 : 0;
                    phased += e.Phased[s] ? 1 : 0;
                    missing += alleles.Contains(-1) ? 1 : 0;
                    adValues += ad.Length;
                    dpValues += e.DpValues[s] != GenotypeColumns.MissingInteger ? 1 : 0;
                }
            }
        }

        // The corpus exercised what the kernel decodes.
        Assert.True(files > 50 && calls > 5_000, $"{files} files, {calls} calls");
        Assert.True(haploid > 0 && polyploid > 0 && phased > 0 && missing > 0, $"haploid {haploid}, polyploid {polyploid}, phased {phased}, missing {missing}");
        Assert.True(adValues > 1_000 && dpValues > 1_000, $"AD values {adValues}, DP values {dpValues}");
    }

    // The records VcfReader accepts, as one batch, and what it decoded from them.
    private static (GenotypeLines Lines, List<Expected> Expected) Read(string path)
    {
        var expected = new List<Expected>();
        var layouts = new List<(int Gt, int Ad, int Dp)>();
        VcfReader reader;
        try
        {
            reader = VcfReader.Open(path, new VcfReaderOptions { Threads = 1 });
        }
        catch (HarmonyException)
        {
            return (new GenotypeLines([], 0, 0), expected);
        }

        using (reader)
        {
            var samples = reader.Header.SampleNames.Count;
            var builder = new GenotypeLinesBuilder(samples);
            var record = new VcfRecord();
            while (true)
            {
                bool more;
                InputFormatException? rejected;
                try
                {
                    more = reader.ReadOrReject(record, out rejected);
                }
                catch (HarmonyException)
                {
                    break;
                }

                if (!more)
                {
                    break;
                }

                if (rejected is not null || samples == 0)
                {
                    continue;
                }

                var format = record.Format.Select(f => f.Id).ToList();
                var gt = format.IndexOf("GT");
                var ad = IntegerKey(record, "AD");
                var dp = IntegerKey(record, "DP");
                var e = new Expected(samples, gt, ad, dp, new int[samples][], new bool[samples], new int[samples][], new int[samples]);
                for (var s = 0; s < samples; s++)
                {
                    e.Alleles[s] = record.GetAlleles(s).ToArray();
                    var phasing = record.GetPhasing(s);
                    e.Phased[s] = phasing.Length == 1 ? phasing[0] : phasing.Length > 1 && !phasing[1..].Contains(false);
                    var adValues = ad >= 0 ? record.GetSampleValues(s, ad) : FieldValues.Missing;
                    e.AdValues[s] = adValues.IsMissing ? [] : record.Integers.Slice(adValues.Start, adValues.Count).ToArray();
                    var dpValues = dp >= 0 ? record.GetSampleValues(s, dp) : FieldValues.Missing;
                    e.DpValues[s] = dpValues.IsMissing ? GenotypeColumns.MissingInteger : record.Integers[dpValues.Start];
                }

                builder.Add(record.Line.Span);
                expected.Add(e);
            }

            var lines = builder.Build();

            // AD or DP declared with another type (or undeclared, read as String) are not decoded as integers.
            for (var r = 0; r < lines.Records; r++)
            {
                lines.SetRecord(r, lines.LineStart(r), lines.LineEnd(r), lines.SamplesStart(r), lines.FormatKeys(r), lines.GtKey(r), expected[r].Ad, expected[r].Dp);
                Assert.Equal(expected[r].Gt, lines.GtKey(r));
            }

            return (lines, expected);
        }
    }

    private static int IntegerKey(VcfRecord record, string id)
    {
        for (var k = 0; k < record.Format.Count; k++)
        {
            if (record.Format[k].Id == id)
            {
                return record.Format[k].Type == VcfValueType.Integer ? k : -1;
            }
        }

        return -1;
    }
}
