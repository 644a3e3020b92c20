using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Bcf;

namespace Harmony.Genomics.Tests.Formats.Bcf;

/// <summary>
/// A BCF float is rendered as htslib's %g does. The fixed-notation fast path must print exactly what the general path
/// (checked against bcftools by the conformance tests) prints, for every float.
/// </summary>
public sealed class TextBufferTests
{
    [Fact]
    public void AppendFloat_PrintsWhatTheGeneralPathPrints()
    {
        var random = new Random(29);
        var values = new List<float>();
        for (var i = 0; i < 200_000; i++)
        {
            // Any bit pattern: every exponent, both signs.
            values.Add(BitConverter.Int32BitsToSingle(random.Next() * (random.Next(2) == 0 ? 1 : -1)));
        }

        for (var i = 0; i < 200_000; i++)
        {
            // Short decimals as callers write them (QUAL 127.5, AF 0.315, GL -0.48), and their neighbours.
            var text = (random.Next(0, 2_000_000) / Math.Pow(10, random.Next(0, 9))).ToString("R", CultureInfo.InvariantCulture);
            var f = float.Parse(text, CultureInfo.InvariantCulture);
            values.Add(f);
            values.Add(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(f) + 1));
            values.Add(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(f) - 1));
        }

        // Around every power of ten and every rounding tie the fast path could meet.
        for (var e = -6; e <= 7; e++)
        {
            var p = (float)Math.Pow(10, e);
            for (var k = -50; k <= 50; k++)
            {
                values.Add(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p) + k));
                values.Add(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p * 9.999995f) + k));
            }
        }

        values.AddRange([0.5f, 2.5f, 123456.5f, 999999.5f, 999999.4f, 0.0001f, 0.00001f, 9.999995e-5f, -0.315f, 1e6f, 5e-5f]);

        var fast = new TextBuffer();
        var general = new TextBuffer();
        foreach (var value in values.Where(v => float.IsFinite(v) && v != 0))
        {
            fast.Clear();
            general.Clear();
            fast.AppendFloat(value);
            general.AppendGeneralG(value);
            Assert.True(fast.Span.SequenceEqual(general.Span), $"{value:R}: fast {Encoding.ASCII.GetString(fast.Span)}, general {Encoding.ASCII.GetString(general.Span)}");
        }
    }

    [Fact]
    public void FixedNotation_TakesTheFastPath_AndOtherValuesDoNot()
    {
        var buffer = new TextBuffer();
        Assert.True(buffer.TryAppendFixedG(0.315f));
        Assert.True(buffer.TryAppendFixedG(-127.5f));
        Assert.True(buffer.TryAppendFixedG(9.999999e-5f));
        Assert.False(buffer.TryAppendFixedG(1234567f));
        Assert.False(buffer.TryAppendFixedG(1.234e-5f));
        Assert.False(buffer.TryAppendFixedG(123456.5));
    }

    [Theory]
    [InlineData(127.5f, "127.5")]
    [InlineData(0.315f, "0.315")]
    [InlineData(-0.48f, "-0.48")]
    [InlineData(100f, "100")]
    [InlineData(0.0001f, "0.0001")]
    [InlineData(123456.7f, "123457")]
    [InlineData(9.9999999f, "10")]
    [InlineData(1234567f, "1.23457e+06")]
    [InlineData(0.00001234f, "1.234e-05")]
    public void AppendFloat_IsPercentG(float value, string expected)
    {
        var buffer = new TextBuffer();
        buffer.AppendFloat(value);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Span));
    }
}
