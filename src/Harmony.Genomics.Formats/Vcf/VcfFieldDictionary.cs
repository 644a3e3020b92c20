using System.Text;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The INFO or FORMAT definitions of a header, looked up by the UTF-8 bytes of a record without allocating.</summary>
public sealed class VcfFieldDictionary
{
    private readonly List<VcfFieldDefinition> _fields = [];
    private readonly Dictionary<string, VcfFieldDefinition> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VcfFieldDefinition>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    internal VcfFieldDictionary() => _lookup = _byId.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The definitions in header order; undefined fields met in records are appended as they appear.</summary>
    public IReadOnlyList<VcfFieldDefinition> Fields => _fields;

    /// <summary>Raised when a definition is added after the header was read (an undefined field met in a record).</summary>
    internal event Action<VcfFieldDefinition>? Added;

    /// <summary>Finds a definition by ID.</summary>
    public bool TryGet(string id, out VcfFieldDefinition definition) => _byId.TryGetValue(id, out definition!);

    /// <summary>Finds a definition by the ASCII bytes of its ID.</summary>
    public bool TryGet(ReadOnlySpan<byte> id, out VcfFieldDefinition definition)
    {
        Span<char> chars = id.Length <= 256 ? stackalloc char[id.Length] : new char[id.Length];
        var n = Encoding.UTF8.GetChars(id, chars);
        return _lookup.TryGetValue(chars[..n], out definition!);
    }

    internal bool TryAdd(VcfFieldDefinition definition, bool notify)
    {
        if (!_byId.TryAdd(definition.Id, definition))
        {
            return false;
        }

        definition.Index = _fields.Count;
        _fields.Add(definition);
        if (notify)
        {
            Added?.Invoke(definition);
        }

        return true;
    }
}
