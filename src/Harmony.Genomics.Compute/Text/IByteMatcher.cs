using System.Runtime.Intrinsics;

namespace Harmony.Genomics.Compute.Text;

/// <summary>
/// The set of bytes a scan looks for. Implemented by structs so each scan loop is specialised by the JIT
/// with the comparisons inlined, one loop body serving one, two and three needles.
/// </summary>
internal interface IByteMatcher
{
    bool Matches(byte value);

    Vector256<byte> Matches(Vector256<byte> values);

    Vector512<byte> Matches(Vector512<byte> values);
}
