namespace Harmony.Genomics.Leukemia;

/// <summary>What a sample-sheet file holds (the sheet's <c>kind</c> column).</summary>
public enum DataKind
{
    /// <summary><c>small_variants</c>: SNV/indel VCF.</summary>
    SmallVariants,

    /// <summary><c>structural_variants</c>: SV VCF (BND, DEL, DUP, INV …).</summary>
    StructuralVariants,

    /// <summary><c>copy_number</c>: copy-number segments.</summary>
    CopyNumber,

    /// <summary><c>fusions</c>: a fusion caller's table.</summary>
    Fusions,
}
