using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Formats.Calls;

/// <summary>The records of a structural-variant VCF with its header (for assembly detection).</summary>
/// <param name="Source">The name used in errors and evidence.</param>
/// <param name="Header">The VCF header.</param>
/// <param name="Records">Records in file order.</param>
public sealed record StructuralVariantFile(string Source, VcfHeader Header, IReadOnlyList<StructuralVariantRecord> Records);
