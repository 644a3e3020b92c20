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

    /// <summary>Appends four bytes, the lowest first, within room made by <see cref="Reserve"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AppendFourUnchecked(uint fourBytes)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(Length, 4), fourBytes);
        Length += 4;
    }

    /// <summary>Appends sixteen bytes within room made by <see cref="Reserve"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AppendSixteenUnchecked(System.Runtime.Intrinsics.Vector128<byte> sixteenBytes)
    {
        System.Runtime.Intrinsics.Vector128.CopyTo(sixteenBytes, data.AsSpan(Length, 16));
        Length += 16;
    }

    /// <summary>Appends an integer (at most 20 bytes) within room made by <see cref="Reserve"/>; one or two digits, the common cases (depths, qualities), directly.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AppendUnchecked(long value)
    {
        if ((ulong)value < 10)
        {
            data[Length++] = (byte)('0' + value);
            return;
        }

        if ((ulong)value < 100)
        {
            var tens = (int)value / 10;
            data[Length] = (byte)('0' + tens);
            data[Length + 1] = (byte)('0' + ((int)value - (tens * 10)));
            Length += 2;
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

        if (TryAppendFixedG(d))
        {
            return;
        }

        AppendGeneralG(d);
    }

    // 10^-5 to 10^6: Decades[e + 5] is 10^e.
    private static readonly double[] Decades = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];

    /// <summary>
    /// %g of a finite, non-zero value whose six significant digits are printed in fixed notation (exponent -4 to 5: every
    /// QUAL, allele fraction and likelihood in practice), without the string formatting of <see cref="AppendGeneralG"/>.
    /// The digits are |d| x 10^(5 - exponent) rounded; 10^k up to 10^10 is exact, so the product is off by at most one
    /// rounding, and a product within 1e-6 of a rounding tie (where that could matter) is left to the general path.
    /// </summary>
    internal bool TryAppendFixedG(double d)
    {
        var magnitude = Math.Abs(d);
        if (magnitude < 1e-5 || magnitude >= 999999.5)
        {
            return false;
        }

        // The decimal exponent of the value before rounding: 10^exponent <= magnitude < 10^(exponent + 1).
        var exponent = -5;
        while (exponent < 5 && magnitude >= Decades[exponent + 6])
        {
            exponent++;
        }

        var scaled = magnitude * Vcf.VcfRecordDecoder.PowersOfTen[5 - exponent];
        var fraction = scaled - Math.Floor(scaled);
        if (Math.Abs(fraction - 0.5) < 1e-6)
        {
            return false;
        }

        var digits = (long)Math.Round(scaled);
        if (digits >= 1_000_000)
        {
            // Rounding carried into a seventh digit (9.999995 -> 10.0000): one exponent up.
            digits /= 10;
            exponent++;
        }

        if (exponent < -4 || exponent > 5 || digits < 100_000)
        {
            return false;
        }

        // Six digits with the point after exponent + 1 of them ("0." and zeros first when the exponent is negative),
        // trailing zeros of the fraction and a bare point dropped, as %g does.
        Span<byte> text = stackalloc byte[16];
        var n = 0;
        if (d < 0)
        {
            text[n++] = (byte)'-';
        }

        Span<byte> six = stackalloc byte[6];
        for (var i = 5; i >= 0; i--)
        {
            six[i] = (byte)('0' + (digits % 10));
            digits /= 10;
        }

        var last = 5;
        while (last > exponent && six[last] == (byte)'0')
        {
            last--;
        }

        if (exponent >= 0)
        {
            six[..(exponent + 1)].CopyTo(text[n..]);
            n += exponent + 1;
            if (last > exponent)
            {
                text[n++] = (byte)'.';
                six[(exponent + 1)..(last + 1)].CopyTo(text[n..]);
                n += last - exponent;
            }
        }
        else
        {
            text[n++] = (byte)'0';
            text[n++] = (byte)'.';
            for (var z = -1; z > exponent; z--)
            {
                text[n++] = (byte)'0';
            }

            six[..(last + 1)].CopyTo(text[n..]);
            n += last + 1;
        }

        Append(text[..n]);
        return true;
    }

    /// <summary>C's %g with six significant digits through .NET's formatting: round first, then choose fixed notation for exponents -4..5.</summary>
    internal void AppendGeneralG(double d)
    {
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
