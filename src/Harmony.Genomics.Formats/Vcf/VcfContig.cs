namespace Harmony.Genomics.Formats.Vcf;

/// <summary>A <c>##contig</c> line.</summary>
/// <param name="Id">The contig name as written.</param>
/// <param name="Length">Its length when declared.</param>
public sealed record VcfContig(string Id, long? Length);
