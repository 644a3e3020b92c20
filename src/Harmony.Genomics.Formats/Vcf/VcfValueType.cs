namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The value types of INFO and FORMAT fields (VCF 4.4 §1.4.2).</summary>
public enum VcfValueType
{
    /// <summary>A 32-bit signed integer.</summary>
    Integer,

    /// <summary>A 32-bit IEEE float in the file; kept as a double in memory so no digits are lost.</summary>
    Float,

    /// <summary>A flag: present or absent, no value (INFO only).</summary>
    Flag,

    /// <summary>A single character.</summary>
    Character,

    /// <summary>Free text.</summary>
    String,
}
