using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>Matches either of two byte values.</summary>
internal readonly struct TwoByteMatcher(byte a, byte b) : IByteMatcher
{
    public bool Matches(byte value) => value == a || value == b;

    public Vector256<byte> Matches(Vector256<byte> values) =>
        Vector256.Equals(values, Vector256.Create(a)) | Vector256.Equals(values, Vector256.Create(b));

    public Vector512<byte> Matches(Vector512<byte> values) =>
        Vector512.Equals(values, Vector512.Create(a)) | Vector512.Equals(values, Vector512.Create(b));
}
