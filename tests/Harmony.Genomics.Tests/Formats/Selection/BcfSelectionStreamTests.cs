using System.Buffers.Binary;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Selection;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Tests.Formats.Bcf;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Selection;

/// <summary>
/// Regions and targets on a BCF filter its records as BCF (<c>BcfSelectionStream</c>), so the records kept are
/// decoded directly; they are the records, and the values, that the same selection gives on the VCF.
/// </summary>
public sealed class BcfSelectionStreamTests
{
    [RequiresToolTheory("bcftools")]
    [InlineData("-r", "chrA:20000-25000,chrB:1000-", RegionOverlap.Record)]
    [InlineData("-r", "chrA:20000-25000", RegionOverlap.Variant)]
    [InlineData("-r", "chrB", RegionOverlap.Position)]
    [InlineData("-t", "^chrA:20000-25000,chrB", RegionOverlap.Position)]
    [InlineData("-t", "chrA:1000-1030,chrA:3500-3530,chrA:6000-6030,chrB:50000-90000", RegionOverlap.Variant)]
    public void RegionsAndTargets_OnBcf_DecodeTheKeptRecordsDirectly_AsTheVcfGivesThem(string option, string value, RegionOverlap rule)
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            var selection = option == "-r"
                ? new VariantSelection { Regions = value, RegionsOverlap = rule }
                : new VariantSelection { Targets = value, TargetsOverlap = rule };
            var (vcfRecords, _) = Read(fixture.Files[0], selection);
            var (bcfRecords, direct) = Read(fixture.Files[2], selection);
            Assert.NotEmpty(bcfRecords);
            Assert.True(bcfRecords.Count < 6000, "the selection keeps every record; the case tests nothing");
            Assert.Equal(bcfRecords.Count, direct);
            Assert.Equal(vcfRecords, bcfRecords);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolTheory("bcftools")]
    [InlineData("S3,S1", false, null)]
    [InlineData("^S2", false, "chrA:20000-25000")]
    [InlineData("S4", true, null)]
    [InlineData("^S1,S2,S3,S4", false, null)]
    public void Samples_OnBcf_AreSubsetAsBcf_WithAlleleCounts_AsTheVcfGivesThem(string samples, bool noUpdate, string? regions)
    {
        // The synthetic file declares neither AC nor AN: the header gains both, as on text, unless -I.
        var dir = TestPaths.NewTempDir();
        try
        {
            using var fixture = SelectionFixture.Create(SelectionFixture.WriteSynthetic(dir));
            var selection = new VariantSelection { Samples = samples, NoUpdate = noUpdate, Regions = regions };
            var (vcfRecords, _, vcfHeader) = ReadWithHeader(fixture.Files[0], selection);
            var (bcfRecords, direct, bcfHeader) = ReadWithHeader(fixture.Files[2], selection);
            Assert.Equal(vcfHeader, bcfHeader);
            Assert.Equal(!noUpdate, bcfHeader.Contains("##INFO=<ID=AN,", StringComparison.Ordinal));
            Assert.NotEmpty(bcfRecords);
            Assert.Equal(bcfRecords.Count, direct);
            Assert.Equal(vcfRecords, bcfRecords);
            Assert.Equal(!noUpdate, bcfRecords[0].Contains(" AN=", StringComparison.Ordinal));
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void ConformanceBcfs_SubsetAsBcf_AsTheirRenderedTextIsSubset()
    {
        // Every conformance VCF with samples, as BCF: a subset applied to the binary records (what ingest does) reads as
        // the same subset applied to the text bcftools prints for them (what ingest did before), values, AC/AN,
        // rejections and warnings alike.
        var dir = TestPaths.NewTempDir();
        try
        {
            var files = BcfFixtures.ConformanceVcfs().Select((vcf, i) => BcfFixtures.MakeBcf(vcf, dir, compressed: i % 2 == 0)).OfType<string>().ToList();
            var failures = new List<string>();
            var compared = 0;
            long records = 0;
            foreach (var bcf in files)
            {
                var names = Header(bcf).SampleNames;
                if (names.Count == 0)
                {
                    continue;
                }

                // Alternately: every sample but the first (runs of samples), and the last then the first (reordered).
                var selection = new VariantSelection { Samples = compared % 2 == 0 ? "^" + names[0] : string.Join(',', names.Count > 1 ? [names[^1], names[0]] : [names[0]]) };
                var binary = ReadBoth(bcf, selection, asText: false);
                var text = ReadBoth(bcf, selection, asText: true);
                compared++;
                records += binary.Count;
                var index = Enumerable.Range(0, Math.Max(binary.Count, text.Count)).FirstOrDefault(i => i >= binary.Count || i >= text.Count || binary[i] != text[i], -1);
                if (index >= 0)
                {
                    failures.Add($"{Path.GetFileName(bcf)} -s {selection.Samples}: entry {index}\n  binary: {binary.ElementAtOrDefault(index)}\n  text:   {text.ElementAtOrDefault(index)}");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {compared} files differ:\n{string.Join('\n', failures.Take(8))}");
            Assert.True(compared > 100 && records > 5000, $"{compared} files, {records} records");
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    private static VcfHeader Header(string file)
    {
        using var reader = VcfReader.Open(file, new VcfReaderOptions { Threads = 1 });
        return reader.Header;
    }

    /// <summary>The header, then each record (or its rejection) and warning, with the selection applied to the BCF or to its rendered text.</summary>
    private static List<string> ReadBoth(string bcf, VariantSelection selection, bool asText)
    {
        var lines = new List<string>();
        var options = new VcfReaderOptions { Threads = 1, Warning = w => lines.Add("warning: " + w) };
        var inputOptions = new InputOptions { Threads = 1, Warning = w => lines.Add("warning: " + w) };
        try
        {
            using var input = asText ? VariantInput.Open(File.OpenRead(bcf), bcf, bcf, inputOptions) : VariantInput.Open(File.OpenRead(bcf), bcf, bcf, inputOptions, selection);
            Stream stream = asText
                ? new VcfSelectionStream(new Harmony.Genomics.Formats.Bcf.BcfToVcfTextStream(input.Stream, bcf), bcf, null, null, selection, inputOptions.Warning)
                : input.Stream;
            using var reader = new VcfReader(stream, bcf, options);
            lines.AddRange(reader.Header.ToLines());
            var record = new VcfRecord();
            while (reader.ReadOrReject(record, out var rejected))
            {
                // Offsets count the BCF's bytes on one side and the text's on the other.
                lines.Add(rejected is null ? VcfRecordText.Describe(record) : $"rejected: {System.Text.RegularExpressions.Regex.Replace(rejected.Message, ", byte [0-9]+,", ",")}");
            }
        }
        catch (HarmonyException e)
        {
            lines.Add("error: " + e.Message);
        }

        return lines;
    }

    [RequiresToolFact("bcftools")]
    public void Samples_OnABcfWhoseOnlyAltIsADot_DropAcAsTheTextDoes()
    {
        // bcftools writes no '.' allele into a BCF; one edited in (C -> .) reads as no ALT, so AC goes, AN is recounted.
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "dot.vcf");
            File.WriteAllText(vcf, string.Concat(
                "##fileformat=VCFv4.2\n##contig=<ID=chrA,length=1000>\n",
                "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"ac\">\n##INFO=<ID=AN,Number=1,Type=Integer,Description=\"an\">\n",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n",
                "chrA\t100\t.\tA\tC\t50\tPASS\tAC=1;AN=4\tGT\t0/0\t0/.\n",
                "chrA\t101\t.\tA\tC\t50\tPASS\tAC=1;AN=4\tGT\t0/1\t0/0\n"));
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: false)!;
            var bytes = Inflated(bcf);
            var first = RecordOffsets(bytes)[0];
            var alleles = bytes.AsSpan(first + 8 + 24).IndexOf([(byte)0x17, (byte)'A', (byte)0x17, (byte)'C']);
            Assert.True(alleles >= 0);
            bytes[first + 8 + 24 + alleles + 3] = (byte)'.';
            File.WriteAllBytes(bcf, bytes);
            var text = Path.Combine(dir, "dot-rendered.vcf");
            File.WriteAllText(text, BcfFixtures.BcftoolsView(bcf)!);

            var selection = new VariantSelection { Samples = "S2" };
            var (expected, _) = Read(text, selection);
            var (actual, _) = Read(bcf, selection);
            Assert.Equal(expected, actual);
            Assert.DoesNotContain(" AC=", actual[0], StringComparison.Ordinal);
            Assert.Contains(" AC=", actual[1], StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolTheory("bcftools")]
    [InlineData("1")]
    [InlineData("2")]
    public void RecordSpan_OfABcf_IsItsRlen_AsHtslibReadsIt(string rule)
    {
        // A BCF's rlen, not its INFO/END, is the span htslib matches: a symbolic deletion at 150 with END=260 whose rlen
        // is edited to 1 no longer reaches a target at 200-210 (bcftools agrees, on the same edited file). A record
        // without ALT (202) varies nowhere: under the variant rule its span starts past its end.
        var dir = TestPaths.NewTempDir();
        try
        {
            var vcf = Path.Combine(dir, "span.vcf");
            File.WriteAllText(vcf, string.Concat(
                "##fileformat=VCFv4.2\n##contig=<ID=chrA,length=1000>\n",
                "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##ALT=<ID=DEL,Description=\"Deletion\">\n",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n",
                "chrA\t150\t.\tA\t<DEL>\t50\tPASS\tEND=260\tGT\t0/1\n",
                "chrA\t180\t.\tA\t<DEL>\t50\tPASS\tEND=240\tGT\t0/1\n",
                "chrA\t202\t.\tA\t.\t50\tPASS\t.\tGT\t0/0\n",
                "chrA\t205\t.\tA\tC\t50\tPASS\t.\tGT\t0/1\n"));
            var bcf = BcfFixtures.MakeBcf(vcf, dir, compressed: false)!;
            var bytes = Inflated(bcf);
            var first = RecordOffsets(bytes)[0];
            Assert.Equal(149, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(first + 8 + 4)));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(first + 8 + 8), 1);
            File.WriteAllBytes(bcf, bytes);

            List<long> Expected(string file, string targets) => BcfFixtures.BcftoolsView(file, "-H", "-t", targets, "--targets-overlap", rule)!
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            List<long> Selected(string file, string targets) => Read(file, new VariantSelection { Targets = targets, TargetsOverlap = (RegionOverlap)int.Parse(rule, System.Globalization.CultureInfo.InvariantCulture) }).Records
                .Select(r => long.Parse(r.Split(' ')[0].Split(':')[1].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

            Assert.Equal([180L, 202L, 205L], Expected(bcf, "chrA:200-210"));
            Assert.Equal([150L, 180L, 202L, 205L], Expected(vcf, "chrA:200-210"));
            Assert.Equal(rule == "1" ? [180L, 202L] : [180L], Expected(bcf, "chrA:202"));
            foreach (var file in new[] { bcf, vcf })
            {
                foreach (var targets in new[] { "chrA:200-210", "chrA:202", "chrA:150" })
                {
                    Assert.Equal(Expected(file, targets), Selected(file, targets));
                }
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void DamagedRecord_OutsideTheTargets_IsDropped_InsideIsReported()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var bcf = BcfFixtures.MakeBcf(SelectionFixture.WriteSynthetic(dir), dir, compressed: false)!;
            var bytes = Inflated(bcf);

            // The 10th record's first FORMAT key gets a type no BCF has (9).
            var offset = RecordOffsets(bytes)[9];
            var shared = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            var pos = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 8 + 4)) + 1;
            var indiv = offset + 8 + shared;
            bytes[indiv] = 0x19;
            File.WriteAllBytes(bcf, bytes);

            var (kept, _) = Read(bcf, new VariantSelection { Targets = $"^chrA:{pos}" });
            Assert.Equal(5999, kept.Count);
            var error = Assert.Throws<InputFormatException>(() => Read(bcf, new VariantSelection { Targets = $"chrA:{pos}" }));
            Assert.Contains("damaged.bcf", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void DamagedBcf_WithSelections_OnlyEverRaisesFormatErrors()
    {
        // Truncated or flipped bytes under every kind of selection: refused with a message or read, never a crash.
        var dir = TestPaths.NewTempDir();
        try
        {
            var bcf = BcfFixtures.MakeBcf(TestPaths.TestData("conformance/bcftools-test/view.GT.vcf"), dir, compressed: false)!;
            var bytes = Inflated(bcf);
            VariantSelection[] selections =
            [
                new() { Samples = "^NA12891" },
                new() { Samples = "NA12892,NA12890", Targets = "22:16051000-16060000" },
                new() { Targets = "22", TargetsOverlap = RegionOverlap.Variant },
            ];
            var random = new Random(11);
            var damaged = Path.Combine(dir, "damaged.bcf");
            for (var trial = 0; trial < 240; trial++)
            {
                var copy = (byte[])bytes.Clone();
                if (trial % 2 == 0)
                {
                    copy = copy[..random.Next(1, copy.Length)];
                }
                else
                {
                    for (var k = 0; k < 4; k++)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }
                }

                File.WriteAllBytes(damaged, copy);
                try
                {
                    Read(damaged, selections[trial % selections.Length]);
                }
                catch (HarmonyException)
                {
                    // Refused with a message: the expected outcome for most damage.
                }
            }
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    [RequiresToolFact("bcftools")]
    public void TruncatedBcf_WithTargets_IsAFormatErrorNamingTheRecord()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var bcf = BcfFixtures.MakeBcf(SelectionFixture.WriteSynthetic(dir), dir, compressed: false)!;
            var bytes = Inflated(bcf);
            var offsets = RecordOffsets(bytes);
            File.WriteAllBytes(bcf, bytes[..(offsets[100] + 20)]);
            var error = Assert.Throws<InputFormatException>(() => Read(bcf, new VariantSelection { Targets = "chrB" }));
            Assert.Contains("BCF record 101", error.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }

    /// <summary>Reads <paramref name="file"/> with <paramref name="selection"/>: each record described without its line number, and how many were decoded directly.</summary>
    private static (List<string> Records, long Direct) Read(string file, VariantSelection selection)
    {
        var (records, direct, _) = ReadWithHeader(file, selection);
        return (records, direct);
    }

    private static (List<string> Records, long Direct, string Header) ReadWithHeader(string file, VariantSelection selection)
    {
        using var input = VariantInput.Open(File.OpenRead(file), file, "damaged.bcf", new InputOptions { Threads = 2 }, selection);
        using var reader = new VcfReader(input.Stream, "damaged.bcf", new VcfReaderOptions { Threads = 2 });
        var record = new VcfRecord();
        var records = new List<string>();
        while (reader.Read(record))
        {
            // "#index line N chrom:pos-end ...": the index and line number count the selected text or records.
            var text = VcfRecordText.Describe(record);
            records.Add(text[(text.IndexOf(' ', text.IndexOf(" line ", StringComparison.Ordinal) + 6) + 1)..]);
        }

        return (records, reader.BcfRecordsDecodedDirectly, string.Join('\n', reader.Header.ToLines()));
    }

    /// <summary>The BCF bytes of <paramref name="bcf"/> (<c>bcftools -Ou</c> writes them in BGZF blocks stored without compression).</summary>
    private static byte[] Inflated(string bcf)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(bcf), System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The offset of every record (its l_shared) in an uncompressed BCF.</summary>
    private static List<int> RecordOffsets(byte[] bcf)
    {
        var offsets = new List<int>();
        var p = 9 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bcf.AsSpan(5));
        while (p < bcf.Length)
        {
            offsets.Add(p);
            p += 8 + BinaryPrimitives.ReadInt32LittleEndian(bcf.AsSpan(p)) + BinaryPrimitives.ReadInt32LittleEndian(bcf.AsSpan(p + 4));
        }

        return offsets;
    }
}
