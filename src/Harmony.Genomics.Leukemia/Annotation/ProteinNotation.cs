namespace Harmony.Genomics.Leukemia;

/// <summary>
/// Shortens HGVS protein changes to the form abnormality names use: transcript prefix dropped, three-letter amino
/// acids to one letter (<c>ENSP…:p.Gly12Asp</c> → <c>p.G12D</c>, <c>Ter</c> → <c>*</c>).
/// </summary>
internal static class ProteinNotation
{
    private static readonly (string Three, string One)[] Codes =
    [
        ("Ala", "A"), ("Arg", "R"), ("Asn", "N"), ("Asp", "D"), ("Cys", "C"), ("Gln", "Q"), ("Glu", "E"), ("Gly", "G"), ("His", "H"), ("Ile", "I"),
        ("Leu", "L"), ("Lys", "K"), ("Met", "M"), ("Phe", "F"), ("Pro", "P"), ("Ser", "S"), ("Thr", "T"), ("Trp", "W"), ("Tyr", "Y"), ("Val", "V"),
        ("Sec", "U"), ("Pyl", "O"), ("Ter", "*"),
    ];

    public static string Short(string hgvsp)
    {
        if (hgvsp.Length == 0)
        {
            return hgvsp;
        }

        var colon = hgvsp.LastIndexOf(':');
        var text = colon >= 0 ? hgvsp[(colon + 1)..] : hgvsp;
        foreach (var (three, one) in Codes)
        {
            text = text.Replace(three, one, StringComparison.Ordinal);
        }

        return text;
    }

    public static string WithoutTranscript(string hgvs)
    {
        var colon = hgvs.LastIndexOf(':');
        return colon >= 0 ? hgvs[(colon + 1)..] : hgvs;
    }
}
