using Apache.Arrow;
using Apache.Arrow.Types;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Writes a small derived table (e.g. annotation results) row by row to Parquet through the same
/// <see cref="ParquetTableWriter"/> as the VCF tables, into files reserved from a <see cref="LakeTransaction"/>;
/// rows are buffered and written in batches, so it suits tables far smaller than <c>variants</c>.
/// </summary>
public sealed class RowTableWriter : IDisposable
{
    private const int BatchRows = 1 << 16;
    private readonly IReadOnlyList<RowColumn> _columns;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly ParquetTableWriter _writer;
    private readonly List<object?[]> _rows = [];

    /// <summary>Prepares a table.</summary>
    /// <param name="columns">The columns in order.</param>
    /// <param name="metadata">Key-value metadata stamped into each file.</param>
    /// <param name="newFilePath">Gives the path of file part n (e.g. from <see cref="LakeTransaction.NewFilePath"/>).</param>
    public RowTableWriter(IReadOnlyList<RowColumn> columns, IReadOnlyDictionary<string, string> metadata, Func<int, string> newFilePath)
    {
        _columns = columns;
        _metadata = metadata;
        _writer = new ParquetTableWriter(newFilePath);
    }

    /// <summary>Rows written so far (flushed or buffered).</summary>
    public long Rows { get; private set; }

    /// <summary>Adds a row: one value per column (string, long, int, bool, double, or a string list; null where allowed).</summary>
    public void Add(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException($"expected {_columns.Count} values, got {values.Length}", nameof(values));
        }

        _rows.Add(values);
        Rows++;
        if (_rows.Count >= BatchRows)
        {
            Flush();
        }
    }

    /// <summary>Writes the buffered rows and closes the files. Writes no file when there were no rows.</summary>
    public void Complete()
    {
        Flush();
        _writer.Close();
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    private void Flush()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var builders = _columns.Select(c => new ColumnBuilder(new Field(c.Name, ArrowType(c.Type), c.Nullable))).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < builders.Length; i++)
            {
                Append(builders[i], _columns[i], row[i]);
            }
        }

        var batch = new RecordBatch(new Schema(builders.Select(b => b.Field), _metadata), builders.Select(b => b.Build()).ToList(), _rows.Count);
        _writer.Write(batch);
        _rows.Clear();
    }

    private static void Append(ColumnBuilder builder, RowColumn column, object? value)
    {
        if (value is null)
        {
            if (!column.Nullable)
            {
                throw new ArgumentException($"column {column.Name} does not allow null");
            }

            builder.AppendNull();
            return;
        }

        switch (column.Type)
        {
            case RowColumnType.String:
                builder.String.Append((string)value);
                builder.EndScalar();
                break;
            case RowColumnType.Int64:
                builder.Int64.Append(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                builder.EndScalar();
                break;
            case RowColumnType.Int32:
                builder.Int32.Append(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                builder.EndScalar();
                break;
            case RowColumnType.Boolean:
                builder.Boolean.Append((bool)value);
                builder.EndScalar();
                break;
            case RowColumnType.Double:
                builder.Double.Append(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                builder.EndScalar();
                break;
            default:
                builder.BeginList();
                foreach (var item in (IEnumerable<string>)value)
                {
                    builder.String.Append(item);
                }

                break;
        }
    }

    private static IArrowType ArrowType(RowColumnType type) => type switch
    {
        RowColumnType.String => StringType.Default,
        RowColumnType.Int64 => Int64Type.Default,
        RowColumnType.Int32 => Int32Type.Default,
        RowColumnType.Boolean => BooleanType.Default,
        RowColumnType.Double => DoubleType.Default,
        _ => new ListType(new Field("element", StringType.Default, nullable: false)),
    };
}
