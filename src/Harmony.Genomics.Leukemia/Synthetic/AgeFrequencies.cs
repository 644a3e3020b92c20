namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>A probability per age group.</summary>
/// <param name="Child">1–14 years.</param>
/// <param name="Aya">15–39 years.</param>
/// <param name="Adult">40–59 years.</param>
/// <param name="OlderAdult">60 years and over.</param>
internal sealed record AgeFrequencies(double Child, double Aya, double Adult, double OlderAdult)
{
    public double For(AgeGroup group) => group switch
    {
        AgeGroup.Child => Child,
        AgeGroup.Aya => Aya,
        AgeGroup.Adult => Adult,
        _ => OlderAdult,
    };

    public static AgeFrequencies All(double p) => new(p, p, p, p);

    /// <summary>As the truth table prints it.</summary>
    public string Text() => FormattableString.Invariant($"child {Child}, AYA {Aya}, adult {Adult}, older {OlderAdult}");
}
