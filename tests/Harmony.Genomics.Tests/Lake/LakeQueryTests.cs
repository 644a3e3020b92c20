using System.Text.Json;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Tests.Lake;

public sealed class LakeQueryTests : IDisposable
{
    private readonly TempLake _temp = new();

    public LakeQueryTests()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "variants", "cohort=B-ALL"));
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "variants", "cohort=T-ALL"));
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "_harmony", "x"));
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "empty"));
        TempLake.WriteParquet(
            Path.Combine(_temp.Path0, "variants", "cohort=B-ALL", "a.parquet"),
            "select * from (values (1, 'A,\"x\"', [1, 2], 0.5), (2, null, [], null)) t(pos, note, ad, af)");
        TempLake.WriteParquet(Path.Combine(_temp.Path0, "variants", "cohort=T-ALL", "b.parquet"), "select 3 as pos, 'tab\there' as note");
        TempLake.WriteParquet(Path.Combine(_temp.Path0, "_harmony", "x", "hidden.parquet"), "select 1 as a");
    }

    public void Dispose() => _temp.Dispose();

    private string Run(string sql, QueryOutputFormat format)
    {
        using var writer = new StringWriter();
        LakeQuery.Run(_temp.Path0, sql, format, writer);
        return writer.ToString();
    }

    // A '.' element of a numeric list (AD=.,3; a './.' call's gt_alleles) is a null inside the list: printed as NULL,
    // in every format, and in nested lists too, rather than DuckDB.NET's cast to a list of non-nullable numbers failing.
    [Theory]
    [InlineData(QueryOutputFormat.Table)]
    [InlineData(QueryOutputFormat.Csv)]
    [InlineData(QueryOutputFormat.Tsv)]
    [InlineData(QueryOutputFormat.Json)]
    public void Run_ListsWithNullElements_AreWrittenWithTheirNulls(QueryOutputFormat format)
    {
        var output = Run("select [null, 3]::INTEGER[] as ad, [0.5, null]::DOUBLE[] as af, [true, null] as flags, [1, null]::BIGINT[] as ids, [[1, null], null, []]::INTEGER[][] as nested", format);

        if (format == QueryOutputFormat.Json)
        {
            var row = JsonDocument.Parse(output).RootElement.EnumerateArray().Single();
            Assert.Equal("[null,3]", JsonSerializer.Serialize(row.GetProperty("ad")));
            Assert.Equal("[0.5,null]", JsonSerializer.Serialize(row.GetProperty("af")));
            Assert.Equal("[true,null]", JsonSerializer.Serialize(row.GetProperty("flags")));
            Assert.Equal("[1,null]", JsonSerializer.Serialize(row.GetProperty("ids")));
            Assert.Equal("[[1,null],null,[]]", JsonSerializer.Serialize(row.GetProperty("nested")));
        }
        else
        {
            Assert.Contains("[NULL, 3]", output, StringComparison.Ordinal);
            Assert.Contains("[0.5, NULL]", output, StringComparison.Ordinal);
            Assert.Contains("[true, NULL]", output, StringComparison.Ordinal);
            Assert.Contains("[1, NULL]", output, StringComparison.Ordinal);
            Assert.Contains("[[1, NULL], NULL, []]", output, StringComparison.Ordinal);
        }
    }

    // Lists of other value types (UBIGINT, DATE, DECIMAL, TIMESTAMP, lists of BIGINT lists) with a null element: DuckDB.NET
    // throws for them whatever type they are asked for, and `harmony query` had ended with an unhandled exception. They
    // come back as DuckDB's text of each element, nulls kept, under the query's own column names (repeated ones too).
    [Theory]
    [InlineData(QueryOutputFormat.Table)]
    [InlineData(QueryOutputFormat.Json)]
    public void Run_OtherListsWithNullElements_AreWrittenAsText(QueryOutputFormat format)
    {
        var output = Run("select [1::UBIGINT, null] as big, [DATE '2020-01-02', null] as day, [1.5::DECIMAL(4,1), null] as dec, [[1::BIGINT, null], null] as nested, 7 as x, [3, null] as x from variants where pos = 1;\n", format);

        if (format == QueryOutputFormat.Json)
        {
            var row = JsonDocument.Parse(output).RootElement.EnumerateArray().Single();
            Assert.Equal("[\"1\",null]", JsonSerializer.Serialize(row.GetProperty("big")));
            Assert.Equal("[\"2020-01-02\",null]", JsonSerializer.Serialize(row.GetProperty("day")));
            Assert.Equal("[\"1.5\",null]", JsonSerializer.Serialize(row.GetProperty("dec")));
            Assert.Equal("[[\"1\",null],null]", JsonSerializer.Serialize(row.GetProperty("nested")));
        }
        else
        {
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["big", "day", "dec", "nested", "x", "x"], lines[0].Split('|').Select(c => c.Trim()));
            Assert.Equal(["[1, NULL]", "[2020-01-02, NULL]", "[1.5, NULL]", "[[1, NULL], NULL]", "7", "[3, NULL]"], lines[2].Split('|').Select(c => c.Trim()));
        }

        // The wrapped query keeps the query's own order.
        Assert.Equal("3,\"[3, NULL]\"\r\n2,\"[2, NULL]\"\r\n1,\"[1, NULL]\"\r\n", Run("select pos, [pos::UBIGINT, null] as l from variants order by pos desc", QueryOutputFormat.Csv).Split("\r\n", 2)[1]);
    }

    // MAP, STRUCT and UNION values (histogram(), parquet_metadata's key_value_metadata, struct literals), and lists of
    // them: DuckDB.NET reads them by reflection, which the native build cannot do ("No parameterless constructor" for a
    // MAP ended the query with an internal error), and jitted it throws on a struct holding a list with a null. Both
    // builds print DuckDB's text of them.
    [Theory]
    [InlineData(QueryOutputFormat.Table)]
    [InlineData(QueryOutputFormat.Json)]
    public void Run_MapsStructsAndUnions_AreWrittenAsDuckDbText(QueryOutputFormat format)
    {
        var output = Run("select histogram(cohort) as h, map([1, 2], ['a', null]) as m, {'x': 1, 'y': [1, null]} as s, union_value(k := 'hi') as u, [{'a': 1}] as ls, count(*) as n from variants", format);

        string[] expected = ["{B-ALL=2, T-ALL=1}", "{1=a, 2=NULL}", "{'x': 1, 'y': [1, NULL]}", "hi"];
        if (format == QueryOutputFormat.Json)
        {
            var row = JsonDocument.Parse(output).RootElement.EnumerateArray().Single();
            Assert.Equal(expected, new[] { "h", "m", "s", "u" }.Select(c => row.GetProperty(c).GetString()));
            Assert.Equal(["{'a': 1}"], row.GetProperty("ls").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(3, row.GetProperty("n").GetInt64());
        }
        else
        {
            var cells = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[2].Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal([.. expected, "[{'a': 1}]", "3"], cells);
        }
    }

    [Fact]
    public void Run_AListThatCannotBeRead_IsAClearError()
    {
        // A comment after the statement's ';' keeps it from being wrapped, so the list is read as DuckDB.NET gives it (a
        // comment alone is fine: the wrapper starts a new line after the query).
        Assert.Contains("[1, NULL]", Run("select [1::UBIGINT, null] as big -- a comment", QueryOutputFormat.Table), StringComparison.Ordinal);
        var error = Assert.Throws<HarmonyException>(() => Run("select [1::UBIGINT, null] as big; -- a comment", QueryOutputFormat.Table));
        Assert.Contains("Column 'big'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CAST(big AS VARCHAR[])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Csv_HivePartitionAndRfc4180Quoting()
    {
        var csv = Run("select pos, cohort, note, ad from variants order by pos", QueryOutputFormat.Csv);
        Assert.Equal(
            "pos,cohort,note,ad\r\n1,B-ALL,\"A,\"\"x\"\"\",\"[1, 2]\"\r\n2,B-ALL,,[]\r\n3,T-ALL,tab\there,\r\n",
            csv);
    }

    [Fact]
    public void Run_Tsv_EscapesTabs()
    {
        var tsv = Run("select pos, note from variants where pos = 3", QueryOutputFormat.Tsv);
        Assert.Equal("pos\tnote\n3\ttab\\there\n", tsv);
    }

    [Fact]
    public void Run_Json_ListsAsArraysAndNullAsNull()
    {
        var json = Run("select pos, note, ad, af from variants where cohort = 'B-ALL' order by pos", QueryOutputFormat.Json);
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].GetProperty("pos").GetInt32());
        Assert.Equal("A,\"x\"", rows[0].GetProperty("note").GetString());
        Assert.Equal([1, 2], rows[0].GetProperty("ad").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.5, rows[0].GetProperty("af").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("note").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("af").ValueKind);
        Assert.Equal(JsonValueKind.Array, rows[1].GetProperty("ad").ValueKind);
    }

    [Fact]
    public void Run_Table_AlignedWithHeaderAndRule()
    {
        var table = Run("select cohort, count(*) as n from variants group by cohort order by cohort", QueryOutputFormat.Table);
        Assert.Equal("cohort | n\n-------+--\nB-ALL  | 2\nT-ALL  | 1\n", table);
    }

    [Fact]
    public void Run_OnlyTableDirectoriesWithParquetBecomeViews()
    {
        var tables = Run("select table_name from information_schema.tables order by 1", QueryOutputFormat.Csv);
        Assert.Equal("table_name\r\nvariants\r\n", tables);
    }

    [Fact]
    public void Run_SqlError_HarmonyExceptionWithDuckDbMessage()
    {
        var e = Assert.Throws<HarmonyException>(() => Run("select nope from variants", QueryOutputFormat.Table));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OverCommittedLake_SeesTablesThroughLinksAndDecodesEscapedPartitions()
    {
        var lakePath = Path.Combine(_temp.Root, "committed");
        var lake = LakeDirectory.Open(lakePath);
        using (var tx = lake.BeginTransaction())
        {
            var ordinal = tx.AddSource(TempLake.Sha("one"), "one.vcf");
            TempLake.WriteParquet(tx.NewFilePath("calls", [new("cohort", "ALL/relapse 2")], $"part-{ordinal}.parquet"), "select 7 as pos");
            tx.Commit();
        }

        using var writer = new StringWriter();
        LakeQuery.Run(lakePath, "select cohort, pos from calls", QueryOutputFormat.Csv, writer);
        Assert.Equal("cohort,pos\r\nALL/relapse 2,7\r\n", writer.ToString());
    }

    [Fact]
    public void Rows_AndConnect_ReportSqlErrorsAndMissingLakesAsHarmonyExceptions()
    {
        using (var connection = LakeQuery.Connect(_temp.Path0))
        {
            Assert.StartsWith("SQL error:", Assert.Throws<HarmonyException>(() => LakeQuery.Rows(connection, "select nope from variants")).Message, StringComparison.Ordinal);
        }

        Assert.Contains("does not exist", Assert.Throws<HarmonyException>(() => LakeQuery.Connect(Path.Combine(_temp.Path0, "missing"))).Message, StringComparison.Ordinal);
    }

    // A cohort named with digits stays a string (DuckDB would infer BIGINT from the directory names), and a non-ASCII
    // one is written as UTF-8, as Spark writes it, and reads back whole.
    [Fact]
    public void PartitionValues_ReadBackAsTheStringsWritten()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path0, "samples", "cohort=2024"));
        TempLake.WriteParquet(Path.Combine(_temp.Path0, "samples", "cohort=2024", "a.parquet"), "select 'S1' as sample");
        Assert.Contains("cohort,type\r\n2024,VARCHAR", Run("select cohort, typeof(cohort) as type from samples", QueryOutputFormat.Csv), StringComparison.Ordinal);
        Assert.Equal("cohort=Zürich", HivePartition.Segment("cohort", "Zürich"));
    }
}
