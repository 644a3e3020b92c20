namespace Harmony.Genomics.Leukemia;

/// <summary>
/// The explicit table of contig names the knowledge base understands: <c>chr1</c>/<c>1</c> … <c>chrX</c>/<c>X</c>,
/// <c>chrY</c>/<c>Y</c>, <c>chrM</c>/<c>MT</c>/<c>M</c>. Any other name (alt, random, decoy, patch contigs) is
/// unknown: it is never matched by guessing, so its records get no knowledge-base annotation.
/// </summary>
public static class ContigAliases
{
    private static readonly Dictionary<string, string> Table = Build();

    /// <summary>The canonical name (<c>chr1</c>, <c>chrX</c>, <c>chrM</c>) for a name in the table, or null.</summary>
    public static string? Canonical(string name) => Table.TryGetValue(name, out var canonical) ? canonical : null;

    /// <summary>Every accepted name with its canonical name.</summary>
    public static IReadOnlyDictionary<string, string> All => Table;

    private static Dictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = Enumerable.Range(1, 22).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(["X", "Y"]);
        foreach (var n in names)
        {
            table[n] = "chr" + n;
            table["chr" + n] = "chr" + n;
        }

        table["chrM"] = "chrM";
        table["MT"] = "chrM";
        table["M"] = "chrM";
        table["chrMT"] = "chrM";
        return table;
    }
}
