using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Lake.Parquet;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Parquet;

/// <summary>
/// The engine's Parquet encoder, read back by two independent readers: Arrow's C++ reader (ParquetSharp), cell by cell,
/// and DuckDB, by aggregates, metadata and statistics.
/// </summary>
public sealed class ParquetFileEncoderTests : IDisposable
{
    private static readonly ParquetFileEncoder.Choices Choices = new(
        new HashSet<string> { "row", "rising" },
        new HashSet<string> { "unique" },
        new HashSet<string> { "row", "int32", "double", "text", "rising" });

    private readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => TestPaths.TryDelete(_dir);

    [Theory]
    [InlineData(1, 1 << 20)] // one row group
    [InlineData(7, 2)] // several row groups, each of several batches (as the lake writes them), dictionaries restarting per group
    [InlineData(9, 1)] // a row group per batch
    public void EveryShape_ReadsBackAsWritten(int seed, int rowGroupBatches)
    {
        var random = new Random(seed);
        var batches = Enumerable.Range(0, 4).Select(b => RandomBatch(random, 300 + random.Next(600), b * 10_000L)).ToList();
        var path = Write(batches, rowGroupBatches);

        Assert.Equal(Render(batches), Render(ReadWithArrow(path)));

        // DuckDB agrees on the same file, by aggregates over every column.
        var expected = batches.SelectMany(Rows).ToList();
        var literal = LakeReader.Literal(path);
        Assert.Equal(
            [string.Join('\t',
                expected.Count,
                expected.Count(r => r.Int32 is not null),
                expected.Sum(r => (long)(r.Int32 ?? 0)),
                expected.Count(r => r.Flag == true),
                expected.Count(r => r.Text is not null),
                expected.Where(r => r.Text is not null).Select(r => r.Text).Distinct().Count(),
                expected.Sum(r => r.Numbers?.Count ?? 0),
                expected.Sum(r => r.Numbers?.Count(n => n is null) ?? 0),
                expected.Count(r => r.Numbers is null),
                expected.Sum(r => r.Words.Count),
                expected.Count(r => r.Sample is not null))],
            LakeReader.Query($"select count(*), count(int32), sum(int32), count(*) filter (where flag), count(text), count(distinct text), sum(len(numbers)), sum(len(list_filter(numbers, x -> x is null))), count(*) filter (where numbers is null), sum(len(words)), count(sample) from read_parquet({literal})"));
        var groups = LakeReader.Query($"select count(distinct row_group_id) from parquet_metadata({literal})").Single();
        Assert.Equal(((batches.Count + rowGroupBatches - 1) / rowGroupBatches).ToString(CultureInfo.InvariantCulture), groups);
    }

