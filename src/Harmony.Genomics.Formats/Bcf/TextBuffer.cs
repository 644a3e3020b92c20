using System.Buffers.Text;
using System.Globalization;

namespace Harmony.Genomics.Formats.Bcf;

/// <summary>A growable byte buffer for rendering one VCF line at a time; reused so rendering does not allocate per record.</summary>
internal sealed class TextBuffer
{
    private byte[] data = new byte[1 << 16];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => data.AsSpan(0, Length);

    public byte[] Array => data;

    public void Clear() => Length = 0;

    public void Append(byte b)
    {
        Ensure(1);
        data[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(string ascii)
    {
        Ensure(ascii.Length * 3);
        Length += System.Text.Encoding.UTF8.GetBytes(ascii, data.AsSpan(Length));
    }

    public void Append(long value)
    {
        Ensure(24);
        AppendUnchecked(value);
    }

    /// <summary>Makes room for <paramref name="extra"/> more bytes, so the unchecked appends that follow cannot overflow.</summary>
    public void Reserve(int extra) => Ensure(extra);

    /// <summary>Appends a byte within room made by <see cref="Reserve"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AppendUnchecked(byte b) => data[Length++] = b;

    /// <summary>Appends an integer (at most 20 bytes) within room made by <see cref="Reserve"/>; one digit, the common case, directly.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AppendUnchecked(long value)
    {
        if ((ulong)value < 10)
        {
            data[Length++] = (byte)('0' + value);
            return;
        }

        Utf8Formatter.TryFormat(value, data.AsSpan(Length), out var written);
        Length += written;
    }

    /// <summary>Writes a float as htslib's <c>kputd</c> does: like C's <c>%g</c> (six significant digits, exponent of at least two digits).</summary>
    public void AppendFloat(float value)
    {
        double d = value;
        if (d == 0)
        {
            Append(double.IsNegative(d) ? "-0"u8 : "0"u8);
            return;
        }

        if (double.IsNaN(d))
        {
            Append("nan"u8);
            return;
        }

        if (double.IsInfinity(d))
        {
            Append(d > 0 ? "inf"u8 : "-inf"u8);
            return;
        }

        // C's %g with six significant digits: round first, then choose fixed notation for exponents -4..5.
        var scientific = d.ToString("E5", CultureInfo.InvariantCulture);
        var e = scientific.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string text;
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = scientific[..e].TrimEnd('0').TrimEnd('.');
            text = $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }
        else
        {
            text = d.ToString("F" + (5 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Contains('.', StringComparison.Ordinal))
            {
                text = text.TrimEnd('0').TrimEnd('.');
            }
        }

        Append(text);
    }

    private void Ensure(int extra)
    {
        if (Length + extra > data.Length)
        {
            System.Array.Resize(ref data, Math.Max(data.Length * 2, Length + extra));
        }
    }
}
