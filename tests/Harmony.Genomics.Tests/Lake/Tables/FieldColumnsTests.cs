using System.Globalization;
using System.Text;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class FieldColumnsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AppendSamples_ColumnByColumn_SameColumnsAsOneRowAtATime(int seed)
    {
        // Random FORMAT layouts: fields in any order after GT, some records without a declared field, an undeclared
        // field first met mid-file, missing values, samples with trailing fields dropped, every type and shape.
        var random = new Random(seed);
        var samples = 1 + random.Next(9);
        var text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=1,length=1000000>\n");
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"a\">\n");
        text.Append("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"d\">\n##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"f\">\n");
        text.Append("##FORMAT=<ID=FT,Number=1,Type=String,Description=\"t\">\n##FORMAT=<ID=PS,Number=.,Type=Integer,Description=\"p\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT").Append(string.Concat(Enumerable.Range(0, samples).Select(s => $"\tS{s}"))).Append('\n');
        string[] optional = ["AD", "DP", "AF", "FT", "PS"];
        for (var r = 0; r < 300; r++)
        {
            var keys = optional.Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next()).ToList();
            if (r >= 150 && random.Next(2) == 0)
            {
                keys.Insert(random.Next(keys.Count + 1), "XU");
            }

            text.Append($"1\t{100 + r}\t.\tA\tC,G\t.\t.\t.\t").Append(string.Join(':', keys.Prepend("GT")));
            for (var s = 0; s < samples; s++)
            {
                var values = keys.Select(key => random.Next(6) == 0 ? "." : key switch
                {
                    "AD" => $"{random.Next(50)},{random.Next(50)},{(random.Next(5) == 0 ? "." : random.Next(9).ToString(CultureInfo.InvariantCulture))}",
                    "DP" => random.Next(100).ToString(CultureInfo.InvariantCulture),
                    "AF" => $"0.{random.Next(1000):D3},{(random.Next(4) == 0 ? "." : "1")}",
                    "FT" => random.Next(2) == 0 ? "PASS" : "lowq",
                    "PS" => string.Join(',', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(1000))),
                    _ => "u" + random.Next(9),
                }).Prepend(random.Next(3) == 0 ? "0/0" : "0/1").ToList();
                var kept = random.Next(8) == 0 ? 1 + random.Next(values.Count) : values.Count;
                text.Append('\t').Append(string.Join(':', values.Take(kept)));
            }

            text.Append('\n');
        }

        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "random.vcf", new VcfReaderOptions { Threads = 1, Strict = false });
        var byColumn = new FieldColumns(reader.Header.Format, string.Empty, [], d => d, ["GT"]);
        var byRow = new FieldColumns(reader.Header.Format, string.Empty, [], d => d, ["GT"]);
        var record = new VcfRecord();
        var rows = 0;
        while (reader.Read(record))
        {
            byColumn.Refresh(rows, record.FormatFieldCount);
            byRow.Refresh(rows, record.FormatFieldCount);
            var selected = Enumerable.Range(0, samples).Where(_ => random.Next(3) > 0).ToList();
            byColumn.AppendSamples(record, selected);

            // One row at a time, as calls were appended before: each sample's values placed by field index.
            var fields = record.FormatFieldCount;
            var values = new FieldValues[fields];
            var present = new bool[fields];
            foreach (var s in selected)
            {
                System.Array.Clear(present);
                for (var k = 0; k < record.Format.Count; k++)
                {
                    values[record.Format[k].Index] = record.GetSampleValues(s, k);
                    present[record.Format[k].Index] = true;
                }

                byRow.Append(record, values, present);
            }

            rows += selected.Count;
        }

        AssertSameColumns(byRow, byColumn, ["ad", "dp", "af", "ft", "ps", "xu"], rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AppendInfo_ByLayout_SameColumnsAsValuesPlacedByFieldIndex(int seed)
    {
        // Random INFO columns: keys in any order, runs of records with one layout (the kept layout is reused), records
        // lacking keys, flags, missing values and lists, an undeclared key first met mid-file (a column added later).
        var random = new Random(seed);
        var text = new StringBuilder("##fileformat=VCFv4.3\n##contig=<ID=1,length=1000000>\n");
        text.Append("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"d\">\n##INFO=<ID=AF,Number=A,Type=Float,Description=\"f\">\n");
        text.Append("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"c\">\n##INFO=<ID=DB,Number=0,Type=Flag,Description=\"b\">\n");
        text.Append("##INFO=<ID=TY,Number=1,Type=String,Description=\"t\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        string[] optional = ["DP", "AF", "AC", "DB", "TY"];
        var keys = optional.ToList();
        for (var r = 0; r < 400; r++)
        {
            if (random.Next(10) == 0)
            {
                keys = optional.Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next()).ToList();
                if (r >= 200 && random.Next(2) == 0)
                {
                    keys.Insert(random.Next(keys.Count + 1), "XU");
                }
            }

            var entries = keys.Select(key => key switch
            {
                "DB" => "DB",
                _ when random.Next(8) == 0 => key + "=.",
                "DP" => "DP=" + random.Next(100).ToString(CultureInfo.InvariantCulture),
                "AF" => $"AF=0.{random.Next(1000):D3},{(random.Next(4) == 0 ? "." : "1")}",
                "AC" => $"AC={random.Next(9)},{random.Next(9)}",
                "TY" => "TY=" + (random.Next(2) == 0 ? "snv" : "indel"),
                _ => "XU=u" + random.Next(9),
            }).ToList();
            text.Append($"1\t{100 + r}\t.\tA\tC,G\t.\t.\t").Append(entries.Count == 0 ? "." : string.Join(';', entries)).Append('\n');
        }

        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "random.vcf", new VcfReaderOptions { Threads = 1, Strict = false });
        var byLayout = new FieldColumns(reader.Header.Info, "info_", [], d => d, []);
        var byIndex = new FieldColumns(reader.Header.Info, "info_", [], d => d, []);
        var record = new VcfRecord();
        var rows = 0;
        while (reader.Read(record))
        {
            byLayout.Refresh(rows, record.InfoFieldCount);
            byIndex.Refresh(rows, record.InfoFieldCount);
            byLayout.AppendInfo(record);
            var values = new FieldValues[record.InfoFieldCount];
            var present = new bool[record.InfoFieldCount];
            foreach (var (field, fieldValues) in record.Info)
            {
                values[field.Index] = fieldValues;
                present[field.Index] = true;
            }

            byIndex.Append(record, values, present);
            rows++;
        }

        AssertSameColumns(byIndex, byLayout, ["info_dp", "info_af", "info_ac", "info_db", "info_ty", "info_xu"], rows);
    }

    // The columns built by the reference and by the path tested: the names expected, every one rows long, cell for cell.
    private static void AssertSameColumns(FieldColumns reference, FieldColumns tested, string[] names, int rows)
    {
        var expected = reference.Columns.Select(c => (c.Field.Name, ArrowCells.Render(c.Build()))).ToList();
        var actual = tested.Columns.Select(c => (c.Field.Name, ArrowCells.Render(c.Build()))).ToList();
        Assert.Equal(names, expected.Select(c => c.Name));
        Assert.All(expected, c => Assert.Equal(rows, c.Item2.Count));
        Assert.Equal(expected.Select(c => c.Name), actual.Select(c => c.Name));
        for (var c = 0; c < expected.Count; c++)
        {
            Assert.Equal(expected[c].Item2, actual[c].Item2);
        }
    }
}
