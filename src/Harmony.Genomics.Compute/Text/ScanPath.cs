namespace Harmony.Genomics.Compute.Text;

/// <summary>Which vector width a <see cref="ByteScanner"/> call or a CPU SIMD kernel uses; tests force each one.</summary>
internal enum ScanPath
{
    /// <summary>The widest vectors the CPU accelerates.</summary>
    Auto,

    /// <summary>One byte at a time.</summary>
    Scalar,

    /// <summary>32 bytes at a time (software-emulated where AVX2 is missing, still correct).</summary>
    Vector256,

    /// <summary>64 bytes at a time (software-emulated where AVX-512 is missing, still correct).</summary>
    Vector512,
}
