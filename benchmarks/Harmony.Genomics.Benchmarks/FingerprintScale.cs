using System.Diagnostics;
using System.Globalization;
using Harmony.Genomics.Compute.Devices;
using Harmony.Genomics.Compute.Fingerprints;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// `fingerprint-scale [samples] [snps] [threads] [band]`: a planted cohort (PlantedFingerprintCohort) straight into
/// packed genotypes, then the CPU SIMD pair scan. With a band (rows), only the first band of rows is scanned against
/// every sample and the full upper triangle is extrapolated from it (the scan's cost is the same for every block);
/// without one, the whole cohort is scanned and the planted pairs must be found. Prints time, pairs/s and memory.
/// </summary>
internal static class FingerprintScale
{
    public static void Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var samples = Arg(0, 100_000);
        var snps = Arg(1, 10_000);
        var threads = Arg(2, Environment.ProcessorCount);
        var band = Arg(3, 0);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var cohort = PlantedFingerprintCohort.Generate(samples, snps, seed: 2026);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {samples} samples x {snps} SNPs in {clock.Elapsed.TotalSeconds:F1} s; packed genotypes {cohort.Packed.Words.LongLength * 8 / 1e6:F1} MB"));
        using var kernel = FingerprintScan.CreateKernel(ComputeBackend.Simd, threads);
        var totalPairs = (double)samples * (samples - 1) / 2;
        clock.Restart();
        if (band <= 0)
        {
            var found = new List<RelatedPair>();
            FingerprintScan.Run(cohort.Packed, kernel, found.Add);
            var seconds = clock.Elapsed.TotalSeconds;
            var planted = found.Any(p => (p.SampleA, p.SampleB, p.Relationship) == (cohort.DuplicateOf, cohort.Duplicate, Relationship.Duplicate))
                && found.Any(p => (p.SampleA, p.SampleB, p.Relationship) == (cohort.Parent, cohort.Child, Relationship.FirstDegree));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scanned {totalPairs:E3} pairs on {threads} threads in {seconds:F1} s ({totalPairs / seconds:E3} pairs/s); {found.Count} related pairs; planted pairs found: {planted}"));
        }
        else
        {
            // The first `band` rows against every sample: the same kernel calls the scan makes, on a slice of the triangle.
            kernel.Load(cohort.Packed);
            var block = FingerprintScan.DefaultBlock;
            var buffer = new PairCounts[(long)band * block];
            long pairs = 0;
            var related = 0;
            for (var c0 = 0; c0 < samples; c0 += block)
            {
                var cols = Math.Min(block, samples - c0);
                kernel.ComputeBlock(0, band, c0, cols, buffer);
                for (var r = 0; r < band; r++)
                {
                    for (var c = 0; c < cols; c++)
                    {
                        if (c0 + c > r)
                        {
                            pairs++;
                            related += RelationshipRules.Classify(buffer[((long)r * cols) + c], FingerprintScan.DefaultMinSnps) == Relationship.Unrelated ? 0 : 1;
                        }
                    }
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var rate = pairs / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scanned rows 0..{band - 1} against all samples: {pairs:E3} pairs on {threads} threads in {seconds:F1} s ({rate:E3} pairs/s), {related} related"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"extrapolated full scan: {totalPairs:E3} pairs / {rate:E3} pairs/s = {totalPairs / rate / 3600:F2} h"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6:F1} MB in all; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F1} MB"));
    }
}
