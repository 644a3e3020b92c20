using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Turns header-typed INFO or FORMAT fields into typed Arrow columns and fills them from decoded records.
/// Number=0/1 fields become scalars, all others lists; the header's Number, Type and Description ride along as
/// field metadata.
/// </summary>
internal sealed class FieldColumns
{
    private readonly VcfFieldDictionary _dictionary;
    private readonly Func<string, string> _describe;
    private readonly string _prefix;
    private readonly HashSet<string> _reserved;
    private readonly List<ColumnBuilder?> _columns = [];
    private readonly List<ColumnBuilder> _listColumns = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly FieldColumnRegistry? _registry;
    private readonly string _table;
    private readonly string _sourceFile;

    private static readonly long MissingFloatBits = BitConverter.DoubleToInt64Bits(VcfMissing.Float);

    // The column runs' scratch: each row's cell of one field, its element count, and (FORMAT) the record of each row.
    private FieldValues[] _cells = [];
    private int[] _counts = [];
    private VcfRecord[] _rowRecords = [];

    // Per definition: its column (null when skipped), value type and shape, copied once when the column is added.
    private ColumnPlan[] _plans = [];

    // The FORMAT (or INFO) layout of the last record appended by AppendSamples (or AppendInfo): consecutive records nearly
    // always share one.
    private readonly FieldLayout _layout = new();

    /// <param name="dictionary">The header's INFO or FORMAT definitions.</param>
    /// <param name="prefix">The column-name prefix (<c>info_</c>, or empty for FORMAT).</param>
    /// <param name="reserved">Names of the table's fixed columns, which a field must not shadow.</param>
    /// <param name="describe">Turns a header Description into the text kept as column metadata.</param>
    /// <param name="skip">Field IDs not turned into columns (GT, which has its own columns).</param>
    /// <param name="registry">The lake's field columns, which name and type each column lake-wide; null for a file of its
    /// own (names unique in the file, types as the header declares).</param>
    /// <param name="table">The table the columns belong to, for <paramref name="registry"/>.</param>
    /// <param name="sourceFile">The source, named in the registry's warnings.</param>
    public FieldColumns(VcfFieldDictionary dictionary, string prefix, IEnumerable<string> reserved, Func<string, string> describe, string[] skip, FieldColumnRegistry? registry = null, string table = "", string sourceFile = "")
    {
        _registry = registry;
        _table = table;
        _sourceFile = sourceFile;
        _describe = describe;
        _dictionary = dictionary;
        _prefix = prefix;
        _reserved = new HashSet<string>(reserved, StringComparer.Ordinal);
        Skip = new HashSet<string>(skip, StringComparer.Ordinal);
    }

    private HashSet<string> Skip { get; }

    /// <summary>The field columns in definition order (fields without a column are left out).</summary>
    public IEnumerable<ColumnBuilder> Columns => _columns.Where(c => c is not null)!;

    /// <summary>Adds columns for definitions added since the last call, back-filling nulls for rows already built.</summary>
    /// <param name="rowsSoFar">The rows already built.</param>
    /// <param name="fieldCount">How many definitions to cover: the record's view of the header (see
    /// <see cref="VcfRecord.InfoFieldCount"/>), which may lag the header while decoder threads read ahead.</param>
    public void Refresh(int rowsSoFar, int fieldCount)
    {
        if (_columns.Count >= fieldCount)
        {
            return;
        }

        var first = _columns.Count;
        var placements = Place(first, fieldCount);
        while (_columns.Count < fieldCount)
        {
            var definition = _dictionary.At(_columns.Count);
            var placement = placements[_columns.Count - first];
            var column = Skip.Contains(definition.Id) ? null : new ColumnBuilder(ToField(definition, placement));
            if (_plans.Length == _columns.Count)
            {
                System.Array.Resize(ref _plans, Math.Max(8, _plans.Length * 2));
            }

            var scalar = definition.Number.IsScalar;
            var plan = _plans[_columns.Count] = new ColumnPlan(column, definition.Type, scalar, !scalar || placement.Wrap, placement.Widen);
            _columns.Add(column);
            if (column is { Field.DataType: ListType })
            {
                _listColumns.Add(column);
            }

            // The rows before a field undeclared in the header was first met lack it: nulls, or false for a Flag (its
            // column is not nullable).
            AppendAbsent(plan, rowsSoFar);
        }
    }

