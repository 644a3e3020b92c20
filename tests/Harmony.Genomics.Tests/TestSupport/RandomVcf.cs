using System.Globalization;
using System.Text;

namespace Harmony.Genomics.Tests.TestSupport;

/// <summary>
/// A seeded generator of valid VCF 4.3 text: INFO and FORMAT fields of every Type and Number (1, A, R, G for FORMAT, '.',
/// 2), 0 to 5 samples, multi-allelic records, missing values and vector elements, ploidy 1 to 3 with phased, unphased and
/// mixed separators and missing alleles, and one line longer than 70 KB. Every key used is declared in the header.
/// </summary>
public static class RandomVcf
{
    private static readonly string[] Types = ["Integer", "Float", "String", "Character"];
    private static readonly string[] InfoNumbers = ["1", "A", "R", ".", "2"];
    private static readonly string[] FormatNumbers = ["1", "A", "R", "G", ".", "2"];
    private static readonly string[] Alleles = ["A", "C", "G", "T", "AC", "GT", "TTA", "CAG"];

    private sealed record Field(string Id, string Number, string Type);

    /// <summary>Generates the text for <paramref name="seed"/>; <paramref name="samples"/> overrides the random sample count.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="records">How many records.</param>
    /// <param name="samples">The sample count (random when null).</param>
    /// <param name="longLine">Whether one line is longer than 70 KB.</param>
    /// <param name="sameKeys">The chance that a record uses the INFO and FORMAT keys of the one before (as records of a real
    /// file nearly always do), instead of keys drawn afresh.</param>
    /// <param name="diploid">The chance that a call is diploid (else of ploidy 1 to 3).</param>
    public static string Generate(int seed, int records = 150, int? samples = null, bool longLine = true, double sameKeys = 0, double diploid = 0.7)
    {
        var rng = new Random(seed);
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.3\n");
        foreach (var chrom in new[] { "chr1", "chr2", "chrX" })
        {
            text.Append(CultureInfo.InvariantCulture, $"##contig=<ID={chrom},length=100000000>\n");
        }

        text.Append("##FILTER=<ID=q10,Description=\"Quality below 10\">\n##FILTER=<ID=s50,Description=\"Less than 50% of samples\">\n");

        var info = new List<Field>();
        foreach (var type in Types)
        {
            foreach (var number in InfoNumbers)
            {
                if (rng.NextDouble() < 0.85)
                {
                    info.Add(new Field($"I{type[0]}{Code(number)}", number, type));
                }
            }
        }

        info.Add(new Field("FLAG", "0", "Flag"));
        info.Add(new Field("LONG", "1", "String"));
        Shuffle(rng, info);
        foreach (var f in info)
        {
            text.Append(CultureInfo.InvariantCulture, $"##INFO=<ID={f.Id},Number={f.Number},Type={f.Type},Description=\"{f.Type} with Number={f.Number}\">\n");
        }

        var format = new List<Field>();
        foreach (var type in Types)
        {
            foreach (var number in FormatNumbers)
            {
                if (rng.NextDouble() < 0.85)
                {
                    format.Add(new Field($"F{type[0]}{Code(number)}", number, type));
                }
            }
        }

        Shuffle(rng, format);
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        foreach (var f in format)
        {
            text.Append(CultureInfo.InvariantCulture, $"##FORMAT=<ID={f.Id},Number={f.Number},Type={f.Type},Description=\"{f.Type} with Number={f.Number}\">\n");
        }

        var sampleCount = samples ?? rng.Next(0, 6);
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        if (sampleCount > 0)
        {
            text.Append("\tFORMAT");
            for (var s = 0; s < sampleCount; s++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\tSAMPLE_{seed}_{s}");
            }
        }

        text.Append('\n');
        var longAt = longLine ? rng.Next(records) : -1;
        long pos = 0;
        HashSet<string>? lastInfo = null;
        List<Field>? lastFormat = null;
        for (var r = 0; r < records; r++)
        {
            // No draw when sameKeys is 0, so that a seed gives the text it gave before the option.
            var sameAsLast = sameKeys > 0 && lastInfo is not null && rng.NextDouble() < sameKeys;
            var infoKeys = new HashSet<string>();
            var chrom = r < records / 3 ? "chr1" : r < 2 * records / 3 ? "chr2" : "chrX";
            if (r == records / 3 || r == 2 * records / 3)
            {
                pos = 0;
            }

            pos += rng.Next(1, 2000);
            var reference = rng.NextDouble() < 0.8 ? Alleles[rng.Next(4)] : Alleles[rng.Next(4, Alleles.Length)];
            var alts = new List<string>();
            if (rng.NextDouble() >= 0.08)
            {
                var altCount = rng.NextDouble() < 0.6 ? 1 : rng.Next(2, 4);
                while (alts.Count < altCount)
                {
                    var a = Alleles[rng.Next(Alleles.Length)];
                    if (a != reference && !alts.Contains(a))
                    {
                        alts.Add(a);
                    }
                }
            }

            var n = alts.Count;
            text.Append(CultureInfo.InvariantCulture, $"{chrom}\t{pos}\t{(rng.NextDouble() < 0.5 ? "." : $"rs{seed}_{r}")}\t{reference}\t{(n == 0 ? "." : string.Join(',', alts))}\t");
            text.Append(rng.NextDouble() < 0.2 ? "." : (rng.Next(0, 10000) / 10.0).ToString(CultureInfo.InvariantCulture)).Append('\t');
            text.Append(rng.Next(4) switch { 0 => ".", 1 => "PASS", 2 => "q10", _ => "q10;s50" }).Append('\t');

            var entries = new List<string>();
            foreach (var f in info)
            {
                if (f.Id == "LONG")
                {
                    if (r == longAt)
                    {
                        entries.Add("LONG=" + new string('L', 72_000) + "END");
                    }

                    continue;
                }

                if (f.Number == "A" && n == 0 || (sameAsLast ? !lastInfo!.Contains(f.Id) : rng.NextDouble() < 0.5))
                {
                    continue;
                }

                infoKeys.Add(f.Id);

                if (f.Type == "Flag")
                {
                    entries.Add(f.Id);
                    continue;
                }

                entries.Add(f.Id + "=" + Values(rng, f, n, ploidy: 2));
            }

            text.Append(entries.Count == 0 ? "." : string.Join(';', entries));
            List<Field>? lastFormatKeys = null;
            if (sampleCount > 0)
            {
                var keys = sameAsLast ? new List<Field>(lastFormat!) : format.Where(_ => rng.NextDouble() < 0.6).ToList();
                if (n == 0)
                {
                    keys.RemoveAll(k => k.Number == "A");
                }

                lastFormatKeys = keys;
                text.Append("\tGT");
                foreach (var k in keys)
                {
                    text.Append(':').Append(k.Id);
                }

                for (var s = 0; s < sampleCount; s++)
                {
                    var ploidy = rng.NextDouble() < diploid ? 2 : rng.Next(1, 4);
                    text.Append('\t').Append(Genotype(rng, ploidy, n));
                    foreach (var k in keys)
                    {
                        text.Append(':').Append(Values(rng, k, n, ploidy));
                    }
                }
            }

            text.Append('\n');
            (lastInfo, lastFormat) = (infoKeys, sampleCount > 0 ? lastFormatKeys : null);
        }

        return text.ToString();
    }

