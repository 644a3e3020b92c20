using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// GT-only lines read 8 samples per vector must give exactly what the scalar loop gives: the same alleles and phasing
/// for every line, and the same error for every line either hands to the general path.
/// </summary>
public sealed class VcfRecordDecoderUniformDiploidTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(203)]
    public void RandomLines_DecodeAsTheScalarLoopDoes(int samples)
    {
        var header = ReadHeader(samples);
        var vector = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null);
        var scalar = new VcfRecordDecoder(header, "test.vcf", strict: false, warning: null) { VectorGenotypes = false };
        var random = new Random(samples);
        var (accepted, rejected) = (0, 0);
        for (var n = 0; n < 600; n++)
        {
            var line = Encoding.UTF8.GetBytes(RandomLine(random, samples));
            var a = DecodedLine.Decode(vector, line, out var errorA);
            var b = DecodedLine.Decode(scalar, line, out var errorB);
            Assert.True(errorA == errorB, $"line: {Encoding.UTF8.GetString(line)}\nvector: {errorA}\nscalar: {errorB}");
            if (errorA is not null)
            {
                rejected++;
                continue;
            }

            accepted++;
            Assert.Equal(Describe(b), Describe(a));
        }

        Assert.True(accepted > 200, $"{accepted} accepted");
        Assert.True(rejected > 20, $"{rejected} rejected");
    }

    private static string RandomLine(Random random, int samples)
    {
        var alts = random.Next(0, 12);
        var altText = alts == 0 ? "." : string.Join(',', Enumerable.Range(0, alts).Select(i => "ACGT"[i % 4] + new string('A', i / 4)));
        // Most lines are clean 4-byte samples; a fault now and then anywhere in the line.
        var faulty = random.Next(4) == 0;
        var calls = Enumerable.Range(0, samples).Select(_ => faulty && random.Next(samples) == 0 ? Fault(random) : Clean(random, alts));
        return $"chr1\t{random.Next(1, 100000)}\t.\tA\t{altText}\t.\tPASS\t.\tGT\t{string.Join('\t', calls)}";
    }

    private static string Clean(Random random, int alts)
    {
        string Allele() => random.Next(15) == 0 ? "." : random.Next(0, Math.Min(alts, 9) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Allele() + (random.Next(3) == 0 ? "|" : "/") + Allele();
    }

    private static string Fault(Random random) => random.Next(10) switch
    {
        0 => "10/1",
        1 => ".",
        2 => "0/1/1",
        3 => "0-1",
        4 => "0/1\t",
        5 => "0/a",
        6 => "9/9",
        7 => "0/:",
        8 => "",
        _ => "/0/",
    };

    private static VcfHeader ReadHeader(int samples)
    {
        var text = "##fileformat=VCFv4.3\n##contig=<ID=chr1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT" + string.Concat(Enumerable.Range(1, samples).Select(s => $"\tS{s}")) + "\n";
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.vcf", new VcfReaderOptions());
        return reader.Header;
    }

    private static string Describe(VcfRecord record) => string.Join('\t', Enumerable.Range(0, record.SampleCount).Select(s =>
        $"{record.FormatGenotype(s)} [{string.Join(',', record.GetAlleles(s).ToArray())} / {string.Join(',', record.GetPhasing(s).ToArray())}]"));
}