    /// <summary>
    /// Appends one row from values placed by field index: each field's values, or null when absent (false for an absent
    /// Flag). The general form of <see cref="AppendInfo"/> and <see cref="AppendSamples"/>, which tests compare them with.
    /// </summary>
    public void Append(VcfRecord record, ReadOnlySpan<FieldValues> valuesByField, ReadOnlySpan<bool> present)
    {
        var plans = _plans.AsSpan(0, _columns.Count);
        for (var i = 0; i < plans.Length; i++)
        {
            var isPresent = i < present.Length && present[i] && i < valuesByField.Length;
            AppendCell(plans[i], record, isPresent ? valuesByField[i] : FieldValues.Missing, isPresent);
        }
    }

    /// <summary>
    /// Appends one row from the record's INFO entries: each field's values, or null when the record lacks it (false for
    /// a Flag). Records of a file nearly always carry the same keys in the same order, so the layout of the last record
    /// (which plans it fills, which it lacks) is kept while the entries' definitions are the same objects, as for FORMAT:
    /// scattering every record's entries by field index first cost about 100 instructions a record (issue #3).
    /// </summary>
    /// <param name="record">The record; its INFO keys are distinct (the decoder refuses a repeated key).</param>
    public void AppendInfo(VcfRecord record)
    {
        var plans = _plans.AsSpan(0, _columns.Count);
        var entries = record.InfoEntries.AsSpan();
        if (!_layout.Matches(entries, plans.Length))
        {
            _layout.Learn(entries, plans);
        }

        foreach (var absent in _layout.Absent)
        {
            AppendAbsent(plans[absent], 1);
        }

        var columnOf = _layout.ColumnOf;
        for (var k = 0; k < entries.Length; k++)
        {
            var index = columnOf[k];
            if (index >= 0)
            {
                AppendCell(plans[index], record, entries[k].Values, true);
            }
        }
    }

    /// <summary>
    /// Appends one row per sample in <paramref name="samples"/> from the record's FORMAT values, column by column: a
    /// column whose field the record's FORMAT lacks gets all its rows at once (null, or false for a Flag).
    /// </summary>
    /// <param name="record">The record; its FORMAT keys are distinct (the decoder refuses a repeated key).</param>
    /// <param name="samples">The samples that get a row, in row order.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendSamples(VcfRecord record, List<int> samples)
    {
        var plans = _plans.AsSpan(0, _columns.Count);
        var format = record.FormatFields.AsSpan();
        if (!_layout.Matches(format, plans.Length))
        {
            _layout.Learn(format, plans);
        }

        foreach (var absent in _layout.Absent)
        {
            AppendAbsent(plans[absent], samples.Count);
        }

        var rows = CollectionsMarshal.AsSpan(samples);
        var columnOf = _layout.ColumnOf;
        for (var k = 0; k < format.Length; k++)
        {
            var index = columnOf[k];
            if (index < 0)
            {
                continue;
            }

            ref readonly var plan = ref plans[index];
            foreach (var s in rows)
            {
                AppendCell(plan, record, record.GetSampleValues(s, k), true);
            }
        }
    }

    /// <summary>The columns added so far, one per definition (see <see cref="Refresh"/>).</summary>
    public int FieldCount => _columns.Count;

    /// <summary>
    /// Appends one row per record from their INFO entries, as <see cref="AppendInfo"/> for each in turn, but column by
    /// column over each stretch of records whose keys are those of the one before: on a file of narrow records the
    /// per-record costs of the layout check, the loops and the calls were larger than the cells (issue #3).
    /// </summary>
    /// <param name="records">Records whose field counts the columns already cover (<see cref="FieldCount"/>).</param>
    public void AppendInfoRun(ReadOnlySpan<VcfRecord> records) => AppendRuns(records, info: true, default);

