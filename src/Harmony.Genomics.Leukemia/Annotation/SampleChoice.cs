using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Leukemia;

/// <summary>Which sample column of a VCF is the specimen, and why.</summary>
/// <param name="Index">0-based sample column, or -1 for a sites-only file.</param>
/// <param name="Reason">How it was chosen.</param>
internal sealed record SampleChoice(int Index, string Reason)
{
    private const string Guess = "first of";

    /// <summary>True when several columns left the first one taken without a header line or name to go by.</summary>
    public bool IsGuess => Reason.StartsWith(Guess, StringComparison.Ordinal);

    /// <summary>
    /// The caller's own header lines first (Mutect2 <c>##tumor_sample</c>/<c>##normal_sample</c>), then a column
    /// named like the specimen, then a single column; otherwise the first column, said so in the reason.
    /// </summary>
    public static SampleChoice For(VcfHeader header, SpecimenType type, string? specimenId)
    {
        var names = header.SampleNames;
        if (names.Count == 0)
        {
            return new SampleChoice(-1, "sites-only file: every PASS record counts as present");
        }

        var key = type == SpecimenType.Tumour ? "tumor_sample" : "normal_sample";
        var declared = header.MetaLines.FirstOrDefault(m => m.Key == key)?.Value;
        if (declared is not null && IndexOf(names, declared) is var d and >= 0)
        {
            return new SampleChoice(d, $"##{key}");
        }

        if (specimenId is not null && IndexOf(names, specimenId) is var s and >= 0)
        {
            return new SampleChoice(s, "column named like the specimen");
        }

        return names.Count == 1
            ? new SampleChoice(0, "single sample column")
            : new SampleChoice(0, $"{Guess} {names.Count} sample columns (no ##{key} line and no column named like the specimen)");
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
