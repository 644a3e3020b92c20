namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// The values of one INFO field, or of one FORMAT field for one sample, in a decoded record: a run of
/// <see cref="Count"/> entries starting at <see cref="Start"/> in the record's pool for the field's type
/// (<see cref="VcfRecord.Integers"/>, <see cref="VcfRecord.Floats"/> or <see cref="VcfRecord.Texts"/>).
/// A count of -1 means the whole field is missing or absent.
/// </summary>
/// <param name="Start">The first entry in the type's pool.</param>
/// <param name="Count">The number of entries, or -1 when missing.</param>
public readonly record struct FieldValues(int Start, int Count)
{
    /// <summary>An absent or missing field.</summary>
    public static FieldValues Missing => new(0, -1);

    /// <summary>Whether the field is absent or <c>.</c>.</summary>
    public bool IsMissing => Count < 0;
}
