namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// The files the engine rejects on purpose (stricter than bcftools), read from a TSV of "file-name TAB reason" lines;
/// lines starting with '#' and blank lines are ignored. A file matches by its name or by its path relative to the corpus.
/// </summary>
public sealed class ConformanceExceptions
{
    private readonly HashSet<string> _names;

    private ConformanceExceptions(HashSet<string> names) => _names = names;

    /// <summary>A list with no entries.</summary>
    public static ConformanceExceptions None { get; } = new([]);

    /// <summary>The names listed (first column).</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Reads the list at <paramref name="tsvPath"/>; a missing file is an empty list.</summary>
    public static ConformanceExceptions Load(string tsvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tsvPath);
        return File.Exists(tsvPath) ? Parse(File.ReadAllText(tsvPath)) : None;
    }

    /// <summary>Parses the TSV text.</summary>
    public static ConformanceExceptions Parse(string tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in BcftoolsOracle.SplitLines(tsv))
        {
            var name = line.Split('\t')[0].TrimEnd('\r');
            if (name.Length > 0 && !name.StartsWith('#'))
            {
                names.Add(name);
            }
        }

        return new ConformanceExceptions(names);
    }

    /// <summary>Whether <paramref name="fileName"/> or <paramref name="relativePath"/> is listed.</summary>
    public bool Contains(string fileName, string? relativePath = null) =>
        _names.Contains(fileName) || (relativePath is not null && _names.Contains(relativePath));
}
