using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>
/// Matches NUL and every byte of 0x80 or above: read as signed bytes, exactly those below 1, so one compare per
/// vector tells whether a line is plain ASCII text.
/// </summary>
internal readonly struct NulOrNonAsciiMatcher : IByteMatcher
{
    public bool Matches(byte value) => (sbyte)value < 1;

    public Vector256<byte> Matches(Vector256<byte> values) => Vector256.LessThan(values.AsSByte(), Vector256<sbyte>.One).AsByte();

    public Vector512<byte> Matches(Vector512<byte> values) => Vector512.LessThan(values.AsSByte(), Vector512<sbyte>.One).AsByte();
}
