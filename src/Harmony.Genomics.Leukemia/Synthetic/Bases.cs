namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>Random nucleotides for synthetic REF/ALT where no reference sequence is known.</summary>
internal static class Bases
{
    private const string Acgt = "ACGT";

    public static char Random(Xoshiro256StarStar r) => Acgt[r.NextInt(4)];

    public static char Other(Xoshiro256StarStar r, char reference)
    {
        var index = Acgt.IndexOf(reference, StringComparison.Ordinal);
        return Acgt[(index + 1 + r.NextInt(3)) % 4];
    }

    public static string Sequence(Xoshiro256StarStar r, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Random(r);
        }

        return new string(chars);
    }
}
