namespace Harmony.Genomics.Lake;

/// <summary>How the lake's Parquet files are compressed: Zstd pages, at one level for every writer.</summary>
public static class LakeCompression
{
    /// <summary>
    /// The Zstd level: 1, the default of Arrow's C++ Parquet writer. Against level 3, ingest of workload a (2,504 samples,
    /// benchmarks/e2e.sh) took 0.82 -> 0.79 s wall and 1.39 -> 1.32 s CPU (interleaved medians of 11), b and c 1% less
    /// time, for files 3-8% larger (a 7.6 -> 8.2 MB, c 11.0 -> 11.3 MB). Readers do not depend on the level.
    /// </summary>
    public const int ZstdLevel = 1;
}
