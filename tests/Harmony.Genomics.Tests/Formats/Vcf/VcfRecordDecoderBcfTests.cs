using System.Text;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Vcf;

/// <summary>
/// A BCF record decoded directly must be exactly the record that decoding the text <c>bcftools view</c> prints for it
/// gives: the same values, genotypes, ranges' bytes and field counts for every record, the same error for every record
/// the text path rejects, and the same warnings. Each file is read twice, directly and with every record rendered first.
/// </summary>
public sealed class VcfRecordDecoderBcfTests
{
    [RequiresToolFact("bcftools")]
    public void ConformanceAndHtslibBcfs_DecodeDirectlyAsTheirText()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            // The caller VCFs (structural variants with breakends, somatic and germline calls) and the demo's too.
            var more = new[] { "leukemia", "leukemia-structural", "callers", "demo" }
                .SelectMany(d => Directory.EnumerateFiles(TestPaths.TestData(d), "*.vcf*", SearchOption.AllDirectories))
                .Where(f => f.EndsWith(".vcf", StringComparison.Ordinal) || f.EndsWith(".vcf.gz", StringComparison.Ordinal));
            var files = BcfFixtures.ConformanceVcfs().Concat(more).Select((vcf, i) => BcfFixtures.MakeBcf(vcf, dir, compressed: i % 2 == 0)).OfType<string>().Concat(BcfFixtures.HtslibBcfs()).ToList();
            var (records, direct, failures) = CompareAll(files);
            Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ:\n{string.Join('\n', failures.Take(10))}");

            // The comparison means something: many files, and most of their records taken by the direct path.
            Assert.True(files.Count > 300, $"{files.Count} files");
            Assert.True(direct > records * 0.6, $"{direct} of {records} records decoded directly");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void RandomRecordsOfEveryTypeAndNumber_DecodeDirectlyAsTheirText()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var files = new List<string>();
            for (var seed = 1; seed <= 12; seed++)
            {
                var vcf = Path.Combine(dir, $"random{seed}.vcf");
                File.WriteAllText(vcf, RandomVcf.Generate(seed, records: 300, samples: seed % 4 == 0 ? null : seed % 5, longLine: seed == 1));
                files.Add(BcfFixtures.MakeBcf(vcf, dir, compressed: seed % 2 == 0) ?? throw new InvalidOperationException($"bcftools refused {vcf}"));
            }

            // Genotype matrices of 37 samples (vectors of 16 diploid samples and a tail): alleles 0 to 3 and missing,
            // phased or not, now and then a haploid or triploid call, an allele past the ALTs or an 11th allele.
            var random = new Random(29);
            for (var m = 0; m < 4; m++)
            {
                var text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
                text.Append(string.Concat(Enumerable.Range(0, 37).Select(s => $"\tS{s}"))).Append('\n');
                for (var r = 0; r < 200; r++)
                {
                    var alts = r % 50 == 0 ? 10 : random.Next(1, 4);
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"1\t{r + 1}\t.\tA\t{string.Join(',', Enumerable.Range(0, alts).Select(a => "CGT"[a % 3] + new string('A', a / 3)))}\t.\t.\t.\tGT");
                    var odd = random.Next(4) == 0;
                    for (var s = 0; s < 37; s++)
                    {
                        string Allele() => random.Next(10) == 0 ? "." : random.Next(alts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var separator = random.Next(2) == 0 ? "/" : "|";
                        text.Append('\t').Append(odd && random.Next(8) == 0 ? (random.Next(2) == 0 ? Allele() : $"{Allele()}/{Allele()}/{Allele()}") : $"{Allele()}{separator}{Allele()}");
                    }

                    text.Append('\n');
                }

                var vcf = Path.Combine(dir, $"matrix{m}.vcf");
                File.WriteAllText(vcf, text.ToString());
                files.Add(BcfFixtures.MakeBcf(vcf, dir, compressed: m % 2 == 0) ?? throw new InvalidOperationException($"bcftools refused {vcf}"));
            }

