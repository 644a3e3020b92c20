using System.Text;
using Apache.Arrow;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake.Tables;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class VariantColumnsTests
{
    private const string Vcf = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr1>
        ##FILTER=<ID=q10,Description="q">
        ##FILTER=<ID=s50,Description="s">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO
        chr1	10	rs1	A	C,G	30.5	PASS	.
        chr1	20	.	CT	.	.	.	.
        chr1	30	rs3;rs4	G	T	0	q10;s50	.
        chr1	40	.	T	A	.	.	.

        """;

    // Values, nulls ('.' ID, QUAL and FILTER) and their counts, lists of several ALTs and FILTERs, source_file on every
    // row; the same rows appended record by record and copied from another instance in two ranges.
    [Fact]
    public void Build_ValuesAndNulls_RecordByRecordAndInRanges()
    {
        var records = Records();
        var one = new VariantColumns(Encoding.UTF8.GetBytes("dir/f.vcf"));
        var fragment = new VariantColumns(Encoding.UTF8.GetBytes("dir/f.vcf"));
        var pieces = new VariantColumns(Encoding.UTF8.GetBytes("dir/f.vcf"));
        for (var i = 0; i < records.Count; i++)
        {
            fragment.Append(records[i], 7 + i);
        }

        for (var i = 0; i < 3; i++)
        {
            one.Append(records[i], 7 + i);
        }

        pieces.AppendRange(fragment, 0, 1);
        pieces.AppendRange(fragment, 1, 2);
        var built = Render(one);
        Assert.Equal(built, Render(pieces));
        string[] expected =
        [
            "variant_id (0 nulls): 7|8|9",
            "source_file (0 nulls): dir/f.vcf|dir/f.vcf|dir/f.vcf",
            "record_index (0 nulls): 0|1|2",
            "chrom (0 nulls): chr1|chr1|chr1",
            "pos (0 nulls): 10|20|30",
            "end_pos (0 nulls): 10|21|30",
            "id (1 nulls): rs1|null|rs3;rs4",
            "ref (0 nulls): A|CT|G",
            "alts (0, 0 nulls): [C,G]|[]|[T]",
            "qual (1 nulls): 30.5|null|0",
            "filters (1, 0 nulls): [PASS]|null|[q10,s50]",
        ];
        Assert.Equal(expected, built);
    }

    // A batch whose ID, QUAL and FILTER are all missing (ColumnBuilder built those from shared zeroed memory), then an
    // empty batch: the buffers start afresh after each build.
    [Fact]
    public void Build_AllMissingThenEmpty()
    {
        var records = Records();
        var columns = new VariantColumns(Encoding.UTF8.GetBytes("f.vcf"));
        columns.Append(records[1], 1);
        columns.Append(records[3], 3);

        var built = Render(columns);
        Assert.Contains("id (2 nulls): null|null", built);
        Assert.Contains("qual (2 nulls): null|null", built);
        Assert.Contains("filters (2, 0 nulls): null|null", built);
        Assert.Contains("alts (0, 0 nulls): []|[A]", built);

        var empty = Render(columns);
        Assert.Equal(VariantColumns.Fields.Count, empty.Count);
        Assert.All(empty, c => Assert.EndsWith("nulls): ", c, StringComparison.Ordinal));
    }

    private static List<string> Render(VariantColumns columns)
    {
        var owners = new List<IDisposable>();
        var arrays = columns.Build(owners);
        var batch = new RecordBatch(new Schema(VariantColumns.Fields, null), arrays, arrays[0].Length);
        var rendered = ArrowCells.Render(batch);
        owners.ForEach(o => o.Dispose());
        return rendered;
    }

    private static List<VcfRecord> Records()
    {
        using var reader = new VcfReader(new MemoryStream(Encoding.UTF8.GetBytes(Vcf)), "f.vcf", new VcfReaderOptions { Threads = 1 });
        var records = new List<VcfRecord>();
        while (true)
        {
            var record = new VcfRecord { KeepsLine = true };
            if (!reader.Read(record))
            {
                return records;
            }

            records.Add(record);
        }
    }
}
