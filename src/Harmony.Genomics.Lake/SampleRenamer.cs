using System.Text.RegularExpressions;

namespace Harmony.Genomics.Lake;

/// <summary>Replaces occurrences of raw sample names, between non-alphanumeric bounds, with their pseudonyms, longest name first.</summary>
internal sealed class SampleRenamer
{
    private readonly IReadOnlyDictionary<string, string> _renames;
    private readonly Regex? _pattern;

    internal SampleRenamer(IReadOnlyDictionary<string, string> renames)
    {
        _renames = renames;
        // With every name kept as it is (--keep-sample-ids) there is nothing to replace, so no pattern is built.
        var identities = renames.All(r => r.Key == r.Value);
        var names = identities ? [] : renames.Keys.Where(k => k.Length > 0).OrderByDescending(k => k.Length).Select(Regex.Escape).ToList();
        if (names.Count > 0)
        {
            // A name is bounded by anything but a letter or digit: "PATIENT_1" does not match inside "PATIENT_10", but
            // it does inside "PATIENT_1_sorted.bam" and "run_PATIENT_1" (file names joined by '_' are the rule in
            // pipelines). Longest first, so a longer name is replaced whole before a shorter one inside it can match.
            _pattern = new Regex(
                $"(?<![A-Za-z0-9])(?:{string.Join('|', names)})(?![A-Za-z0-9])",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(5));
        }
    }

    internal bool TryRename(string name, out string pseudonym)
    {
        if (_renames.TryGetValue(name, out var p))
        {
            pseudonym = p;
            return true;
        }

        pseudonym = name;
        return false;
    }

    internal string Replace(string text) => _pattern is null ? text : _pattern.Replace(text, m => _renames[m.Value]);
}