    [Fact]
    public void Statistics_PerRowGroup_AreTheValuesExtremes()
    {
        var random = new Random(3);
        var batches = Enumerable.Range(0, 3).Select(b => RandomBatch(random, 500, b * 10_000L)).ToList();
        var path = Write(batches, rowGroupBatches: 2);
        var literal = LakeReader.Literal(path);

        // Rows as DuckDB numbers them per row group, and the extremes that row group holds.
        var rows = batches.SelectMany(Rows).ToList();
        var expected = new List<string>();
        var groupStart = 0;
        foreach (var size in new[] { 1_000, 500 })
        {
            var group = rows.Skip(groupStart).Take(size).ToList();
            groupStart += size;
            var ints = group.Where(r => r.Int32 is not null).Select(r => r.Int32!.Value).ToList();
            var texts = group.Where(r => r.Text is not null).Select(r => r.Text!).ToList();
            var doubles = group.Where(r => r.Double is { } d && !double.IsNaN(d)).Select(r => r.Double!.Value).ToList();
            expected.Add($"int32\t{ints.Min()}\t{ints.Max()}\t{group.Count - ints.Count}");
            expected.Add($"text\t{texts.Min(StringComparer.Ordinal)}\t{texts.Max(StringComparer.Ordinal)}\t{group.Count - texts.Count}");
            expected.Add($"double\t{doubles.Min().ToString(CultureInfo.InvariantCulture)}\t{doubles.Max().ToString(CultureInfo.InvariantCulture)}\t{group.Count - doubles.Count - group.Count(r => r.Double is { } d && double.IsNaN(d))}");
        }

        var actual = LakeReader.Query(
            $"select path_in_schema, coalesce(stats_min_value, stats_min), coalesce(stats_max_value, stats_max), stats_null_count from parquet_metadata({literal}) where path_in_schema in ('int32', 'text', 'double') order by row_group_id, path_in_schema");
        Assert.Equal(expected.OrderBy(_ => 0).ToList().Chunk(3).SelectMany(g => g.OrderBy(l => l, StringComparer.Ordinal)).Select(Normalise), actual.Select(Normalise));

        // Columns not named get none, and rising integers are delta-encoded, text dictionary-encoded.
        var encodings = LakeReader.Query($"select path_in_schema, encodings, stats_min is null and stats_min_value is null from parquet_metadata({literal}) where row_group_id = 0")
            .Select(r => r.Split('\t')).ToDictionary(c => c[0], c => (Encodings: c[1], NoStatistics: c[2]));
        Assert.Equal("True", encodings["int64"].NoStatistics);
        Assert.Contains("DELTA_BINARY_PACKED", encodings["rising"].Encodings, StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["text"].Encodings, StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", encodings["unique"].Encodings, StringComparison.Ordinal);

        static string Normalise(string line) => string.Join('\t', line.Split('\t').Select(cell => double.TryParse(cell, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : cell));
    }

    [Fact]
    public void LargeDictionary_FallsBackToPlainPages_AndReadsBack()
    {
        // 1.5 MiB of distinct text passes the 1 MiB dictionary limit within the chunk: later pages are PLAIN.
        var schema = new Schema.Builder().Field(new Field("text", StringType.Default, true)).Build();
        var batches = Enumerable.Range(0, 6).Select(b =>
        {
            var builder = new StringArray.Builder();
            for (var i = 0; i < 20_000; i++)
            {
                builder.Append(i % 10 == 0 ? "repeated" : $"distinct-{b:D2}-{i:D6}");
            }

            return new RecordBatch(schema, [builder.Build()], 20_000);
        }).ToList();
        var path = Write(batches);

        Assert.Equal(Render(batches), Render(ReadWithArrow(path)));
        var encodings = LakeReader.Query($"select encodings from parquet_metadata({LakeReader.Literal(path)})").Single();
        Assert.Contains("PLAIN", encodings, StringComparison.Ordinal);
        Assert.Contains("RLE_DICTIONARY", encodings, StringComparison.Ordinal);
        Assert.Equal(["120000\t108001"], LakeReader.Query($"select count(*), count(distinct text) from read_parquet({LakeReader.Literal(path)})"));

        // The dictionary page stopped growing near the limit: far fewer entries than distinct values.
        var offset = long.Parse(LakeReader.Query($"select dictionary_page_offset from parquet_metadata({LakeReader.Literal(path)})").Single(), CultureInfo.InvariantCulture);
        var entries = DictionaryPageEntries(File.ReadAllBytes(path).AsSpan((int)offset));
        Assert.InRange(entries, 40_000, 60_000);
    }

    // num_values of a dictionary page header (Thrift compact: type, sizes, then field 7's struct), read by hand so the
    // test does not trust the encoder's own Thrift writer.
    private static int DictionaryPageEntries(ReadOnlySpan<byte> header)
    {
        var at = 0;
        short field = 0;
        while (true)
        {
            var head = header[at++];
            field += (short)(head >> 4);
            if ((head & 0x0F) == 12 && field == 7)
            {
                Assert.Equal(0x15, header[at++]); // field 1, i32
                return (int)ZigZag(VarInt(header, ref at));
            }

            Assert.Equal(5, head & 0x0F); // i32 fields before it
            VarInt(header, ref at);
        }

        static ulong VarInt(ReadOnlySpan<byte> bytes, ref int at)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
    }

    [Fact]
    public void Extremes_AndSlicedArrays_ReadBackAsWritten()
    {
        // Deltas that overflow 64 bits, 32-bit extremes, non-finite doubles, and columns that are slices of larger
        // arrays (an offset into their buffers and validity bitmaps).
        var rising = new Int64Array.Builder().AppendRange([long.MinValue, long.MaxValue, 0, -1, long.MaxValue, long.MinValue, 5, 5, 5]).Build();
        var ints = new Int32Array.Builder().Append(int.MinValue).AppendNull().Append(int.MaxValue).Append(0).AppendNull().Append(-1).Append(7).Append(7).Append(7).Build();
        var doubles = new DoubleArray.Builder().Append(double.NaN).Append(double.PositiveInfinity).Append(-0.0).AppendNull().Append(double.Epsilon).Append(-double.MaxValue).Append(1.5).Append(1.5).Append(2).Build();
        var schema = new Schema.Builder()
            .Field(new Field("rising", Int64Type.Default, false))
            .Field(new Field("int32", Int32Type.Default, true))
            .Field(new Field("double", DoubleType.Default, true))
            .Build();
        var whole = new RecordBatch(schema, [rising, ints, doubles], 9);
        var random = new Random(11);
        var source = RandomBatch(random, 50, 0);
        var sliced = new RecordBatch(source.Schema, source.Arrays.Select(a => ArrowArrayFactory.Slice(a, 7, 30)), 30);

        Assert.Equal(Render([whole]), Render(ReadWithArrow(Write([whole]))));
        Assert.Equal(Render([sliced]), Render(ReadWithArrow(Write([sliced]))));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(1)]
    public void AllNullBatches_BetweenValuedOnes_ReadBackAsWritten(int rowGroupBatches)
    {
        // A FORMAT field that no call of a batch carries is a column of nulls there (its values are not gathered, its
        // levels are one run), while the batches around it have values: small ones (looked up by value in the
        // dictionary), large and negative ones (hashed), and doubles, in one dictionary or one per row group.
        var schema = new Schema.Builder()
            .Field(new Field("int32", Int32Type.Default, true))
            .Field(new Field("double", DoubleType.Default, true))
            .Field(new Field("numbers", new ListType(new Field("element", Int32Type.Default, true)), true))
            .Field(new Field("flag", BooleanType.Default, true))
            .Field(new Field("depths", new ListType(new Field("element", Int32Type.Default, true)), true))
            .Build();
        var random = new Random(5);
        var batches = new List<RecordBatch>();
        foreach (var empty in new[] { false, true, false, true, true, false })
        {
            var rows = 40 + random.Next(60);
            var ints = new Int32Array.Builder();
            var doubles = new DoubleArray.Builder();
            var numbers = new ListArray.Builder(Int32Type.Default);
            var elements = (Int32Array.Builder)numbers.ValueBuilder;
            var flags = new BooleanArray.Builder();
            var depths = new ListArray.Builder(Int32Type.Default);
            var depthValues = (Int32Array.Builder)depths.ValueBuilder;
            for (var r = 0; r < rows; r++)
            {
                numbers.Append();
                if (empty)
                {
                    depths.AppendNull();
                    ints.AppendNull();
                    doubles.AppendNull();
                    elements.AppendNull();
                    elements.AppendNull();
                    flags.AppendNull();
                    continue;
                }

                ints.Append(random.Next(3) switch { 0 => random.Next(50), 1 => random.Next(4090, 4100), _ => -random.Next(1, 5_000_000) });
                doubles.Append(random.Next(4) == 0 ? 0.5 : random.NextDouble());
                elements.Append(random.Next(4096 + 2));
                elements.Append(random.Next(2) == 0 ? random.Next(3) : int.MaxValue - random.Next(3));
                flags.Append(random.Next(2) == 0);
                depths.Append();
                depthValues.Append(random.Next(100));
                depthValues.Append(random.Next(100));
            }

            batches.Add(new RecordBatch(schema, [ints.Build(), doubles.Build(), numbers.Build(), flags.Build(), depths.Build()], rows));
        }

        var path = Write(batches, rowGroupBatches);

        Assert.Equal(Render(batches), Render(ReadWithArrow(path)));
        var valued = batches.Where((_, b) => b is 0 or 2 or 5).Sum(b => b.Length);
        Assert.Equal([$"{valued}\t{valued}\t{2 * valued}\t{valued}\t{2 * valued}"], LakeReader.Query($"select count(int32), count(double), sum(len(list_filter(numbers, x -> x is not null))), count(depths), sum(len(depths)) from read_parquet({LakeReader.Literal(path)})"));
    }

    [Fact]
    public void Int32DeltaColumn_WhoseDeltasSpanMoreThan32Bits_ReadsBackWithArrow()
    {
        // Deltas of an INT32 column wrap at 32 bits (Encodings.md: no wider than the physical type). Computed in 64
        // bits, int.MinValue -> int.MaxValue -> int.MinValue needed 34-bit miniblocks and Arrow's reader failed
        // ("Unexpected end of stream: InitBlock EOF"); DuckDB happened to read it.
        var schema = new Schema.Builder().Field(new Field("rising", Int32Type.Default, true)).Build();
        var values = new Int32Array.Builder().AppendRange([int.MinValue, int.MaxValue, int.MinValue, -5, 3]).AppendNull().Append(int.MaxValue).Build();
        var batch = new RecordBatch(schema, [values], values.Length);
        var path = Write([batch]);

        Assert.Equal(Render([batch]), Render(ReadWithArrow(path)));
        Assert.Contains("DELTA_BINARY_PACKED", LakeReader.Query($"select encodings from parquet_metadata({LakeReader.Literal(path)})").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void NullList_SpanningChildElements_ReadsBackNull()
    {
        // Arrow lets a null list's offsets span child elements; they are not the column's values. They were written
        // as the list's elements, so the null list read back as ['a', 'b'] and the column had values it never held.
        var type = new ListType(new Field("element", StringType.Default, true));
        var values = new StringArray.Builder().AppendRange(["a", "b", "c", "d"]).AppendNull().Append("e").Build();
        var offsets = new ArrowBuffer.Builder<int>().AppendRange([0, 2, 4, 4, 6]).Build();
        var validity = new ArrowBuffer.BitmapBuilder().Append(false).Append(true).Append(true).Append(false).Build();
        var list = new ListArray(type, 4, offsets, values, validity, 2, 0);
        var numbers = new Int32Array.Builder().AppendRange([1, 2, 3, 4, 5, 6]).Build();
        var listType = new ListType(new Field("element", Int32Type.Default, false));
        var numberList = new ListArray(listType, 4, offsets, numbers, validity, 2, 0);
        var schema = new Schema.Builder().Field(new Field("words", type, true)).Field(new Field("numbers", listType, true)).Build();
        var batch = new RecordBatch(schema, [list, numberList], 4);
        var path = Write([batch]);

        Assert.Equal(["words=null | numbers=null", "words=['c', 'd'] | numbers=[3, 4]", "words=[] | numbers=[]", "words=null | numbers=null"], Render(ReadWithArrow(path)));
        Assert.Equal(["2\t2\t2"], LakeReader.Query($"select count(*) filter (where words is null), sum(len(words)), sum(len(numbers)) from read_parquet({LakeReader.Literal(path)})"));
    }

    [Fact]
    public void Lists_NoneNullOrEmpty_WithNullElements_ReadBackAsWritten()
    {
        // Every list holds elements and is valid, some elements are null (gt_alleles of './.' calls): the levels of such
        // a page are worked out from the elements' validity alone.
        var random = new Random(17);
        var type = new ListType(new Field("element", Int32Type.Default, true));
        var batches = new List<RecordBatch>();
        var expected = new List<string>();
        for (var b = 0; b < 3; b++)
        {
            var builder = new ListArray.Builder(type.ValueField);
            var values = (Int32Array.Builder)builder.ValueBuilder;
            var rows = 500 + random.Next(500);
            for (var r = 0; r < rows; r++)
            {
                builder.Append();
                var items = new List<string>();
                var elements = 1 + random.Next(3);
                for (var e = 0; e < elements; e++)
                {
                    if (random.Next(10) == 0)
                    {
                        values.AppendNull();
                        items.Add("null");
                    }
                    else
                    {
                        var v = random.Next(4);
                        values.Append(v);
                        items.Add(v.ToString(CultureInfo.InvariantCulture));
                    }
                }

                expected.Add($"gt_alleles=[{string.Join(", ", items)}]");
            }

            var list = builder.Build();
            var schema = new Schema.Builder().Field(new Field("gt_alleles", type, true)).Build();
            if (b == 2)
            {
                // A slice of the array: its lists start past the child's first elements, its bitmaps at an offset.
                var sliced = ArrowArrayFactory.Slice(list, 37, rows - 50);
                batches.Add(new RecordBatch(schema, [sliced], sliced.Length));
                expected.RemoveRange(expected.Count - rows, 37);
                expected.RemoveRange(expected.Count - 13, 13);
            }
            else
            {
                batches.Add(new RecordBatch(schema, [list], list.Length));
            }
        }

        var path = Write(batches);

        Assert.Equal(expected, Render(ReadWithArrow(path)));
        var nulls = expected.Sum(row => row.Split("null").Length - 1);
        Assert.Equal([$"{expected.Count}\t{nulls}"], LakeReader.Query($"select count(*), sum(len(list_filter(gt_alleles, x -> x is null))) from read_parquet({LakeReader.Literal(path)})"));
    }

    [Fact]
    public void DoubleStatistics_OfZeros_AreMinusZeroToPlusZero()
    {
        // parquet.thrift (ColumnOrder): a zero min is written -0.0 and a zero max +0.0, whatever zeros the values
        // hold (Arrow's writer does so); a QUAL of 0 gave min 0.0 here and -0.0 from Arrow's writer.
        var schema = new Schema.Builder().Field(new Field("double", DoubleType.Default, true)).Build();
        var batches = new[] { new[] { 0.0, 0.0 }, [-0.0, -0.0], [0.0, -0.0, 5], [-3, 0.0] }
            .Select(values => new RecordBatch(schema, [new DoubleArray.Builder().AppendRange(values).Build()], values.Length)).ToList();
        var path = Write(batches, rowGroupBatches: 1);

        var statistics = LakeReader.Query($"select row_group_id, stats_min_value, stats_max_value from parquet_metadata({LakeReader.Literal(path)}) order by row_group_id");
        Assert.Equal(["0\t-0.0\t0.0", "1\t-0.0\t0.0", "2\t-0.0\t5.0", "3\t-3.0\t0.0"], statistics);

        // The deprecated min/max too (stats_min/stats_max), whose bytes DuckDB shows as a double as well.
        Assert.Equal(["-0.0\t0.0"], LakeReader.Query($"select stats_min, stats_max from parquet_metadata({LakeReader.Literal(path)}) where row_group_id = 1"));
    }

    [Fact]
    public void SchemaMetadata_ReachesArrowReaders()
    {
        // Arrow's reader takes the schema metadata from the ARROW:schema message, not from the key-value pairs: with a
        // bare schema there, pyarrow and ParquetSharp saw none of the harmony.* keys that Arrow's writer gave them.
        var metadata = new Dictionary<string, string> { ["harmony.source_file"] = "a.vcf", ["harmony.cohort"] = "ukall" };
        var schema = new Schema([new Field("row", Int64Type.Default, false)], metadata);
        var path = Write([new RecordBatch(schema, [new Int64Array.Builder().Append(1).Build()], 1)]);

        using var reader = new ParquetSharp.Arrow.FileReader(path);
        Assert.Equal(metadata.OrderBy(e => e.Key), reader.Schema.Metadata.OrderBy(e => e.Key));
        Assert.Equal(["a.vcf"], LakeReader.Query($"select decode(value) from parquet_kv_metadata({LakeReader.Literal(path)}) where decode(key) = 'harmony.source_file'"));
    }

    [Fact]
    public void Close_AfterAFailedWrite_LeavesNoReadableFile()
    {
        // A batch whose column is not of the schema's type fails half-way through the columns.
        var schema = new Schema.Builder().Field(new Field("a", Int64Type.Default, false)).Field(new Field("b", Int64Type.Default, false)).Build();
        var path = Path.Combine(_dir, "failed.parquet");
        using (var encoder = new ParquetFileEncoder(path, schema, Choices, 1))
        {
            var good = new Int64Array.Builder().Append(1).Build();
            encoder.Write(new RecordBatch(schema, [good, new Int64Array.Builder().Append(2).Build()], 1));
            var wrong = new RecordBatch(schema, [good, new StringArray.Builder().Append("x").Build()], 1);
            Assert.ThrowsAny<Exception>(() => encoder.Write(wrong));
            encoder.Close();
        }

        Assert.ThrowsAny<Exception>(() => LakeReader.Query($"select count(*) from read_parquet({LakeReader.Literal(path)})"));
    }

    [Fact]
    public void FilesSharingAWorkspace_AreTheBytesOfFilesWithTheirOwn()
    {
        // A writer thread's encoders share one workspace (page buffers, scratch, zstd context), one file after another
        // and interleaved batch by batch; nothing of one file may leak into the next.
        var random = new Random(11);
        var first = Enumerable.Range(0, 3).Select(b => RandomBatch(random, 200 + random.Next(900), b * 10_000L)).ToList();
        var second = Enumerable.Range(0, 3).Select(b => RandomBatch(random, 50 + random.Next(300), b * 10_000L)).ToList();
        var own = new[] { Write(first, 2), Write(second, 2) };

        using var workspace = new EncoderWorkspace();
        var shared = new[] { Path.Combine(_dir, "shared-1.parquet"), Path.Combine(_dir, "shared-2.parquet") };
        using (var a = new ParquetFileEncoder(shared[0], first[0].Schema, Choices, 2, workspace))
        using (var b = new ParquetFileEncoder(shared[1], second[0].Schema, Choices, 2, workspace))
        {
            for (var i = 0; i < first.Count; i++)
            {
                a.Write(first[i]);
                b.Write(second[i]);
            }

            a.Close();
            b.Close();
        }

        for (var f = 0; f < 2; f++)
        {
            Assert.Equal(File.ReadAllBytes(own[f]), File.ReadAllBytes(shared[f]));
        }

        Assert.Equal(Render(second), Render(ReadWithArrow(shared[1])));
    }

    [Fact]
    public void BatchesSharingOneDictionary_AcrossPagesAndRowGroups_ReadBackAsWritten()
    {
        // The calls' sample names: one dictionary object behind every batch, each batch using some of its entries. The
        // encoder keeps its map from that dictionary to the chunk's across pages, and must start it again with each
        // row group's dictionary: row group 2 uses entries row group 1 never did, and the other way round.
        var names = new StringArray.Builder().AppendRange(["S1", "S2", "S3", "S4", "S5", "S6"]).Build();
        var type = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var schema = new Schema.Builder().Field(new Field("sample", type, true)).Build();
        int?[][] pages = [[0, 1, 1, null], [1, 2, 0], [4, 5, null, 4], [3, 5], [0, 3, 2]];
        var batches = pages.Select(page =>
        {
            var indices = new Int32Array.Builder();
            foreach (var index in page)
            {
                if (index is { } k)
                {
                    indices.Append(k);
                }
                else
                {
                    indices.AppendNull();
                }
            }

            return new RecordBatch(schema, [new DictionaryArray(type, indices.Build(), names)], page.Length);
        }).ToList();

        var path = Write(batches, rowGroupBatches: 2);

        Assert.Equal(Render(batches), Render(ReadWithArrow(path)));

        // DuckDB agrees, row group by row group (7, 6 and 3 rows).
        Assert.Equal(
            ["1\tS1,S2,S3", "2\tS4,S5,S6", "3\tS1,S3,S4"],
            LakeReader.Query($"select case when file_row_number < 7 then 1 when file_row_number < 13 then 2 else 3 end as g, string_agg(distinct sample, ',' order by sample) from read_parquet({LakeReader.Literal(path)}, file_row_number = true) where sample is not null group by g order by g"));
    }

    // harmony convert's shape: each row's calls as a required list of required structs, whose fields are every shape
    // of column (scalars, lists, a dictionary), with rows that have no struct at all.
    [Theory]
    [InlineData(3, 1 << 20)]
    [InlineData(8, 2)]
    public void ListOfStructs_ReadsBackAsWritten_AndAsArrowsWriterWritesIt(int seed, int rowGroupBatches)
    {
        var random = new Random(seed);
        var batches = Enumerable.Range(0, 3).Select(b => NestedBatch(random, 200 + random.Next(300), b * 10_000L)).ToList();
        var path = Write(batches, rowGroupBatches);
        Assert.Equal(Render(batches), Render(ReadWithArrow(path)));

        // DuckDB reads the file as it reads the same batches written by Arrow's writer, every nested cell included.
        var arrowPath = Path.Combine(_dir, "arrow.parquet");
        using (var properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Zstd).Build())
        using (var arrowProperties = new ParquetSharp.Arrow.ArrowWriterPropertiesBuilder().StoreSchema().Build())
        using (var writer = new ParquetSharp.Arrow.FileWriter(arrowPath, batches[0].Schema, properties, arrowProperties))
        {
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch);
            }

            writer.Close();
        }

        var sql = "select \"row\", calls::varchar from read_parquet({0}) order by \"row\"";
        var ours = LakeReader.Query(string.Format(CultureInfo.InvariantCulture, sql, LakeReader.Literal(path)));
        Assert.Equal(batches.Sum(b => b.Length), ours.Count);
        Assert.Equal(LakeReader.Query(string.Format(CultureInfo.InvariantCulture, sql, LakeReader.Literal(arrowPath))), ours);
        var schema = "select name, type, repetition_type, num_children, converted_type, logical_type from parquet_schema({0})";
        // The elements below the root (whose repetition, which readers ignore, Arrow's writer sets and this encoder does not).
        Assert.Equal(
            LakeReader.Query(string.Format(CultureInfo.InvariantCulture, schema, LakeReader.Literal(arrowPath))).Skip(1),
            LakeReader.Query(string.Format(CultureInfo.InvariantCulture, schema, LakeReader.Literal(path))).Skip(1));
        var paths = "select distinct path_in_schema from parquet_metadata({0}) order by all";
        Assert.Equal(
            LakeReader.Query(string.Format(CultureInfo.InvariantCulture, paths, LakeReader.Literal(arrowPath))),
            LakeReader.Query(string.Format(CultureInfo.InvariantCulture, paths, LakeReader.Literal(path))));
    }

    [Fact]
    public void Supports_FlatAndListColumns_AndRequiredListsOfRequiredStructs()
    {
        Assert.True(ParquetFileEncoder.Supports(RandomBatch(new Random(1), 1, 0).Schema));
        Assert.True(ParquetFileEncoder.Supports(NestedBatch(new Random(1), 1, 0).Schema));
        var structs = new Schema.Builder().Field(new Field("s", new StructType([new Field("a", Int32Type.Default, true)]), true)).Build();
        Assert.False(ParquetFileEncoder.Supports(structs));
        var structType = new StructType([new Field("a", Int32Type.Default, true)]);
        var nullableList = new Schema.Builder().Field(new Field("l", new ListType(new Field("element", structType, false)), true)).Build();
        Assert.False(ParquetFileEncoder.Supports(nullableList));
        var nullableStructs = new Schema.Builder().Field(new Field("l", new ListType(new Field("element", structType, true)), false)).Build();
        Assert.False(ParquetFileEncoder.Supports(nullableStructs));
        var floats = new Schema.Builder().Field(new Field("f", FloatType.Default, true)).Build();
        Assert.False(ParquetFileEncoder.Supports(floats));
    }

    private string Write(IReadOnlyList<RecordBatch> batches, int rowGroupBatches = 1 << 20)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.parquet");
        using var encoder = new ParquetFileEncoder(path, batches[0].Schema, Choices, rowGroupBatches);
        foreach (var batch in batches)
        {
            encoder.Write(batch);
        }

        encoder.Close();
        return path;
    }