    private static string Genotype(Random rng, int ploidy, int altCount)
    {
        var mode = rng.Next(3); // 0 unphased, 1 phased, 2 mixed
        var text = new StringBuilder();
        for (var i = 0; i < ploidy; i++)
        {
            if (i > 0)
            {
                text.Append(mode switch { 0 => '/', 1 => '|', _ => rng.Next(2) == 0 ? '/' : '|' });
            }

            text.Append(rng.NextDouble() < 0.1 ? "." : rng.Next(altCount + 1).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Values(Random rng, Field f, int altCount, int ploidy)
    {
        if (rng.NextDouble() < 0.1)
        {
            return ".";
        }

        var count = f.Number switch
        {
            "1" => 1,
            "2" => 2,
            "A" => altCount,
            "R" => altCount + 1,
            "G" => Combinations(altCount + 1, ploidy),
            _ => rng.Next(1, 4),
        };
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = count > 1 && rng.NextDouble() < 0.15 ? "." : Value(rng, f.Type);
        }

        return string.Join(',', values);
    }

    private static string Value(Random rng, string type) => type switch
    {
        "Integer" => rng.Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture),
        "Float" => rng.Next(3) switch
        {
            0 => (rng.Next(-100_000, 100_000) / 1000.0).ToString(CultureInfo.InvariantCulture),
            1 => rng.Next(0, 100).ToString(CultureInfo.InvariantCulture),
            _ => (rng.NextDouble() * 1e-5).ToString("E3", CultureInfo.InvariantCulture),
        },
        "Character" => ((char)('a' + rng.Next(26))).ToString(),
        _ => new string([.. Enumerable.Range(0, rng.Next(1, 9)).Select(_ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"[rng.Next(63)])]),
    };

    // The number of genotypes of `ploidy` alleles drawn from `alleles`: C(alleles + ploidy - 1, ploidy).
    private static int Combinations(int alleles, int ploidy)
    {
        long c = 1;
        for (var i = 1; i <= ploidy; i++)
        {
            c = c * (alleles + i - 1) / i;
        }

        return (int)c;
    }

    private static string Code(string number) => number switch { "." => "dot", _ => number };

    private static void Shuffle<T>(Random rng, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