    /// <summary>
    /// Appends the row of sample 0 of each record in <paramref name="rowRecords"/> from its FORMAT values, as
    /// <see cref="AppendSamples"/> for each in turn, column by column over each stretch of records that share a FORMAT
    /// (see <see cref="AppendInfoRun"/>). Adds each row's list elements to <paramref name="listValues"/>.
    /// </summary>
    /// <param name="records">Records of one sample whose field counts the columns already cover.</param>
    /// <param name="rowRecords">The records (indexes into <paramref name="records"/>) that get a row, in row order.</param>
    /// <param name="listValues">Per row, incremented by the elements its list columns receive.</param>
    public void AppendOneSampleRun(ReadOnlySpan<VcfRecord> records, ReadOnlySpan<int> rowRecords, Span<int> listValues)
    {
        if (_rowRecords.Length < rowRecords.Length)
        {
            _rowRecords = new VcfRecord[Math.Max(rowRecords.Length, 2 * _rowRecords.Length)];
        }

        var rows = _rowRecords.AsSpan(0, rowRecords.Length);
        for (var row = 0; row < rowRecords.Length; row++)
        {
            rows[row] = records[rowRecords[row]];
        }

        AppendRuns(rows, info: false, listValues);
    }

    // One row per record, from its INFO entries or its sample 0's FORMAT values, column by column over each stretch of
    // records with the layout of the one before.
    private void AppendRuns(ReadOnlySpan<VcfRecord> rows, bool info, Span<int> listValues)
    {
        var plans = _plans.AsSpan(0, _columns.Count);
        for (var first = 0; first < rows.Length;)
        {
            if (!LayoutMatches(rows[first], info, plans.Length))
            {
                if (info)
                {
                    _layout.Learn(rows[first].InfoEntries.AsSpan(), plans);
                }
                else
                {
                    _layout.Learn(rows[first].FormatFields.AsSpan(), plans);
                }
            }

            var end = first + 1;
            while (end < rows.Length && LayoutMatches(rows[end], info, plans.Length))
            {
                end++;
            }

            var stretch = rows[first..end];
            foreach (var absent in _layout.Absent)
            {
                AppendAbsent(plans[absent], stretch.Length);
            }

            var columnOf = _layout.ColumnOf;
            for (var k = 0; k < columnOf.Length; k++)
            {
                if (columnOf[k] < 0)
                {
                    continue;
                }

                // Sample 0's values by index: GT, the one key GetSampleValues reads otherwise, has no column here.
                var cells = Cells(stretch.Length);
                for (var row = 0; row < stretch.Length; row++)
                {
                    cells[row] = info ? stretch[row].InfoEntries.AsSpan()[k].Values : stretch[row].SampleValues[k];
                }

                AppendColumnRun(plans[columnOf[k]], stretch, cells, listValues.IsEmpty ? default : listValues[first..end]);
            }

            first = end;
        }
    }

    private bool LayoutMatches(VcfRecord record, bool info, int plans) =>
        info ? _layout.Matches(record.InfoEntries.AsSpan(), plans) : _layout.Matches(record.FormatFields.AsSpan(), plans);

    // One field's cells of consecutive rows, of records in the same order. Rows of numbers whose cell holds values, none
    // missing (nearly all), are written in bulk: the rows started at once, the values copied in one pass; any other row
    // goes cell by cell. listValues (when not empty) is incremented, per row, by the list elements it received.
    private void AppendColumnRun(in ColumnPlan plan, ReadOnlySpan<VcfRecord> records, ReadOnlySpan<FieldValues> cells, Span<int> listValues = default)
    {
        var numbers = plan.Type is VcfValueType.Integer or VcfValueType.Float;
        var column = plan.Column!;
        for (var row = 0; row < cells.Length;)
        {
            var written = numbers ? AppendWholeNumbers(plan, records[row..], cells[row..], listValues.IsEmpty ? default : listValues[row..]) : 0;
            if (written > 0)
            {
                row += written;
                continue;
            }

            var before = column.ListValueCount;
            AppendCell(plan, records[row], cells[row], true);
            if (!listValues.IsEmpty)
            {
                listValues[row] += column.ListValueCount - before;
            }

            row++;
        }
    }

