namespace Harmony.Genomics.Leukemia.Synthetic;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64. The synthetic cohort must be byte-identical for a
/// seed and version, so it never uses <see cref="System.Random"/>, whose algorithm .NET does not specify. Each patient
/// gets its own generator derived from (seed, patient index, stream), so patients are independent of one another and
/// of the order or thread they are written in.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>A generator for one patient and one purpose; streams keep e.g. the noise independent of the biology.</summary>
    public static Xoshiro256StarStar For(ulong seed, long patient, ulong stream)
    {
        var sm = seed ^ 0x9E3779B97F4A7C15UL;
        var a = SplitMix64(ref sm);
        sm = a ^ (ulong)patient * 0xBF58476D1CE4E5B9UL;
        var b = SplitMix64(ref sm);
        sm = b ^ stream * 0x94D049BB133111EBUL;
        return new Xoshiro256StarStar(SplitMix64(ref sm));
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).</summary>
    public long NextLong(long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        }

        var range = (ulong)n;
        var high = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (long)high;
    }

    public int NextInt(int n) => (int)NextLong(n);

    /// <summary>Uniform integer in [min, max], both included.</summary>
    public long Between(long min, long max) => min + NextLong(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal by Box–Muller (one of the pair is discarded: simpler state, same determinism).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    /// <summary>Binomial by summing Bernoulli draws: depths here are at most a few hundred reads.</summary>
    public int Binomial(int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            if (NextDouble() < p)
            {
                k++;
            }
        }

        return k;
    }

    /// <summary>Poisson by Knuth's product method (small means only).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = NextDouble();
        while (product > limit)
        {
            k++;
            product *= NextDouble();
        }

        return k;
    }

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
