namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// Which parts of each record a <see cref="VcfReader"/> decodes (htslib's lazy unpack). CHROM, POS, ID, REF, ALT,
/// QUAL, FILTER and the record's END are always decoded; a part left out is neither decoded nor validated, so a
/// malformed value there goes unnoticed until a reader that asks for it.
/// </summary>
[Flags]
public enum VcfUnpack
{
    /// <summary>Only the fixed columns (and INFO/END for <see cref="VcfRecord.EndPosition"/>).</summary>
    Sites = 0,

    /// <summary>INFO fields, typed.</summary>
    Info = 1,

    /// <summary>FORMAT keys and GT of every sample; the other FORMAT values read as missing.</summary>
    Genotypes = 2,

    /// <summary>GT and every FORMAT field of every sample.</summary>
    Samples = 4 | Genotypes,

    /// <summary>Everything (the default; what ingest and convert use).</summary>
    All = Info | Samples,
}
