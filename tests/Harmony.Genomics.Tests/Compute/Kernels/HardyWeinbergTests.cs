using Harmony.Genomics.Compute.Cohort;

namespace Harmony.Genomics.Tests.Compute.Kernels;

public class HardyWeinbergTests
{
    [Fact]
    public void MatchesThePublishedSnpHweToOneInABillion()
    {
        var random = new Random(8);
        for (var trial = 0; trial < 5000; trial++)
        {
            var n = random.Next(1, trial < 4000 ? 300 : 5000);
            var p = random.NextDouble();
            int hom1 = 0, het = 0, hom2 = 0;
            var disequilibrium = random.NextDouble() < 0.3;
            for (var i = 0; i < n; i++)
            {
                var a = random.NextDouble() < p;
                var b = disequilibrium ? a : random.NextDouble() < p;
                if (a && b)
                {
                    hom2++;
                }
                else if (a || b)
                {
                    het++;
                }
                else
                {
                    hom1++;
                }
            }

            var expected = SnpHweReference.SnpHwe(het, hom1, hom2);
            var actual = HardyWeinberg.PValue(het, hom1, hom2);
            Assert.True(
                Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected),
                $"het={het} hom1={hom1} hom2={hom2}: {actual:R} vs reference {expected:R}");
        }
    }

    [Theory]
    [InlineData(0, 0, 0)]
    public void NoGenotypesIsNaN(int het, int hom1, int hom2) => Assert.True(double.IsNaN(HardyWeinberg.PValue(het, hom1, hom2)));

    [Fact]
    public void KnownValues()
    {
        // Monomorphic sites are in equilibrium; an excess of heterozygotes is not.
        Assert.Equal(1.0, HardyWeinberg.PValue(0, 100, 0));
        Assert.True(HardyWeinberg.PValue(100, 0, 0) < 1e-25);
        Assert.Equal(SnpHweReference.SnpHwe(57, 14, 29), HardyWeinberg.PValue(57, 14, 29), 12);
    }
}
