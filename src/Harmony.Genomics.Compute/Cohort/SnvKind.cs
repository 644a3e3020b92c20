namespace Harmony.Genomics.Compute.Cohort;

/// <summary>Transition/transversion class of a biallelic SNV, for per-sample Ts/Tv.</summary>
internal enum SnvKind : byte
{
    /// <summary>Not a biallelic SNV of A/C/G/T.</summary>
    Other = 0,

    /// <summary>A↔G or C↔T.</summary>
    Transition = 1,

    /// <summary>Any other base change.</summary>
    Transversion = 2,
}

/// <summary>Classifies REF/ALT into <see cref="SnvKind"/>.</summary>
internal static class SnvClassifier
{
    public static SnvKind Classify(string reference, IReadOnlyList<string> alts)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(alts);
        if (alts.Count != 1 || reference.Length != 1 || alts[0].Length != 1)
        {
            return SnvKind.Other;
        }

        var r = char.ToUpperInvariant(reference[0]);
        var a = char.ToUpperInvariant(alts[0][0]);
        if ("ACGT".IndexOf(r, StringComparison.Ordinal) < 0 || "ACGT".IndexOf(a, StringComparison.Ordinal) < 0 || r == a)
        {
            return SnvKind.Other;
        }

        var purines = (r is 'A' or 'G') && (a is 'A' or 'G');
        var pyrimidines = (r is 'C' or 'T') && (a is 'C' or 'T');
        return purines || pyrimidines ? SnvKind.Transition : SnvKind.Transversion;
    }
}