            var (records, direct, failures) = CompareAll(files);
            Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ:\n{string.Join('\n', failures.Take(10))}");
            Assert.True(direct > records * 0.8, $"{direct} of {records} records decoded directly");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    // Values whose count does not fit their Number for the record's ALTs or the sample's ploidy (haploid and triploid
    // calls with diploid Number=G counts, and the reverse; Number=A, R and 1 off by one; Number=G without GT): bcftools
    // stores them as they are, the text path rejects them, and so must the records decoded directly.
    [RequiresToolFact("bcftools")]
    public void CountsOffTheirNumber_AreRejectedAsTheirTextIs()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "counts.vcf");
            File.WriteAllText(vcf, string.Join('\n', [
                "##fileformat=VCFv4.2", "##contig=<ID=1>",
                "##INFO=<ID=IA,Number=A,Type=Integer,Description=\"a\">", "##INFO=<ID=I1,Number=1,Type=Integer,Description=\"one\">", "##INFO=<ID=FR,Number=R,Type=Float,Description=\"r\">", "##INFO=<ID=SA,Number=A,Type=String,Description=\"sa\">",
                "##FORMAT=<ID=FS,Number=R,Type=String,Description=\"fs\">",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">", "##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"pl\">", "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"ad\">",
                "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"dp\">", "##FORMAT=<ID=GF,Number=G,Type=Float,Description=\"gf\">",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2",
                "1\t1\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0:1,2\t0/1:1,2,3",
                "1\t2\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0:1,2,3\t0/1:1,2,3",
                "1\t3\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0/1:1,2\t0/1:1,2,3",
                "1\t4\t.\tA\tC\t.\t.\tIA=1,2\tGT:AD\t0/1:1,2\t0/1:1,2",
                "1\t5\t.\tA\tC\t.\t.\tI1=1,2\tGT:AD\t0/1:1,2\t0/1:1,2",
                "1\t6\t.\tA\tC\t.\t.\tFR=0.5\tGT:AD\t0/1:1,2,3\t0/1:1,2",
                "1\t7\t.\tA\tC\t.\t.\tIA=1\tGT:DP\t0/1:1,2\t0/1:3",
                "1\t8\t.\tA\tC,G\t.\t.\tIA=1,2\tPL\t1,2,3\t1,2,3,4,5,6",
                "1\t9\t.\tA\tC\t.\t.\tIA=1\tPL:GF\t1,2\t1,2,3:0.1,0.2",
                "1\t10\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0|1|1:1,2,3,4\t./.:.",
                "1\t11\t.\tA\tC\t.\t.\tIA=1\tGT:GF\t0:0.1,0.2,0.3\t1:0.5,0.5",
                "1\t12\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0/1:1,2,3\t0:1,2,3",
                "1\t13\t.\tA\tC\t.\t.\tIA=1\tGT:PL\t0:1,2\t1:1,2",
                "1\t14\t.\tA\tC\t.\t.\tSA=x,y\tGT\t0/1\t0/1",
                "1\t15\t.\tA\tC\t.\t.\tSA=x\tGT:FS\t0/1:a\t0/1:b,c",
                "1\t16\t.\tA\tC\t.\t.\tSA=x\tGT:FS\t0/1:a,b\t0/1:b,c",
                ]) + "\n");
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: true)!;

            var (records, direct, failures) = CompareAll([bcf]);
            Assert.Empty(failures);
            var (lines, _, _) = Read(bcf, decodeDirectly: true);
            Assert.True(lines.Count(l => l.StartsWith("rejected: ", StringComparison.Ordinal)) >= 10, string.Join('\n', lines));

            // Records 1, 8, 9, 13 and 16 fit their Numbers (haploid Number=G, Number=G without GT either way).
            Assert.Equal(16, records);
            Assert.True(direct >= 5, $"{direct} decoded directly");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void EndBeforePos_DecodedDirectly_TakesTheSpanFromRefAndWarns_AsTheText()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "end.vcf");
            File.WriteAllText(vcf, "##fileformat=VCFv4.2\n##contig=<ID=1>\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"e\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t150\t.\tAC\tA\t.\tPASS\tEND=100\n1\t200\t.\tA\tC\t.\tPASS\tEND=210\n");
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: true)!;

            var warnings = new List<string>();
            using var reader = VcfReader.Open(bcf, new VcfReaderOptions { Threads = 1, Warning = warnings.Add });
            var record = new VcfRecord();
            Assert.True(reader.Read(record));
            Assert.Equal(151, record.EndPosition);
            Assert.True(reader.Read(record));
            Assert.Equal(210, record.EndPosition);
            Assert.Equal(2, reader.BcfRecordsDecodedDirectly);
            Assert.Contains(warnings, w => w.Contains("INFO/END=100 is smaller than POS=150", StringComparison.Ordinal));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void FallbackRecords_KeepTheirRenderedTextAndTheRecordOffset()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            // An undefined FILTER: the text path warns, so the direct path leaves the record to it.
            var vcf = Path.Combine(dir, "fallback.vcf");
            File.WriteAllText(vcf, "##fileformat=VCFv4.2\n##contig=<ID=1>\n##FILTER=<ID=q10,Description=\"q\">\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"d\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tC\t.\tq10\tDP=3\n1\t6\t.\tA\tC\t.\tPASS\tDP=4\n");
            var bcf = PlainBcf(BcfFixtures.MakeBcf(vcf, dir, compressed: false)!);
            var edited = File.ReadAllBytes(bcf);

            // Point the first record's FILTER at the dictionary's INFO key DP instead of q10.
            var (offset, filter) = FirstFilterIndex(edited);
            edited[filter] = 2;
            File.WriteAllBytes(bcf, edited);

            var warnings = new List<string>();
            using var reader = VcfReader.Open(bcf, new VcfReaderOptions { Threads = 1, Warning = warnings.Add });
            var record = new VcfRecord();
            Assert.True(reader.Read(record));
            Assert.Equal("1\t5\t.\tA\tC\t.\tDP\tDP=3", Encoding.UTF8.GetString(record.Line.Span));
            Assert.Equal(offset, record.ByteOffset);
            Assert.Equal(BcfFixtures.BcftoolsView(bcf, "-h")!.TrimEnd('\n').Split('\n').Length + 1, record.LineNumber);
            Assert.Contains(warnings, w => w.Contains("FILTER 'DP' is not defined", StringComparison.Ordinal));
            Assert.True(reader.Read(record));
            Assert.Equal(1, reader.BcfRecordsDecodedDirectly);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void PhaseBitOfTheFirstAllele_IsIgnoredAsHtslibPrintsIt()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            // 20 samples: one vector of 16 diploid samples and a tail of 4 decoded one by one.
            const int samples = 20;
            var genotypes = Enumerable.Range(0, samples).Select(s => s % 2 == 0 ? "0/1" : "1|1").ToArray();
            var vcf = Path.Combine(dir, "phase.vcf");
            File.WriteAllText(vcf, "##fileformat=VCFv4.2\n##contig=<ID=1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT"
                + string.Concat(Enumerable.Range(0, samples).Select(s => $"\tS{s}")) + "\n1\t5\t.\tA\tC\t.\t.\t.\tGT\t" + string.Join('\t', genotypes) + "\n");
            var bcf = PlainBcf(BcfFixtures.MakeBcf(vcf, dir, compressed: false)!);
            var bytes = File.ReadAllBytes(bcf);

            // The first record's indiv part: GT's key, its descriptor (two int8 per sample), then each sample's alleles;
            // every first allele gets the phase bit that htslib does not print.
            var record = 9 + (int)BitConverter.ToUInt32(bytes, 5);
            var indiv = record + 8 + (int)BitConverter.ToUInt32(bytes, record);
            Assert.Equal(0x21, bytes[indiv + 2]);
            for (var s = 0; s < samples; s++)
            {
                bytes[indiv + 3 + (2 * s)] |= 1;
            }

            File.WriteAllBytes(bcf, bytes);

            var (_, direct, failures) = CompareAll([bcf]);
            Assert.Empty(failures);
            Assert.Equal(1, direct);
            using var reader = VcfReader.Open(bcf, new VcfReaderOptions { Threads = 1 });
            var decoded = new VcfRecord();
            Assert.True(reader.Read(decoded));
            Assert.Equal(genotypes, Enumerable.Range(0, samples).Select(decoded.FormatGenotype));
            Assert.All(Enumerable.Range(0, samples), s => Assert.False(decoded.GetPhasing(s)[0]));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    // A CHROM index the header does not declare, in every record: the renderer refuses each one, and so must the direct
    // path, the first time and once the index is cached as undefined.
    [RequiresToolFact("bcftools")]
    public void UndefinedContigIndexes_AreRefusedInEveryRecord()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "contigs.vcf");
            File.WriteAllText(vcf, "##fileformat=VCFv4.2\n##contig=<ID=1>\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"d\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                + string.Concat(Enumerable.Range(1, 3).Select(p => $"1\t{p}\t.\tA\tC\t.\tPASS\tDP={p}\n")));
            var bcf = PlainBcf(BcfFixtures.MakeBcf(vcf, dir, compressed: false)!);
            var bytes = File.ReadAllBytes(bcf);

            // Each record: l_shared, l_indiv, then CHROM (int32) first in its shared part; 7 names no contig.
            var p = 9 + (int)BitConverter.ToUInt32(bytes, 5);
            var records = 0;
            while (p < bytes.Length)
            {
                BitConverter.GetBytes(7).CopyTo(bytes, p + 8);
                p += 8 + (int)BitConverter.ToUInt32(bytes, p) + (int)BitConverter.ToUInt32(bytes, p + 4);
                records++;
            }

            File.WriteAllBytes(bcf, bytes);
            var (lines, read, direct) = Read(bcf, decodeDirectly: true);

            Assert.Equal(3, records);
            Assert.Equal(3, read);
            Assert.Equal(0, direct);
            Assert.All(lines, l => Assert.Contains("a CHROM index declared by a ##contig header line, found 7", l, StringComparison.Ordinal));
            Assert.Empty(CompareAll([bcf]).Failures);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    // bcftools writes BGZF even for -Ou; a plain copy can be edited byte by byte, and is read as it is.
    private static string PlainBcf(string bcf)
    {
        using var decompressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(bcf), System.IO.Compression.CompressionMode.Decompress))
        {
            gzip.CopyTo(decompressed);
        }

        var plain = bcf + ".plain.bcf";
        File.WriteAllBytes(plain, decompressed.ToArray());
        return plain;
    }

    private static (long Records, long Direct, List<string> Failures) CompareAll(IEnumerable<string> files)
    {
        long records = 0;
        long direct = 0;
        var failures = new List<string>();
        foreach (var bcf in files)
        {
            var (directly, count, decodedDirectly) = Read(bcf, decodeDirectly: true);
            var (rendered, _, _) = Read(bcf, decodeDirectly: false);
            records += count;
            direct += decodedDirectly;
            var difference = FirstDifference(directly, rendered);
            if (difference is not null)
            {
                failures.Add($"{Path.GetFileName(bcf)}: {difference}");
            }
        }

        return (records, direct, failures);
    }

    private static (List<string> Lines, long Records, long Direct) Read(string bcf, bool decodeDirectly)
    {
        var lines = new List<string>();
        var options = new VcfReaderOptions { Threads = 1, DecodeBcfDirectly = decodeDirectly, Warning = w => lines.Add("warning: " + w) };
        long records = 0;
        try
        {
            using var reader = VcfReader.Open(bcf, options);
            var record = new VcfRecord();
            while (reader.ReadOrReject(record, out var rejected))
            {
                records++;
                lines.Add(rejected is null ? VcfRecordText.Describe(record) : $"rejected: {rejected.Message} | {Encoding.UTF8.GetString(record.Line.Span)}");
            }

            return (lines, records, reader.BcfRecordsDecodedDirectly);
        }
        catch (HarmonyException e)
        {
            lines.Add("error: " + e.Message);
            return (lines, records, 0);
        }
    }

    private static string? FirstDifference(List<string> directly, List<string> rendered)
    {
        for (var i = 0; i < Math.Max(directly.Count, rendered.Count); i++)
        {
            var a = i < directly.Count ? directly[i] : "<none>";
            var b = i < rendered.Count ? rendered[i] : "<none>";
            if (a != b)
            {
                return $"entry {i}:\n  direct:   {a}\n  rendered: {b}";
            }
        }

        return null;
    }

    // The offset of the first record and of its FILTER's one int8 index in an uncompressed BCF of one-allele records
    // with an empty ID (VCF 4.4 §6.3.1: 24 fixed bytes, ID, REF and ALT typed strings, then FILTER).
    private static (long Record, int Filter) FirstFilterIndex(byte[] bcf)
    {
        var header = 9 + (int)BitConverter.ToUInt32(bcf, 5);
        var p = header + 8 + 24;
        p += 1; // ID: an empty typed string
        p += 2; // REF: one character
        p += 2; // ALT: one character
        Assert.Equal(0x11, bcf[p]); // FILTER: one int8
        return (header, p + 1);
    }
}