    // The leading rows whose cell holds values with none missing, written in bulk; returns how many. The values are read
    // from the records' pools directly: the decoder's cells lie within them.
    private int AppendWholeNumbers(in ColumnPlan plan, ReadOnlySpan<VcfRecord> records, ReadOnlySpan<FieldValues> cells, Span<int> listValues)
    {
        // Each row's element count; a missing or empty cell is a null row, a missing element a null element: the rows
        // end before either.
        var isFloat = plan.Type == VcfValueType.Float;
        if (plan.Scalar && !plan.ListColumn && !isFloat && !plan.Widen)
        {
            return AppendWholeScalarIntegers(plan, records, cells);
        }

        var counts = Counts(cells.Length);

        var total = 0;
        var rows = 0;
        for (; rows < cells.Length; rows++)
        {
            var (start, count) = (cells[rows].Start, cells[rows].Count);
            if (count <= 0)
            {
                break;
            }

            count = plan.Scalar ? 1 : count;
            if (isFloat ? HoldsMissing(records[rows].FloatPool, start, count) : HoldsMissing(records[rows].IntegerPool, start, count))
            {
                break;
            }

            counts[rows] = count;
            total += count;
        }

        if (rows == 0)
        {
            return 0;
        }

        counts = counts[..rows];
        var values = plan.Column!.BeginRows(plan.ListColumn, counts);
        if (plan.ListColumn && !listValues.IsEmpty)
        {
            for (var row = 0; row < rows; row++)
            {
                listValues[row] += counts[row];
            }
        }

        var at = 0;
        if (isFloat || plan.Widen)
        {
            var target = values.ExtendValidDoubles(total);
            for (var row = 0; row < rows; row++)
            {
                var start = cells[row].Start;
                if (isFloat)
                {
                    var pool = records[row].FloatPool;
                    for (var i = 0; i < counts[row]; i++)
                    {
                        target[at++] = pool[start + i];
                    }
                }
                else
                {
                    var pool = records[row].IntegerPool;
                    for (var i = 0; i < counts[row]; i++)
                    {
                        target[at++] = pool[start + i];
                    }
                }
            }
        }
        else
        {
            var target = values.ExtendValidIntegers(total);
            for (var row = 0; row < rows; row++)
            {
                var start = cells[row].Start;
                var pool = records[row].IntegerPool;
                for (var i = 0; i < counts[row]; i++)
                {
                    target[at++] = pool[start + i];
                }
            }
        }

        return rows;
    }

    // AppendWholeNumbers for a column of one Integer a row (DP, AN): each row's first value, without the per-row count
    // and the loops over a row's values that lists need.
    private static int AppendWholeScalarIntegers(in ColumnPlan plan, ReadOnlySpan<VcfRecord> records, ReadOnlySpan<FieldValues> cells)
    {
        var rows = 0;
        for (; rows < cells.Length; rows++)
        {
            if (cells[rows].Count <= 0 || records[rows].IntegerPool[cells[rows].Start] == VcfMissing.Integer)
            {
                break;
            }
        }

        if (rows == 0)
        {
            return 0;
        }

        var target = plan.Column!.BeginScalarRows(rows).ExtendValidIntegers(rows);
        for (var row = 0; row < rows; row++)
        {
            target[row] = records[row].IntegerPool[cells[row].Start];
        }

        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HoldsMissing(int[] pool, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (pool[start + i] == VcfMissing.Integer)
            {
                return true;
            }
        }

        return false;
    }

