using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class VariantBatchBuilderTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Fragments_AppendedInRandomRanges_SameBatchesAsRecordByRecord(int seed, bool allCalls)
    {
        var vcf = WithUndeclaredFields(RandomVcf.Generate(seed, records: 400, samples: seed == 4 ? 0 : null, longLine: false), new Random(seed));
        AssertFragmentsAsRecordByRecord(seed, allCalls, vcf, runs: false);
    }

    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(2, true, 1)]
    [InlineData(3, false, 1)]
    [InlineData(4, true, 1)]
    [InlineData(5, false, 3)]
    [InlineData(6, false, 0)]
    public void Fragments_PivotedInRuns_SameBatchesAsRecordByRecord(int seed, bool allCalls, int samples)
    {
        // SourceFragment.AddRun pivots column by column over stretches of records with the same keys; one-sample diploid
        // records (a somatic file) also get their calls rows in bulk. Records here mostly repeat the keys of the one
        // before, as a real file's do, with missing values, null cells and other ploidies among them.
        var vcf = WithUndeclaredFields(RandomVcf.Generate(seed, records: 400, samples: samples, longLine: false, sameKeys: 0.9, diploid: 0.97), new Random(seed));
        AssertFragmentsAsRecordByRecord(seed, allCalls, vcf, runs: true);
    }

    // One builder appends record by record; the other receives the same records pivoted chunk by chunk into fragments
    // (see the first test), with SourceFragment.Add or, with runs, AddRun over random runs of each chunk.
    private static void AssertFragmentsAsRecordByRecord(int seed, bool allCalls, string vcf, bool runs)
    {
        // Random records of every INFO and FORMAT type and shape, ploidy 1 to 3, missing values; from record 200 on an
        // undeclared INFO Flag, an undeclared INFO value and an undeclared FORMAT field. One builder appends record by
        // record; the other receives the same records pivoted chunk by chunk (1 to 40 records, a quarter of the chunks up
        // to 200: runs longer than a word of validity bits) into one of three fragments (as decoder workers reuse them:
        // each numbers genotypes and meets fields in its own order), each chunk appended in random ranges, and both build
        // batches at the same random records. Some chunks go to a new fragment, with the
        // field counts a decoder worker may give (only as many fields as the record uses: another worker defined the rest),
        // so that the fragment lacks columns that the builder has.
        var random = new Random(seed + 1000);
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(vcf)), "random.vcf", new VcfReaderOptions { Threads = 1, Strict = false });
        var samples = reader.Header.SampleNames.ToList();
        var one = new VariantBatchBuilder(reader.Header, "f.vcf", 1L << 40, samples, allCalls, d => d);
        var pieces = new VariantBatchBuilder(reader.Header, "f.vcf", 1L << 40, samples, allCalls, d => d);
        SourceFragment[] fragments = [new(pieces.NewFragment()), new(pieces.NewFragment()), new(pieces.NewFragment())];
        // Made before the records are read, as the pipeline makes them: with the declared fields' columns only.
        var fresh = new Queue<SourceFragment>(Enumerable.Range(0, 60).Select(_ => new SourceFragment(pieces.NewFragment())));
        var byRecord = new SourceFragment(pieces.NewFragment());
        var records = ReadAll(reader);
        var expected = new List<string>();
        var actual = new List<string>();
        var next = 0;
        while (next < records.Count)
        {
            var chunk = records.Skip(next).Take(1 + random.Next(random.Next(4) == 0 ? 200 : 40)).ToList();
            var fewerFields = random.Next(2) == 0;
            var fragment = fewerFields && fresh.Count > 0 ? fresh.Dequeue() : fragments[random.Next(fragments.Length)];
            fragment.Clear();
            var counts = chunk.Select(r => (r.InfoFieldCount, r.FormatFieldCount)).ToList();
            foreach (var record in chunk)
            {
                one.Append(record);
                if (fewerFields)
                {
                    record.InfoFieldCount = record.Info.Select(e => e.Field.Index + 1).DefaultIfEmpty(0).Max();
                    record.FormatFieldCount = record.Format.Select(f => f.Index + 1).DefaultIfEmpty(0).Max();
                }

                if (!runs)
                {
                    fragment.Add(record);
                }
                else
                {
                    byRecord.Add(record);
                }
            }

            // As the pipeline pivots a chunk: runs of accepted records between rejected ones.
            for (var first = 0; runs && first < chunk.Count;)
            {
                var count = random.Next(3) == 0 ? 1 + random.Next(chunk.Count - first) : chunk.Count - first;
                fragment.AddRun(chunk.GetRange(first, count).ToArray());
                first += count;
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                (chunk[i].InfoFieldCount, chunk[i].FormatFieldCount) = counts[i];
            }

            if (runs)
            {
                // Each record's calls rows and list values so far, which Append(SourceFragment) ends batches by.
                Assert.Equal(byRecord.CallRowEnds, fragment.CallRowEnds);
                Assert.Equal(byRecord.CallValueEnds, fragment.CallValueEnds);
                byRecord.Clear();
            }

            for (var first = 0; first < chunk.Count;)
            {
                var count = 1 + random.Next(chunk.Count - first);
                var firstCall = first == 0 ? 0 : fragment.CallRowEnds[first - 1];
                var last = chunk[first + count - 1];
                pieces.AppendRange(fragment.Batches, first, count, firstCall, fragment.CallRowEnds[first + count - 1] - firstCall, last.InfoFieldCount, last.FormatFieldCount);
                first += count;
            }

            next += chunk.Count;
            if (random.Next(4) == 0 || next == records.Count)
            {
                expected.AddRange(Built(one));
                actual.AddRange(Built(pieces));
            }
        }

        Assert.Contains(expected, c => c.StartsWith("info_xflag (0 nulls): ", StringComparison.Ordinal));
        Assert.Contains(expected, c => c.StartsWith("info_xval (", StringComparison.Ordinal));
        if (samples.Count > 0)
        {
            Assert.Contains(expected, c => c.StartsWith("xf (", StringComparison.Ordinal));
            Assert.Contains(expected, c => c.StartsWith("gt (", StringComparison.Ordinal) && c.Contains('|', StringComparison.Ordinal));
        }

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void CallsBatch_EndsAtItsListValueBound_RecordByRecordAndFromFragments()
    {
        // Calls with long lists (PL of many-ALT records in a large cohort) filled 128k-call batches of tens of millions
        // of values, and peak memory grew with the values per call: a batch also ends once its list values reach
        // CallBatchValues. Here two samples carry 62,500 values each per record, so a batch is full after the record
        // that brings it to CallBatchValues (9 records, 18 calls), far below CallBatchRows; a fragment appended in one
        // piece ends its batches at the same records.
        const int valuesPerSample = 62_500;
        var text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=1>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n");
        text.Append("##FORMAT=<ID=V,Number=.,Type=Integer,Description=\"v\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n");
        var values = string.Join(',', Enumerable.Repeat("7", valuesPerSample));
        for (var i = 0; i < 12; i++)
        {
            text.Append($"1\t{i + 1}\t.\tA\tC\t.\t.\t.\tGT:V\t0/1:{values}\t1/1:{values}\n");
        }

        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "wide.vcf", new VcfReaderOptions { Threads = 1 });
        var samples = reader.Header.SampleNames.ToList();
        var records = ReadAll(reader);
        var perRecord = (2 * valuesPerSample) + 4;
        var fullAfter = (VariantBatchBuilder.CallBatchValues + perRecord - 1) / perRecord;
        Assert.True(fullAfter < records.Count);

        var one = new VariantBatchBuilder(reader.Header, "f.vcf", 0, samples, false, d => d);
        var expected = new List<int>();
        foreach (var record in records)
        {
            one.Append(record);
            if (one.CallsFull)
            {
                expected.Add(BuiltCalls(one));
            }
        }

        expected.Add(BuiltCalls(one));
        Assert.Equal([2 * fullAfter, 2 * (records.Count - fullAfter)], expected);

        var pieces = new VariantBatchBuilder(reader.Header, "f.vcf", 0, samples, false, d => d);
        var fragment = new SourceFragment(pieces.NewFragment());
        records.ForEach(fragment.Add);
        var actual = new List<int>();
        pieces.Append(fragment, () =>
        {
            if (pieces.CallsFull)
            {
                actual.Add(BuiltCalls(pieces));
            }
        });
        actual.Add(BuiltCalls(pieces));
        Assert.Equal(expected, actual);
    }

    private static int BuiltCalls(VariantBatchBuilder builder)
    {
        var owners = new List<IDisposable>();
        var rows = builder.BuildCalls(new Dictionary<string, string>(), owners).Length;
        owners.ForEach(o => o.Dispose());
        return rows;
    }

    private static IEnumerable<string> Built(VariantBatchBuilder builder)
    {
        var owners = new List<IDisposable>();
        var rows = ArrowCells.Render(builder.BuildVariants(new Dictionary<string, string>(), owners))
            .Concat(ArrowCells.Render(builder.BuildCalls(new Dictionary<string, string>(), owners))).ToList();
        owners.ForEach(o => o.Dispose());
        return rows;
    }

    // Adds XFLAG (a Flag) and XVAL=n to the INFO of some records from the 200th on, and XF to their FORMAT, none declared.
    private static string WithUndeclaredFields(string vcf, Random random)
    {
        var lines = vcf.Split('\n');
        var record = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i][0] == '#')
            {
                continue;
            }

            if (record++ >= 200 && random.Next(3) == 0)
            {
                var columns = lines[i].Split('\t');
                var extra = random.Next(2) == 0 ? "XFLAG" : $"XVAL={random.Next(100)}";
                columns[7] = columns[7] == "." ? extra : columns[7] + ";" + extra;
                if (columns.Length > 9)
                {
                    columns[8] += ":XF";
                    for (var s = 9; s < columns.Length; s++)
                    {
                        columns[s] += ":" + random.Next(9);
                    }
                }

                lines[i] = string.Join('\t', columns);
            }
        }

        return string.Join('\n', lines);
    }

    private static List<VcfRecord> ReadAll(VcfReader reader)
    {
        var list = new List<VcfRecord>();
        while (true)
        {
            var record = new VcfRecord();
            if (!reader.Read(record))
            {
                return list;
            }

            list.Add(record);
        }
    }
}
