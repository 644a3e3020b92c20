using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Folds a <c>calls</c> batch into its <c>variants</c> batch as one column <c>calls: list&lt;struct&gt;</c>, so a
/// single file (Parquet or Arrow IPC, which hold one schema each) carries records and their calls together.
/// </summary>
internal static class NestedCalls
{
    // Columns of a call that repeat what the enclosing variant row says.
    private static readonly HashSet<string> Redundant = new(StringComparer.Ordinal) { "variant_id", "source_file" };

    public static RecordBatch Nest(RecordBatch variants, RecordBatch calls)
    {
        var variantIds = (Int64Array)variants.Column("variant_id");
        var callVariantIds = (Int64Array)calls.Column("variant_id");

        // Calls were appended in record order, so each record's calls are one contiguous run.
        // In managed memory (see ManagedBuffers).
        var offsetBytes = new byte[(variants.Length + 1) * sizeof(int)];
        var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
        var call = 0;
        for (var row = 0; row < variants.Length; row++)
        {
            var id = variantIds.GetValue(row);
            while (call < calls.Length && callVariantIds.GetValue(call) == id)
            {
                call++;
            }

            offsets[row + 1] = call;
        }

        if (call != calls.Length)
        {
            throw new InvalidOperationException("calls are not in the order of their records");
        }

        var keep = Enumerable.Range(0, calls.Schema.FieldsList.Count).Where(i => !Redundant.Contains(calls.Schema.FieldsList[i].Name)).ToList();
        var structType = new StructType(keep.Select(i => calls.Schema.FieldsList[i]).ToList());
        var structs = new StructArray(structType, calls.Length, keep.Select(calls.Column), ArrowBuffer.Empty, nullCount: 0);
        var listType = new ListType(new Field("element", structType, nullable: false));
        var list = new ListArray(listType, variants.Length, new ArrowBuffer(offsetBytes), structs, ArrowBuffer.Empty, nullCount: 0);

        var fields = variants.Schema.FieldsList.Append(new Field("calls", listType, nullable: false));
        var columns = Enumerable.Range(0, variants.ColumnCount).Select(variants.Column).Append(list).ToList();
        return new RecordBatch(new Schema(fields, variants.Schema.Metadata), columns, variants.Length);
    }
}
