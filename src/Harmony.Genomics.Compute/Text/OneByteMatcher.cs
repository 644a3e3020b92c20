using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>Matches one byte value.</summary>
internal readonly struct OneByteMatcher(byte a) : IByteMatcher
{
    public bool Matches(byte value) => value == a;

    public Vector256<byte> Matches(Vector256<byte> values) => Vector256.Equals(values, Vector256.Create(a));

    public Vector512<byte> Matches(Vector512<byte> values) => Vector512.Equals(values, Vector512.Create(a));
}
