namespace Harmony.Genomics.Formats.Calls;

/// <summary>The <c>SVTYPE</c> of a structural-variant record.</summary>
public enum StructuralVariantType
{
    /// <summary><c>DEL</c>: deletion between POS and END.</summary>
    Deletion,

    /// <summary><c>DUP</c> (also <c>DUP:TANDEM</c>): duplication of POS..END.</summary>
    Duplication,

    /// <summary><c>INV</c>: inversion of POS..END.</summary>
    Inversion,

    /// <summary><c>INS</c>: insertion at POS.</summary>
    Insertion,

    /// <summary><c>TRA</c>: translocation to <c>CHR2</c>:<c>END</c> (DELLY before 0.8, older callers).</summary>
    Translocation,

    /// <summary><c>BND</c>: one breakend of a novel adjacency, partner in bracket ALT notation.</summary>
    Breakend,

    /// <summary><c>CNV</c> or another type: kept, but not interpreted as an adjacency.</summary>
    Other,
}
