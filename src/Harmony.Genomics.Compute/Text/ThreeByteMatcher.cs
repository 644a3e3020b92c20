using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>Matches any of three byte values.</summary>
internal readonly struct ThreeByteMatcher(byte a, byte b, byte c) : IByteMatcher
{
    public bool Matches(byte value) => value == a || value == b || value == c;

    public Vector256<byte> Matches(Vector256<byte> values) =>
        Vector256.Equals(values, Vector256.Create(a)) | Vector256.Equals(values, Vector256.Create(b)) | Vector256.Equals(values, Vector256.Create(c));

    public Vector512<byte> Matches(Vector512<byte> values) =>
        Vector512.Equals(values, Vector512.Create(a)) | Vector512.Equals(values, Vector512.Create(b)) | Vector512.Equals(values, Vector512.Create(c));
}
