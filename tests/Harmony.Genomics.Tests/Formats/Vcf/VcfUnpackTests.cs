using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>Lazy unpack: the parts a reader asks for are decoded exactly as a full decode does; the others are skipped.</summary>
public sealed class VcfUnpackTests
{
    private const string Line = "chr1\t5\t.\tA\tC,G\t.\tPASS\tDP=7;AF=0.25,.;END=9\tGT:AD:DP\t0/1:3,4,0:7\t1|2:.:.";

    private static string Show(VcfRecord record, FieldValues values, VcfFieldDefinition field)
    {
        if (values.IsMissing)
        {
            return ".";
        }

        return field.Type switch
        {
            VcfValueType.Integer => string.Join(',', record.Integers.Slice(values.Start, values.Count).ToArray()),
            VcfValueType.Float => string.Join(',', record.Floats.Slice(values.Start, values.Count).ToArray()),
            _ => string.Join(',', record.Texts.Slice(values.Start, values.Count).ToArray().Select(t => record.GetString(t))),
        };
    }

    [Fact]
    public void SitesOnly_DecodesFixedColumnsAndEnd_ButNoInfoOrSamples()
    {
        var r = VcfText.ReadOne(Line, new VcfReaderOptions { Unpack = VcfUnpack.Sites });
        Assert.Equal(5, r.Position);
        Assert.Equal(9, r.EndPosition);
        Assert.Equal(["C", "G"], r.AlternateAlleles.Select(a => r.GetString(a)));
        Assert.Empty(r.Info);
        Assert.Empty(r.Format);
        Assert.False(r.HasGenotypes);
    }

    [Fact]
    public void GenotypesOnly_DecodesGt_AndLeavesOtherFormatValuesMissing()
    {
        var r = VcfText.ReadOne(Line, new VcfReaderOptions { Unpack = VcfUnpack.Genotypes });
        Assert.Empty(r.Info);
        Assert.True(r.HasGenotypes);
        Assert.Equal("0/1", r.FormatGenotype(0));
        Assert.Equal("1|2", r.FormatGenotype(1));
        Assert.Equal(["GT", "AD", "DP"], r.Format.Select(f => f.Id));
        Assert.True(r.GetSampleValues(0, 1).IsMissing);
        Assert.True(r.GetSampleValues(0, 2).IsMissing);
    }

    [Fact]
    public void SkippedParts_AreNotValidated_TheFullDecodeStillRejectsThem()
    {
        const string bad = "chr1\t5\t.\tA\tC\t.\tPASS\tDP=seven\tGT:DP\t0/1:x\t0/0:1";
        var lazy = VcfText.ReadOne(bad, new VcfReaderOptions { Unpack = VcfUnpack.Genotypes });
        Assert.Equal("0/1", lazy.FormatGenotype(0));
        Assert.Throws<InputFormatException>(() => VcfText.ReadOne(bad));
    }

    [Fact]
    public void EveryUnpackLevel_AgreesWithTheFullDecode_OnConformanceFiles()
    {
        // Whatever a lazy reader does decode must equal the full decode of the same record.
        foreach (var name in new[] { "mpileup.c.vcf", "view.vcf", "norm.split.vcf" })
        {
            var path = TestPaths.TestData($"conformance/bcftools-test/{name}");
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var level in new[] { VcfUnpack.Sites, VcfUnpack.Info, VcfUnpack.Genotypes, VcfUnpack.Samples })
            {
                using var full = VcfReader.Open(path, new VcfReaderOptions { Threads = 1 });
                using var lazy = VcfReader.Open(path, new VcfReaderOptions { Threads = 1, Unpack = level });
                var a = new VcfRecord();
                var b = new VcfRecord();
                var records = 0;
                while (full.Read(a))
                {
                    Assert.True(lazy.Read(b));
                    records++;
                    Assert.Equal(a.Position, b.Position);
                    Assert.Equal(a.EndPosition, b.EndPosition);
                    Assert.Equal(a.GetString(a.Reference), b.GetString(b.Reference));
                    Assert.Equal((level & VcfUnpack.Info) != 0 ? a.Info.Count : 0, b.Info.Count);
                    if ((level & VcfUnpack.Genotypes) != 0 && a.HasGenotypes)
                    {
                        for (var s = 0; s < a.SampleCount; s++)
                        {
                            Assert.Equal(a.FormatGenotype(s), b.FormatGenotype(s));
                        }
                    }

                    if ((level & VcfUnpack.Samples) == VcfUnpack.Samples)
                    {
                        for (var s = 0; s < a.SampleCount; s++)
                        {
                            for (var f = 1; f < a.Format.Count; f++)
                            {
                                Assert.Equal(Show(a, a.GetSampleValues(s, f), a.Format[f]), Show(b, b.GetSampleValues(s, f), b.Format[f]));
                            }
                        }
                    }
                }

                Assert.False(lazy.Read(b));
                Assert.True(records > 0, $"{name}: no records");
            }
        }
    }
}
