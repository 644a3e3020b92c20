using System.Globalization;
using System.Text;

namespace Harmony.Genomics.Benchmarks;

/// <summary>
/// Deterministic VCF text for the three benchmark workloads of issue 3: (a) 2,504 samples x 20,000 sites, GT only,
/// phased; (b) 200 samples x 200,000 sites, GT:AD:DP:GQ; (c) one tumour sample x 1,000,000 somatic-like sites,
/// GT:AD:AF:DP. Alternate-allele counts follow a rare-skewed spectrum (most sites rare, as in 1000 Genomes), 1% of
/// calls are missing, 5% of sites multi-allelic. Same workload name, same bytes.
/// </summary>
internal static class WorkloadGenerator
{
    public static void Write(string workload, TextWriter output)
    {
        var (samples, sites, format) = workload switch
        {
            "a" => (2504, 20_000, "GT"),
            "b" => (200, 200_000, "GT:AD:DP:GQ"),
            "c" => (1, 1_000_000, "GT:AD:AF:DP"),
            _ => throw new ArgumentException($"unknown workload '{workload}' (a, b or c)", nameof(workload)),
        };
        var random = new SplitMix64(0x5EED0000UL + workload[0]);
        output.Write("##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##FILTER=<ID=PASS,Description=\"All filters passed\">\n##FILTER=<ID=weak_evidence,Description=\"Weak evidence\">\n");
        output.Write("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count\">\n##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Allele number\">\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        output.Write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        output.Write("##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">\n##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fraction\">\n");
        output.Write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\tS{s + 1:D5}"));
        }

        output.Write('\n');
        var line = new StringBuilder(samples * 16);
        var bases = "ACGT";
        var pos = 10_000L;
        var gts = new int[samples * 2];
        for (var site = 0; site < sites; site++)
        {
            pos += 1 + random.NextLong(480_000_000L / sites);
            var alts = random.Next(100) < 5 ? 2 : 1;
            var reference = bases[random.Next(4)];
            var alt1 = bases[(bases.IndexOf(reference) + 1 + random.Next(3)) % 4];
            var altText = alts == 2 ? $"{alt1},{bases[(bases.IndexOf(alt1) + 1) % 4 == bases.IndexOf(reference) ? (bases.IndexOf(alt1) + 2) % 4 : (bases.IndexOf(alt1) + 1) % 4]}" : alt1.ToString();
            var somatic = samples == 1;

            // Rare-skewed spectrum as in 1000 Genomes: alt count k = floor((2N)^(U^3.5)), so ~3/4 of sites are below
            // 0.5% and the mean alternate allele frequency is ~4%.
            var haplotypes = 2.0 * samples;
            var frequency = somatic ? 1.0 : Math.Floor(Math.Pow(haplotypes, Math.Pow(random.NextDouble(), 3.5))) / haplotypes;
            var ac = 0;
            for (var h = 0; h < gts.Length; h++)
            {
                gts[h] = somatic ? (h == 0 ? 0 : 1) : random.NextDouble() < frequency ? (alts == 2 && random.Next(3) == 0 ? 2 : 1) : 0;
                ac += gts[h] > 0 ? 1 : 0;
            }

            line.Clear();
            line.Append("chr1\t").Append(pos).Append('\t').Append(random.Next(10) < 4 ? $"rs{1000 + site}" : ".").Append('\t').Append(reference).Append('\t').Append(altText);
            line.Append('\t').Append(somatic ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(2000) / 10.0:F1}") : ".");
            line.Append('\t').Append(somatic && random.Next(4) == 0 ? "weak_evidence" : "PASS");
            line.Append("\tAC=").Append(ac).Append(alts == 2 ? ",0" : string.Empty).Append(";AN=").Append(samples * 2).Append(";DP=").Append(20 + random.Next(400));
            line.Append('\t').Append(format);
            var phased = workload == "a";
            for (var s = 0; s < samples; s++)
            {
                line.Append('\t');
                if (random.Next(100) == 0)
                {
                    line.Append(format == "GT" ? "./." : "./.:.:.:.");
                    continue;
                }

                var a = gts[2 * s];
                var b = gts[(2 * s) + 1];
                line.Append(a).Append(phased ? '|' : '/').Append(b);
                if (format == "GT")
                {
                    continue;
                }

                var depth = 10 + random.Next(70);
                var altReads = a + b == 0 ? random.Next(2) : (int)(depth * (somatic ? 0.05 + (random.NextDouble() * 0.5) : (a > 0 && b > 0 ? 0.97 : 0.5)));
                line.Append(':').Append(depth - altReads).Append(',').Append(altReads);
                if (alts == 2)
                {
                    line.Append(",0");
                }

                if (format.EndsWith("AF:DP", StringComparison.Ordinal))
                {
                    line.Append(':').Append((altReads / (double)depth).ToString("F3", CultureInfo.InvariantCulture)).Append(alts == 2 ? ",0.000" : string.Empty).Append(':').Append(depth);
                }
                else
                {
                    line.Append(':').Append(depth).Append(':').Append(Math.Min(99, depth + random.Next(30)));
                }
            }

            line.Append('\n');
            output.Write(line);
        }
    }

    /// <summary>SplitMix64: tiny, fast and fully specified, so the workloads never depend on a runtime's Random.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int bound) => (int)(NextUInt64() % (ulong)bound);

        public long NextLong(long bound) => (long)(NextUInt64() % (ulong)bound);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
