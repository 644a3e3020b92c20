namespace Harmony.Genomics.Lake.Tables;

/// <summary>The column types a <see cref="RowTableWriter"/> can write.</summary>
public enum RowColumnType
{
    /// <summary>UTF-8 text.</summary>
    String,

    /// <summary>64-bit integer.</summary>
    Int64,

    /// <summary>32-bit integer.</summary>
    Int32,

    /// <summary>Boolean.</summary>
    Boolean,

    /// <summary>A list of UTF-8 texts.</summary>
    StringList,

    /// <summary>64-bit floating point (copy numbers, log2 ratios, allele fractions).</summary>
    Double,
}
