namespace Harmony.Genomics.Lake;

/// <summary>One <c>key=value</c> of a structured VCF meta line (<c>##INFO=&lt;ID=DP,...&gt;</c>); <paramref name="Value"/> is unquoted.</summary>
internal sealed record MetaField(string Key, string Value, bool Quoted)
{
    /// <summary>Parses the text between '&lt;' and '&gt;'; <c>null</c> if it is malformed (unbalanced quotes or brackets).</summary>
    internal static List<MetaField>? ParseAll(string body)
    {
        var fields = new List<MetaField>();
        var i = 0;
        while (i < body.Length)
        {
            var eq = body.IndexOf('=', i);
            if (eq < 0)
            {
                return null;
            }

            var key = body[i..eq].Trim();
            i = eq + 1;
            var value = new System.Text.StringBuilder();
            var quoted = i < body.Length && body[i] == '"';
            if (quoted)
            {
                // VCF 4.4 §1.4: quoted values escape '"' and '\' with a backslash.
                i++;
                while (i < body.Length && body[i] != '"')
                {
                    if (body[i] == '\\' && i + 1 < body.Length)
                    {
                        i++;
                    }

                    value.Append(body[i++]);
                }

                if (i >= body.Length)
                {
                    return null;
                }

                i++;
            }
            else
            {
                // Brackets (##META Values=[a, b]) may contain commas.
                var depth = 0;
                while (i < body.Length && (body[i] != ',' || depth > 0))
                {
                    depth += body[i] switch { '[' => 1, ']' => -1, _ => 0 };
                    value.Append(body[i++]);
                }

                if (depth != 0)
                {
                    return null;
                }
            }

            fields.Add(new MetaField(key, value.ToString(), quoted));
            while (i < body.Length && body[i] == ' ')
            {
                i++;
            }

            if (i < body.Length)
            {
                if (body[i] != ',')
                {
                    return null;
                }

                i++;
            }
        }

        return fields;
    }

    /// <summary>Formats back to VCF syntax, re-escaping quoted values.</summary>
    public override string ToString() =>
        Quoted ? $"{Key}=\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : $"{Key}={Value}";
}
