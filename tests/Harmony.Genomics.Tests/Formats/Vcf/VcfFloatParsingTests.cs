using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>The short-decimal fast path of Float parsing must give the general parser's double, bit for bit.</summary>
public sealed class VcfFloatParsingTests
{
    [Fact]
    public void ShortDecimals_ParseToTheSameBitsAsTheGeneralParser()
    {
        var random = new Random(29);
        var taken = 0;
        for (var n = 0; n < 200_000; n++)
        {
            var text = RandomDecimal(random);
            var bytes = Encoding.ASCII.GetBytes(text);
            Assert.True(Utf8Parser.TryParse(bytes, out double expected, out var used) && used == bytes.Length, text);
            if (VcfRecordDecoder.TryParseShortDecimal(bytes, out var fast))
            {
                taken++;
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{text}: {expected:R} vs {fast:R}");
            }

            Assert.True(VcfRecordDecoder.TryParseFloat(bytes, out var any));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(any));
        }

        Assert.True(taken > 150_000, $"{taken} taken by the fast path");
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("+1")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("1.2.3")]
    [InlineData("nan")]
    [InlineData("")]
    public void OtherSpellings_AreLeftToTheGeneralParser(string text)
    {
        Assert.False(VcfRecordDecoder.TryParseShortDecimal(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("-0", "-0")]
    [InlineData("1e5", "100000")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("0.1234567890123456", "0.1234567890123456")]
    public void TheGeneralParser_StillTakesThem(string text, string expected)
    {
        Assert.True(VcfRecordDecoder.TryParseFloat(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value.ToString("R", CultureInfo.InvariantCulture));
    }

    // VCF 4.4 §1.3: ^[-+]?(INF|INFINITY|NAN)$ in any case, as htslib reads them.
    [Theory]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("INF", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("infinity", double.PositiveInfinity)]
    [InlineData("-INFINITY", double.NegativeInfinity)]
    [InlineData("nan", double.NaN)]
    [InlineData("NAN", double.NaN)]
    [InlineData("-NaN", double.NaN)]
    public void SpecialValues_InAnyCase(string text, double expected)
    {
        Assert.True(VcfRecordDecoder.TryParseFloat(Encoding.ASCII.GetBytes(text), out var value), text);
        Assert.Equal(expected, value);
    }

    // Nothing but the pattern: no blanks (the Integer rule too), no hexadecimal, no digit separators, no other words.
    [Theory]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("0x10")]
    [InlineData("1_0")]
    [InlineData("1.5e")]
    [InlineData("Infx")]
    [InlineData("in")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1,5")]
    public void NonFloats_AreRefused(string text)
    {
        Assert.False(VcfRecordDecoder.TryParseFloat(Encoding.ASCII.GetBytes(text), out _), text);
    }

    private static string RandomDecimal(Random random)
    {
        var whole = random.Next(4) == 0 ? random.NextInt64(0, 10_000_000_000) : random.Next(0, 1000);
        var fraction = random.Next(0, 10);
        var text = fraction == 0 ? whole.ToString(CultureInfo.InvariantCulture)
            : whole.ToString(CultureInfo.InvariantCulture) + "." + string.Concat(Enumerable.Range(0, fraction).Select(_ => (char)('0' + random.Next(10))));
        return random.Next(5) == 0 ? "-" + text : text;
    }
}