    private static List<RecordBatch> ReadWithArrow(string path)
    {
        // Row group by row group: Arrow's reader cannot give a nested column's rows of several row groups as one batch.
        using var reader = new ParquetSharp.Arrow.FileReader(path);
        var batches = new List<RecordBatch>();
        for (var group = 0; group < reader.ParquetReader.FileMetaData.NumRowGroups; group++)
        {
            using var stream = reader.GetRecordBatchReader([group]);
            while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                batches.Add(batch);
            }
        }

        return batches;
    }

    private sealed record Row(bool? Flag, int? Int32, double? Double, string? Text, string? Sample, List<int?>? Numbers, List<string?> Words);

    private static readonly string[] Vocabulary = ["PASS", "q10", "LowQual", "chr1", "chrX", "", "ünïcode", "a\tb"];

    private static RecordBatch RandomBatch(Random random, int rows, long firstRow)
    {
        var row = new Int64Array.Builder();
        var rising = new Int64Array.Builder();
        var int64 = new Int64Array.Builder();
        var flag = new BooleanArray.Builder();
        var phased = new BooleanArray.Builder();
        var int32 = new Int32Array.Builder();
        var dbl = new DoubleArray.Builder();
        var text = new StringArray.Builder();
        var unique = new StringArray.Builder();
        var numbers = new ListArray.Builder(Int32Type.Default);
        var numberValues = (Int32Array.Builder)numbers.ValueBuilder;
        var words = new ListArray.Builder(StringType.Default);
        var wordValues = (StringArray.Builder)words.ValueBuilder;
        var doubles = new ListArray.Builder(DoubleType.Default);
        var doubleValues = (DoubleArray.Builder)doubles.ValueBuilder;
        var flags = new ListArray.Builder(BooleanType.Default);
        var flagValues = (BooleanArray.Builder)flags.ValueBuilder;
        var samples = new Int32Array.Builder();
        var position = random.NextInt64(1, 1L << 40);
        for (var r = 0; r < rows; r++)
        {
            row.Append(firstRow + r);
            position += random.Next(10) == 0 ? -random.Next(1000) : random.Next(100_000);
            rising.Append(position);
            int64.Append(random.NextInt64(long.MinValue, long.MaxValue));
            Maybe(random, () => flag.Append(random.Next(2) == 0), () => flag.AppendNull());
            phased.Append(random.Next(3) == 0);
            Maybe(random, () => int32.Append(random.Next(4) == 0 ? random.Next(-5, 5) : random.Next(int.MinValue, int.MaxValue)), () => int32.AppendNull());
            Maybe(random, () => dbl.Append(random.Next(20) == 0 ? double.NaN : Math.Round(random.NextDouble() * 1000, random.Next(4))), () => dbl.AppendNull());
            Maybe(random, () => text.Append(Vocabulary[random.Next(Vocabulary.Length)] + (random.Next(3) == 0 ? random.Next(50).ToString(CultureInfo.InvariantCulture) : "")), () => text.AppendNull());
            unique.Append($"rs{firstRow + r}");
            switch (random.Next(6))
            {
                case 0:
                    numbers.AppendNull();
                    break;
                case 1:
                    numbers.Append(); // empty
                    break;
                default:
                    numbers.Append();
                    for (var e = random.Next(1, 12); e > 0; e--)
                    {
                        Maybe(random, () => numberValues.Append(random.Next(3) == 0 ? 0 : random.Next(-1000, 1000)), () => numberValues.AppendNull());
                    }

                    break;
            }

            words.Append();
            for (var e = random.Next(0, 3); e > 0; e--)
            {
                Maybe(random, () => wordValues.Append(Vocabulary[random.Next(Vocabulary.Length)]), () => wordValues.AppendNull());
            }

            doubles.Append();
            for (var e = random.Next(0, 3); e > 0; e--)
            {
                Maybe(random, () => doubleValues.Append(random.NextDouble()), () => doubleValues.AppendNull());
            }

            flags.Append();
            for (var e = random.Next(0, 3); e > 0; e--)
            {
                Maybe(random, () => flagValues.Append(random.Next(2) == 1), () => flagValues.AppendNull());
            }

            Maybe(random, () => samples.Append(random.Next(5)), () => samples.AppendNull());
        }

        // A dictionary-encoded column with its own dictionary per batch, entries in another order each time and
        // some entries no row uses.
        var dictionary = new StringArray.Builder();
        foreach (var name in new[] { "S1", "S2", "S3", "S4", "S5" }.OrderBy(_ => random.Next()))
        {
            dictionary.Append(name);
        }

        var builtSamples = samples.Build();
        var dictionaryType = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var sample = new DictionaryArray(dictionaryType, builtSamples, dictionary.Build());
        var schema = new Schema.Builder()
            .Field(new Field("row", Int64Type.Default, false))
            .Field(new Field("rising", Int64Type.Default, false))
            .Field(new Field("int64", Int64Type.Default, false))
            .Field(new Field("flag", BooleanType.Default, true))
            .Field(new Field("phased", BooleanType.Default, false))
            .Field(new Field("int32", Int32Type.Default, true))
            .Field(new Field("double", DoubleType.Default, true))
            .Field(new Field("text", StringType.Default, true))
            .Field(new Field("unique", StringType.Default, false))
            .Field(new Field("numbers", new ListType(new Field("element", Int32Type.Default, true)), true))
            .Field(new Field("words", new ListType(new Field("element", StringType.Default, true)), false))
            .Field(new Field("doubles", new ListType(new Field("element", DoubleType.Default, false)), true))
            .Field(new Field("flags", new ListType(new Field("element", BooleanType.Default, true)), true))
            .Field(new Field("sample", dictionaryType, true))
            .Build();
        var doublesArray = RequiredElements(doubles.Build());
        return new RecordBatch(schema, [row.Build(), rising.Build(), int64.Build(), flag.Build(), phased.Build(), int32.Build(), dbl.Build(), text.Build(), unique.Build(), numbers.Build(), words.Build(), doublesArray, flags.Build(), sample], rows);
    }

    // A row number and a list of 0 to 4 structs per row (a fifth of the rows none), the structs being the rows of a random
    // batch of every shape.
    private static RecordBatch NestedBatch(Random random, int rows, long firstRow)
    {
        var counts = Enumerable.Range(0, rows).Select(_ => random.Next(5) == 0 ? 0 : random.Next(1, 5)).ToList();
        var inner = RandomBatch(random, Math.Max(1, counts.Sum()), firstRow * 10);
        if (counts.Sum() == 0)
        {
            counts[0] = 1;
        }

        var offsets = new ArrowBuffer.Builder<int>(rows + 1).Append(0);
        var total = 0;
        foreach (var count in counts)
        {
            offsets.Append(total += count);
        }

        var structType = new StructType(inner.Schema.FieldsList.ToList());
        var structs = new StructArray(structType, inner.Length, Enumerable.Range(0, inner.ColumnCount).Select(inner.Column), ArrowBuffer.Empty, 0);
        var listType = new ListType(new Field("element", structType, false));
        var calls = new ListArray(listType, rows, offsets.Build(), structs, ArrowBuffer.Empty, 0);
        var row = new Int64Array.Builder();
        for (var r = 0; r < rows; r++)
        {
            row.Append(firstRow + r);
        }

        var schema = new Schema.Builder()
            .Field(new Field("row", Int64Type.Default, false))
            .Field(new Field("calls", listType, false))
            .Build();
        return new RecordBatch(schema, [row.Build(), calls], rows);
    }

    // The "doubles" column declares its elements non-null: drop the nulls the random builder put there.
    private static ListArray RequiredElements(ListArray list)
    {
        var rebuilt = new ListArray.Builder(new Field("element", DoubleType.Default, false));
        var values = (DoubleArray.Builder)rebuilt.ValueBuilder;
        var child = (DoubleArray)list.Values;
        for (var r = 0; r < list.Length; r++)
        {
            rebuilt.Append();
            for (var e = list.ValueOffsets[r]; e < list.ValueOffsets[r + 1]; e++)
            {
                if (child.IsValid(e))
                {
                    values.Append(child.GetValue(e)!.Value);
                }
            }
        }

        return rebuilt.Build();
    }

    private static void Maybe(Random random, Action value, Action none)
    {
        if (random.Next(5) == 0)
        {
            none();
        }
        else
        {
            value();
        }
    }

    private static IEnumerable<Row> Rows(RecordBatch batch)
    {
        var flag = (BooleanArray)batch.Column("flag");
        var int32 = (Int32Array)batch.Column("int32");
        var dbl = (DoubleArray)batch.Column("double");
        var text = (StringArray)batch.Column("text");
        var sample = (DictionaryArray)batch.Column("sample");
        var numbers = (ListArray)batch.Column("numbers");
        var words = (ListArray)batch.Column("words");
        for (var r = 0; r < batch.Length; r++)
        {
            yield return new Row(
                flag.GetValue(r),
                int32.GetValue(r),
                dbl.GetValue(r),
                text.GetString(r),
                sample.IsNull(r) ? null : "s",
                numbers.IsNull(r) ? null : Enumerable.Range(numbers.ValueOffsets[r], numbers.GetValueLength(r)).Select(e => ((Int32Array)numbers.Values).GetValue(e)).ToList(),
                Enumerable.Range(words.ValueOffsets[r], words.GetValueLength(r)).Select(e => (string?)((StringArray)words.Values).GetString(e)).ToList());
        }
    }

    // Every cell of every batch as text, row after row, whatever the batch boundaries.
    private static List<string> Render(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(batch => Enumerable.Range(0, batch.Length).Select(r =>
            string.Join(" | ", batch.Schema.FieldsList.Select((field, c) => $"{field.Name}={Cell(batch.Column(c), r)}")))).ToList();

    private static string Cell(IArrowArray array, int i) => array switch
    {
        _ when array.IsNull(i) => "null",
        BooleanArray a => a.GetValue(i)!.Value ? "true" : "false",
        Int32Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
        Int64Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
        DoubleArray a => BitConverter.DoubleToInt64Bits(a.GetValue(i)!.Value).ToString("X16", CultureInfo.InvariantCulture),
        StringArray a => "'" + a.GetString(i) + "'",
        DictionaryArray a => Cell(a.Dictionary, ((Int32Array)a.Indices).GetValue(i)!.Value),
        ListArray a => "[" + string.Join(", ", Enumerable.Range(a.ValueOffsets[i], a.GetValueLength(i)).Select(e => Cell(a.Values, e))) + "]",
        StructArray a => "{" + string.Join(", ", a.Fields.Select(field => Cell(field, i))) + "}",
        _ => throw new NotSupportedException(array.GetType().Name),
    };
}
