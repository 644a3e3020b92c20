namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// One <c>##key=value</c> meta-information line (VCF 4.4 §1.4). Structured lines (<c>##key=&lt;A=1,B="x"&gt;</c>)
/// also expose their attributes in order.
/// </summary>
/// <param name="Key">The key before the first <c>=</c>.</param>
/// <param name="Value">The raw value after the first <c>=</c>.</param>
/// <param name="Attributes">The structured attributes with quotes removed, or <c>null</c> for an unstructured line.</param>
public sealed record VcfMetaLine(string Key, string Value, IReadOnlyList<KeyValuePair<string, string>>? Attributes)
{
    /// <summary>The raw line without the leading <c>##</c>.</summary>
    public string Text => $"{Key}={Value}";

    /// <summary>The value of a structured attribute, or <c>null</c>.</summary>
    public string? this[string attribute]
    {
        get
        {
            if (Attributes is null)
            {
                return null;
            }

            foreach (var pair in Attributes)
            {
                if (pair.Key == attribute)
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }
}
