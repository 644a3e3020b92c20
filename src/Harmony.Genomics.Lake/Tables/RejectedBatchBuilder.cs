using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>Rows of the <c>rejected</c> table: each record refused in lenient mode, with where and why.</summary>
internal sealed class RejectedBatchBuilder
{
    // The raw line is kept for inspection, clipped so one pathological line cannot bloat the lake.
    private const int MaxTextLength = 64 << 10;

    private readonly ColumnBuilder _source = new(new Field("source_file", StringType.Default, false));
    private readonly ColumnBuilder _line = new(new Field("line_number", Int64Type.Default, true));
    private readonly ColumnBuilder _offset = new(new Field("byte_offset", Int64Type.Default, false));
    private readonly ColumnBuilder _recordIndex = new(new Field("record_index", Int64Type.Default, true));
    private readonly ColumnBuilder _column = new(new Field("column", StringType.Default, true));
    private readonly ColumnBuilder _reason = new(new Field("reason", StringType.Default, false));
    private readonly ColumnBuilder _text = new(new Field("text", StringType.Default, true));

    public int Rows => _source.Length;

    public void Append(string sourceFile, InputFormatException error, long? recordIndex, ReadOnlySpan<byte> line)
    {
        _source.String.Append(sourceFile);
        _source.EndScalar();
        AppendNullable(_line, error.Line);
        _offset.Int64.Append(error.ByteOffset);
        _offset.EndScalar();
        AppendNullable(_recordIndex, recordIndex);
        if (error.Column is null)
        {
            _column.AppendNull();
        }
        else
        {
            _column.String.Append(error.Column);
            _column.EndScalar();
        }

        _reason.String.Append(error.Expected);
        _reason.EndScalar();
        var clipped = line.Length > MaxTextLength ? line[..MaxTextLength] : line;
        _text.String.Append(System.Text.Encoding.UTF8.GetString(clipped));
        _text.EndScalar();
    }

    public RecordBatch Build(IReadOnlyDictionary<string, string> metadata)
    {
        var columns = new[] { _source, _line, _offset, _recordIndex, _column, _reason, _text };
        var length = _source.Length;
        return new RecordBatch(new Schema(columns.Select(c => c.Field), metadata), columns.Select(c => c.Build()).ToList(), length);
    }

    private static void AppendNullable(ColumnBuilder column, long? value)
    {
        if (value is { } v)
        {
            column.Int64.Append(v);
            column.EndScalar();
        }
        else
        {
            column.AppendNull();
        }
    }
}
