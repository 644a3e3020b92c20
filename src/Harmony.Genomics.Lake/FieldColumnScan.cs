using Apache.Arrow.Types;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Lake;

/// <summary>
/// Reads the field columns a lake's published files hold (those whose Arrow metadata names a VCF field, <c>vcf.id</c>),
/// for a lake written before <see cref="FieldColumnRegistry"/> kept them. Only the files' footers are read.
/// </summary>
internal static class FieldColumnScan
{
    /// <summary>The columns of <c>variants</c> and <c>calls</c>, the first type met for each name (files in name order).</summary>
    public static List<FieldColumnRegistry.Entry> Read(LakeDirectory lake)
    {
        var entries = new List<FieldColumnRegistry.Entry>();
        var snapshot = lake.SnapshotPath(lake.CurrentSnapshot);
        foreach (var table in new[] { LakeColumns.VariantsTable, LakeColumns.CallsTable })
        {
            var folder = Path.Combine(snapshot, table);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                using var reader = new ParquetSharp.Arrow.FileReader(file);
                foreach (var field in reader.Schema.FieldsList)
                {
                    if (field.Metadata is { } metadata && metadata.TryGetValue("vcf.id", out var id) && TypeOf(field.DataType) is { } type && names.Add(field.Name))
                    {
                        entries.Add(new FieldColumnRegistry.Entry(table, field.Name, id, type));
                    }
                }
            }
        }

        return entries;
    }

    private static FieldColumnType? TypeOf(IArrowType type) => type switch
    {
        Int32Type => FieldColumnType.Int32,
        DoubleType => FieldColumnType.Double,
        BooleanType => FieldColumnType.Boolean,
        StringType => FieldColumnType.String,
        ListType { ValueDataType: Int32Type } => FieldColumnType.Int32List,
        ListType { ValueDataType: DoubleType } => FieldColumnType.DoubleList,
        ListType { ValueDataType: StringType } => FieldColumnType.StringList,
        _ => null,
    };
}
