namespace Harmony.Genomics.Formats.Compression;

/// <summary>The compression an input was found to use, sniffed from its first bytes.</summary>
public enum InputCompression
{
    /// <summary>Uncompressed bytes, passed through as they are.</summary>
    Plain,

    /// <summary>Ordinary gzip, possibly several concatenated members; inflated on one thread.</summary>
    Gzip,

    /// <summary>Blocked gzip (BGZF, as written by bgzip and htslib); blocks may be inflated in parallel.</summary>
    Bgzf,
}
