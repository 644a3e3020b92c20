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

    // ShortDecimalEnd reads a value of up to 7 bytes from one word (the word ending the text at its end), and the rest a
    // byte at a time: both ways must find the same end and the same bits, whatever surrounds the value.
    [Fact]
    public void ShortDecimalEnd_ReadFromAWord_AgreesWithTheByteLoop()
    {
        var fromWord = AssertAgreeOnNumberLikeTexts(
            31,
            (text, start) => (VcfRecordDecoder.ShortDecimalEnd(text, start, out var value), BitConverter.DoubleToInt64Bits(value)),
            (text, start) => (VcfRecordDecoder.ShortDecimalEndByBytes(text, start, out var value), BitConverter.DoubleToInt64Bits(value)),
            (text, start) => VcfRecordDecoder.TryReadWord(text, start, out var word) && VcfRecordDecoder.ShortDecimalInWord(word, out _) > 0);
        Assert.True(fromWord > 100_000, $"{fromWord} read from a word");
    }

    // IntegerElementLength reads 1 to 7 digits from one word (the word ending the text at its end); the general reader
    // takes them a byte at a time: the two agree on every text.
    [Fact]
    public void IntegerElementLength_AgreesWithTheGeneralReader()
    {
        var atTheEnd = AssertAgreeOnNumberLikeTexts(
            37,
            (text, start) => (VcfRecordDecoder.IntegerElementLength(text, start, out var value), value),
            (text, start) => (VcfRecordDecoder.GeneralIntegerElementLength(text, start, out var value), value),
            (text, start) => text.Length >= 8 && start + 8 > text.Length && text[start] is >= (byte)'0' and <= (byte)'9');
        Assert.True(atTheEnd > 50_000, $"{atTheEnd} digits read from the text's last word");
    }

    // Both readers on 300,000 random texts: the same end, and the same value where there is one. Returns how many texts
    // met the condition (the path under test was taken).
    private static int AssertAgreeOnNumberLikeTexts(int seed, Func<byte[], int, (int End, long Value)> read, Func<byte[], int, (int End, long Value)> reference, Func<byte[], int, bool> counted)
    {
        var random = new Random(seed);
        var count = 0;
        for (var n = 0; n < 300_000; n++)
        {
            var text = RandomNumberLikeText(random, out var start);
            var (end, value) = read(text, start);
            var (expectedEnd, expected) = reference(text, start);
            if (expectedEnd != end || (end >= 0 && expected != value))
            {
                // The text is shown only for a failure, not made for each of the 300,000 texts.
                var shown = Encoding.Latin1.GetString(text).Replace("\t", "\\t", StringComparison.Ordinal);
                Assert.True(expectedEnd == end, $"'{shown}' from {start}: end {end}, expected {expectedEnd}");
                Assert.True(end < 0 || expected == value, $"'{shown}' from {start}: {value}, expected {expected}");
            }
            count += counted(text, start) ? 1 : 0;
        }

        return count;
    }

    [Theory]
    [InlineData("0.315:54", 0, 5, 0.315)]
    [InlineData("127.5\tPASS", 0, 5, 127.5)]
    [InlineData("0/1:37,17:0.05", 10, 14, 0.05)]
    [InlineData("0/1:37,17:10.009", 10, 16, 10.009)]
    [InlineData("12345678:1.5", 9, 12, 1.5)]
    [InlineData("AF=0.2;DP=7", 3, 6, 0.2)]
    [InlineData("x1234567", 1, 8, 1234567)]
    public void ShortDecimalEnd_FindsTheEndAndValue(string text, int start, int end, double expected)
    {
        Assert.Equal(end, VcfRecordDecoder.ShortDecimalEnd(Encoding.ASCII.GetBytes(text), start, out var value));
        Assert.Equal(expected, value);
    }

    // Digits, points, signs, separators and odd bytes (a zero, bytes above 127, ones next to the digits' range) around a
    // position, the text often shorter than a word after it so that its last word is read.
    private static byte[] RandomNumberLikeText(Random random, out int start)
    {
        ReadOnlySpan<byte> odd = [(byte)'.', (byte)'-', (byte)'+', (byte)',', (byte)':', (byte)'\t', (byte)'e', (byte)'/', 0, 0xB0, 0xB5, 0x80, 0xFF, 0x3A, 0x2F, (byte)'0', (byte)'9'];
        var bytes = new byte[random.Next(1, 20)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(3) == 0 ? odd[random.Next(odd.Length)] : (byte)('0' + random.Next(10));
        }

        if (random.Next(2) == 0)
        {
            // A decimal as writers print it, somewhere in the text.
            var written = RandomDecimal(random);
            var number = Encoding.ASCII.GetBytes(written[..Math.Min(written.Length, Math.Min(bytes.Length, 9))]);
            var at = random.Next(bytes.Length - number.Length + 1);
            number.CopyTo(bytes, at);
        }

        start = random.Next(bytes.Length);
        return bytes;
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