    // Compared as bits: the missing value is one NaN, which == cannot find.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HoldsMissing(double[] pool, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(pool[start + i]) == MissingFloatBits)
            {
                return true;
            }
        }

        return false;
    }

    // Scratch of the column runs, reused.
    private Span<FieldValues> Cells(int rows)
    {
        if (_cells.Length < rows)
        {
            _cells = new FieldValues[Math.Max(rows, 2 * _cells.Length)];
        }

        return _cells.AsSpan(0, rows);
    }

    private Span<int> Counts(int rows)
    {
        if (_counts.Length < rows)
        {
            _counts = new int[Math.Max(rows, 2 * _counts.Length)];
        }

        return _counts.AsSpan(0, rows);
    }

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of another instance
    /// over the same definitions (a decoder worker's fragment), column by column in block copies. A column the other
    /// instance lacks had no value in its rows: nulls, or false for a Flag.
    /// </summary>
    public void AppendRange(FieldColumns source, int start, int count)
    {
        var plans = _plans.AsSpan(0, _columns.Count);
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i].Column is not { } column)
            {
                continue;
            }

            if (i < source._columns.Count && source._columns[i] is { } from)
            {
                column.AppendRange(from, start, count);
            }
            else
            {
                AppendAbsent(plans[i], count);
            }
        }
    }

    /// <summary>The elements of the list columns' rows so far (PL, AD ...), which a batch bounds besides its rows.</summary>
    public long ListValueCount
    {
        get
        {
            // The list columns alone, by index: the pivot asks once per record.
            long count = 0;
            for (var i = 0; i < _listColumns.Count; i++)
            {
                count += _listColumns[i].ListValueCount;
            }

            return count;
        }
    }

    /// <summary>Empties every column, keeping them and their buffers (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        foreach (var column in _columns)
        {
            column?.Clear();
        }
    }

    // Rows that lack the field: nulls (false for a Flag), counted in bulk.
    private static void AppendAbsent(in ColumnPlan plan, int rows)
    {
        if (plan.Column is not { } column)
        {
            return;
        }

        if (plan.Type != VcfValueType.Flag)
        {
            column.AppendNulls(rows);
            return;
        }

        for (var row = 0; row < rows; row++)
        {
            column.BeginRow(list: false).Append(false);
        }
    }

    // One field of one row: a Flag is whether the field is present; any other type is null when missing (or a scalar
    // without a value), else its value or list of values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendCell(in ColumnPlan plan, VcfRecord record, FieldValues values, bool present)
    {
        var column = plan.Column;
        if (column is null)
        {
            return;
        }

        if (plan.Type == VcfValueType.Flag)
        {
            column.BeginRow(list: false).Append(present);
            return;
        }

        if (values.IsMissing || (plan.Scalar && values.Count == 0))
        {
            column.AppendNull();
            return;
        }

        var count = plan.Scalar ? 1 : values.Count;
        var target = column.BeginRow(plan.ListColumn);
        switch (plan.Type)
        {
            case VcfValueType.Integer when plan.Widen:
                target.AppendWidened(record.Integers.Slice(values.Start, count), VcfMissing.Integer);
                break;
            // A cell of one value (DP, GQ, AN; AF of a biallelic site) skips the span and the loop of the general append.
            case VcfValueType.Integer when count == 1:
                target.AppendInteger(record.Integers[values.Start], VcfMissing.Integer);
                break;
            case VcfValueType.Integer:
                target.AppendIntegers(record.Integers.Slice(values.Start, count), VcfMissing.Integer);
                break;
            case VcfValueType.Float when count == 1:
                target.AppendDouble(record.Floats[values.Start], MissingFloatBits);
                break;
            case VcfValueType.Float:
                target.AppendDoubles(record.Floats.Slice(values.Start, count), MissingFloatBits);
                break;
            default:
                AppendTexts(target, record, values.Start, count);
                break;
        }
    }

    private static void AppendTexts(ColumnValues target, VcfRecord record, int start, int count)
    {
        foreach (var range in record.Texts.Slice(start, count))
        {
            if (range.IsMissing)
            {
                target.AppendNull();
            }
            else
            {
                target.Append(record.Bytes(range));
            }
        }
    }

    // Each definition's column from index first to last (exclusive): the registry's, or, for a file of its own, the
    // header's type under a name unique in the file.
    private FieldPlacement[] Place(int first, int last)
    {
        var requests = new List<FieldRequest>(last - first);
        for (var i = first; i < last; i++)
        {
            var definition = _dictionary.At(i);
            var type = FieldColumnRegistry.ColumnType(definition.Type, definition.Number);
            requests.Add(new FieldRequest(definition.Id, type, Skip.Contains(definition.Id) ? string.Empty : BaseName(definition.Id)));
        }

        if (_registry is not null)
        {
            var wanted = requests.Where(r => r.Name.Length > 0).ToList();
            var placed = _registry.Place(_table, wanted, _reserved, _sourceFile);
            var placements = new FieldPlacement[requests.Count];
            for (int i = 0, k = 0; i < requests.Count; i++)
            {
                placements[i] = requests[i].Name.Length > 0 ? placed[k++] : default;
            }

            return placements;
        }

        return [.. requests.Select(r => r.Name.Length > 0 ? new FieldPlacement(UniqueName(r.Name), r.Type, Wrap: false, Widen: false) : default)];
    }

    private Field ToField(VcfFieldDefinition definition, FieldPlacement placement)
    {
        var type = FieldColumnRegistry.ArrowType(placement.Type);

        var metadata = new Dictionary<string, string>
        {
            ["vcf.id"] = definition.Id,
            ["vcf.number"] = definition.Number.ToString(),
            ["vcf.type"] = definition.Type.ToString(),
            ["vcf.description"] = _describe(definition.Description),
            ["vcf.declared"] = definition.IsDeclared ? "true" : "false",
        };
        return new Field(placement.Column, type, nullable: definition.Type != VcfValueType.Flag, metadata);
    }

    // Lower-case, [a-z0-9_] only; a fixed column's name gets a prefix.
    private string BaseName(string id)
    {
        var builder = new StringBuilder(_prefix);
        foreach (var c in id.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var name = builder.ToString();
        return _reserved.Contains(name) ? "fmt_" + name : name;
    }

    // A clash with a fixed column or another field of the file gets a numeric suffix.
    private string UniqueName(string name)
    {
        var candidate = name;
        for (var n = 2; !_names.Add(candidate) || _reserved.Contains(candidate); n++)
        {
            candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    // Scalar: the header declares one value; ListColumn: the column holds lists (a declared list, or single values wrapped
    // because the lake's column is a list); Widen: integers written as doubles.
    private readonly record struct ColumnPlan(ColumnBuilder? Column, VcfValueType Type, bool Scalar, bool ListColumn, bool Widen);

    // Which plans a FORMAT (or INFO) layout fills and which it lacks, kept from one record to the next: comparing the next
    // record's definitions by reference costs less than marking each definition's index anew (issue #3).
    private sealed class FieldLayout
    {
        private VcfFieldDefinition[] _fields = [];
        private int _count = -1;
        private int _plans;
        private int[] _absent = [];

        // Per FORMAT key of the layout: the index of the plan that has its column, or -1 when none has.
        public int[] ColumnOf { get; private set; } = [];

        // The plans whose field the layout lacks.
        public ReadOnlySpan<int> Absent => _absent;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Matches(ReadOnlySpan<(VcfFieldDefinition Field, FieldValues Values)> entries, int plans)
        {
            if (entries.Length != _count || plans != _plans)
            {
                return false;
            }

            for (var k = 0; k < entries.Length; k++)
            {
                if (!ReferenceEquals(entries[k].Field, _fields[k]))
                {
                    return false;
                }
            }

            return true;
        }

        public void Learn(ReadOnlySpan<(VcfFieldDefinition Field, FieldValues Values)> entries, ReadOnlySpan<ColumnPlan> plans)
        {
            var fields = new VcfFieldDefinition[entries.Length];
            for (var k = 0; k < entries.Length; k++)
            {
                fields[k] = entries[k].Field;
            }

            Learn(fields, plans);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Matches(ReadOnlySpan<VcfFieldDefinition> format, int plans)
        {
            if (format.Length != _count || plans != _plans)
            {
                return false;
            }

            for (var k = 0; k < format.Length; k++)
            {
                if (!ReferenceEquals(format[k], _fields[k]))
                {
                    return false;
                }
            }

            return true;
        }

        public void Learn(ReadOnlySpan<VcfFieldDefinition> format, ReadOnlySpan<ColumnPlan> plans)
        {
            _fields = format.ToArray();
            _count = format.Length;
            _plans = plans.Length;
            ColumnOf = new int[format.Length];
            var inRecord = new bool[plans.Length];
            for (var k = 0; k < format.Length; k++)
            {
                var index = format[k].Index;
                var hasColumn = index < plans.Length && plans[index].Column is not null;
                ColumnOf[k] = hasColumn ? index : -1;
                if (index < plans.Length)
                {
                    inRecord[index] = true;
                }
            }

            _absent = [.. Enumerable.Range(0, plans.Length).Where(i => !inRecord[i])];
        }
    }
}
