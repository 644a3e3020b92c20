namespace Harmony.Genomics.Formats.Vcf;

/// <summary>An INFO or FORMAT field as the header defines it (or as the reader assumed it, when undefined).</summary>
/// <param name="Id">The field's ID as written.</param>
/// <param name="Number">How many values the field carries.</param>
/// <param name="Type">The value type.</param>
/// <param name="Description">The header's description.</param>
/// <param name="IsDeclared">False when the header lacks the field and the reader assumed a definition, as bcftools does.</param>
public sealed record VcfFieldDefinition(string Id, VcfNumber Number, VcfValueType Type, string Description, bool IsDeclared = true)
{
    /// <summary>The position of this field in its header dictionary (INFO or FORMAT), stable for the life of the header.</summary>
    public int Index { get; internal set; }
}
