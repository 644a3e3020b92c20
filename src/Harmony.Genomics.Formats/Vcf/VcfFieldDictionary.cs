using System.Text;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The INFO or FORMAT definitions of a header, looked up by the UTF-8 bytes of a record without allocating.</summary>
/// <remarks>
/// Lookups may run on several decoder threads while one of them adds a field met in a record: they read an index
/// that an addition replaces rather than changes, so they need no lock.
/// </remarks>
public sealed class VcfFieldDictionary
{
    private readonly List<VcfFieldDefinition> _fields = [];
    private System.Collections.ObjectModel.ReadOnlyCollection<VcfFieldDefinition>? _view;
    private readonly Lock _adding = new();
    private volatile Index _index = new(new Dictionary<string, VcfFieldDefinition>(StringComparer.Ordinal));
    private volatile int _count;

    internal VcfFieldDictionary()
    {
    }

    /// <summary>The definitions in header order; undefined fields met in records are appended as they appear.</summary>
    public IReadOnlyList<VcfFieldDefinition> Fields => _view ??= _fields.AsReadOnly();

    /// <summary>
    /// Definition <paramref name="index"/> (below <see cref="Count"/>); safe to call while a decoder thread adds one, as
    /// decoder workers that pivot records do. Reading <see cref="Fields"/> then would race with the list growing.
    /// </summary>
    internal VcfFieldDefinition At(int index)
    {
        lock (_adding)
        {
            return _fields[index];
        }
    }

    /// <summary>How many definitions there are; safe to read while a decoder thread adds one.</summary>
    internal int Count => _count;

    /// <summary>Raised when a definition is added after the header was read (an undefined field met in a record).</summary>
    internal event Action<VcfFieldDefinition>? Added;

    /// <summary>Finds a definition by ID.</summary>
    public bool TryGet(string id, out VcfFieldDefinition definition) => _index.ById.TryGetValue(id, out definition!);

    /// <summary>Finds a definition by the ASCII bytes of its ID.</summary>
    public bool TryGet(ReadOnlySpan<byte> id, out VcfFieldDefinition definition)
    {
        Span<char> chars = id.Length <= 256 ? stackalloc char[id.Length] : new char[id.Length];
        var n = Encoding.UTF8.GetChars(id, chars);
        return _index.ByChars.TryGetValue(chars[..n], out definition!);
    }

    /// <param name="definition">The definition; its <see cref="VcfFieldDefinition.Index"/> is set.</param>
    /// <param name="notify">True for a field met in a record (raises <see cref="Added"/>); false while the header is read.</param>
    internal bool TryAdd(VcfFieldDefinition definition, bool notify)
    {
        lock (_adding)
        {
            var index = _index;
            if (index.ById.ContainsKey(definition.Id))
            {
                return false;
            }

            definition.Index = _fields.Count;
            _fields.Add(definition);
            if (notify)
            {
                // Met in a record: decoder threads may be looking fields up, so they get a new index.
                _index = new Index(new Dictionary<string, VcfFieldDefinition>(index.ById, StringComparer.Ordinal) { [definition.Id] = definition });
            }
            else
            {
                // Header time, before any record is decoded: no copy, so thousands of declared fields cost no more than before.
                index.ById.Add(definition.Id, definition);
            }

            _count = _fields.Count;
        }

        if (notify)
        {
            Added?.Invoke(definition);
        }

        return true;
    }

    private sealed class Index(Dictionary<string, VcfFieldDefinition> byId)
    {
        public readonly Dictionary<string, VcfFieldDefinition> ById = byId;
        public readonly Dictionary<string, VcfFieldDefinition>.AlternateLookup<ReadOnlySpan<char>> ByChars = byId.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
