using System.Globalization;

namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>
/// MRD log reduction between consecutive time points, log10(MRD_t1 / MRD_t2), from the sheet's <c>mrd_&lt;time
/// point&gt;</c> columns (fractions). The formula is the standard definition ([U], ALL-knowledge.md §1.4). MRD-negative
/// values (<c>&lt;0.0001</c>, or <c>negative</c>/<c>0</c> with <c>mrd_lod</c>) are censored at the limit of detection,
/// never treated as zero: a censored later value gives a lower bound, a censored earlier value an upper bound, both
/// censored gives <c>not assessable</c>.
/// </summary>
internal static class MrdLogReductionRule
{
    /// <summary>Scheme name.</summary>
    public const string Scheme = "MRD-log-reduction";

    /// <summary>Rule version.</summary>
    public const string Version = "MRD log10 reduction v1 (log10(MRD_t1/MRD_t2), consecutive time points; formula [U] ALL-knowledge.md §1.4; censored at LoD)";

    /// <summary>One row per consecutive pair of time points (patient level, no specimen).</summary>
    public static IEnumerable<ClassificationRow> Classify(string patient, IReadOnlyDictionary<string, string> clinical)
    {
        var lod = clinical.TryGetValue("mrd_lod", out var l) && TryFraction(l, out var lodValue) ? lodValue : (double?)null;
        var points = clinical.Where(kv => kv.Key.StartsWith("mrd_", StringComparison.Ordinal) && kv.Key != "mrd_lod")
            .Select(kv => (Point: kv.Key[4..], Text: kv.Value.Trim(), Order: Order(kv.Key[4..])))
            .Where(p => p.Order is not null).OrderBy(p => p.Order).ThenBy(p => p.Point, StringComparer.Ordinal).ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (a, b) = (points[i], points[i + 1]);
            var label = $"{a.Point}->{b.Point}";
            var ma = Parse(a.Text, lod);
            var mb = Parse(b.Text, lod);
            var inputs = $"mrd_{a.Point}={a.Text}; mrd_{b.Point}={b.Text}{(lod is { } d ? $"; mrd_lod={d.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}";
            if (a.Order == b.Order)
            {
                // eoi is placed at day 33 and dx at day 0 [U]: day33 and eoi (or day0 and dx) are one time point, and a
                // reduction over no interval is no kinetics, whichever value is put first.
                yield return new ClassificationRow(patient, null, Scheme, label, null, false, $"{inputs}: the same time point in this rule's order (day {a.Order!.Value.ToString(CultureInfo.InvariantCulture)}; eoi = day 33, dx = day 0 [U]): no interval, reduction undefined", Version);
                continue;
            }

            if (ma.Error is not null || mb.Error is not null)
            {
                yield return new ClassificationRow(patient, null, Scheme, label, null, false, $"{inputs}: {ma.Error ?? mb.Error}", Version);
                continue;
            }

            if (ma.Censored && mb.Censored)
            {
                yield return new ClassificationRow(patient, null, Scheme, label, null, false, $"{inputs}: both below the limit of detection (censored): reduction undefined", Version);
                continue;
            }

            var value = Math.Round(Math.Log10(ma.Value / mb.Value), 4);
            var bound = mb.Censored ? $"later value censored at {mb.Value.ToString(CultureInfo.InvariantCulture)}: value is a lower bound (>= {value.ToString(CultureInfo.InvariantCulture)})"
                : ma.Censored ? $"earlier value censored at {ma.Value.ToString(CultureInfo.InvariantCulture)}: value is an upper bound (<= {value.ToString(CultureInfo.InvariantCulture)})"
                : "both quantified";
            yield return new ClassificationRow(patient, null, Scheme, label, value, true, $"{inputs}; {bound}", Version);
        }
    }

    /// <summary>Sort key of a time point: <c>dayN</c> → N, <c>weekN</c> → 7N, <c>eoi</c> → 33, <c>eoc</c> → 120, <c>diagnosis</c>/<c>dx</c> → 0; null for others.</summary>
    public static double? Order(string point)
    {
        var p = point.ToLowerInvariant();
        if (p is "diagnosis" or "dx")
        {
            return 0;
        }

        if (p == "eoi")
        {
            return 33; // end of induction, placed after day 29/33 and before week 12 [U]
        }

        if (p == "eoc")
        {
            return 120; // end of consolidation [U]
        }

        // Days and weeks are whole numbers written in digits (day15, week12): 'day1e1' or 'dayinfinity' is no time point.
        if (p.StartsWith("day", StringComparison.Ordinal) && int.TryParse(p[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return day;
        }

        return p.StartsWith("week", StringComparison.Ordinal) && int.TryParse(p[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var week) ? week * 7.0 : null;
    }

    private static (double Value, bool Censored, string? Error) Parse(string text, double? lod)
    {
        var t = text.Trim();
        if (t.StartsWith('<'))
        {
            return TryFraction(t[1..], out var v) && v > 0 ? (v, true, null) : (0, false, $"'{text}' is not '<fraction'");
        }

        if (IsNegative(t))
        {
            return lod is { } d ? (d, true, null) : (0, false, $"'{text}' is MRD-negative but no mrd_lod is given: cannot censor (never treated as zero)");
        }

        if (!TryFraction(t, out var value))
        {
            return (0, false, $"'{text}' is not an MRD fraction");
        }

        return value > 1 ? (0, false, $"'{text}' is above 1: MRD must be a fraction, not a percentage") : (value, false, null);
    }

    /// <summary>Whether an MRD value is negative (<c>negative</c>, <c>neg</c> or 0): censored at the limit of detection.</summary>
    internal static bool IsNegative(string text)
    {
        var t = text.Trim();
        return t.Equals("negative", StringComparison.OrdinalIgnoreCase) || t.Equals("neg", StringComparison.OrdinalIgnoreCase) || (TryFraction(t, out var z) && z == 0);
    }

    private static bool TryFraction(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0;
}
