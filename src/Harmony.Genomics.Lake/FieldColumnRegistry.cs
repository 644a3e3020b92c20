using System.Globalization;
using System.Text;
using Apache.Arrow.Types;
using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake;

/// <summary>
/// The lake's record of the column each VCF INFO or FORMAT field is stored in, per table, with that column's type
/// (<c>_harmony/columns.tsv</c>). Callers declare fields differently (AF with <c>Number=1</c> in one header and
/// <c>Number=A</c> in another, DP as Integer or Float), and a column typed differently in different files cannot be read
/// across them. So the first declaration the lake meets fixes a column's type; a later source whose values fit it
/// without loss is written in that type (a single value as a one-element list, an Integer as a double); one that does
/// not fit gets a column of its own, named with its type (<c>info_af__float_list</c>), and the run says so. IDs that
/// differ only in case (<c>DP</c>, <c>dp</c>) keep the distinct names they were first given, in every later source.
/// Entries are only ever added, under the lake's lock, and never changed or removed, so any copy of the file a run has
/// read stays true; an entry of a run that failed names a column no file holds, which is harmless.
/// </summary>
public sealed class FieldColumnRegistry
{
    internal const string FileName = "columns.tsv";
    private const string HeaderLine = "table\tcolumn\tfield\ttype";

    private readonly LakeDirectory _lake;
    private readonly Func<IDisposable?> _holdLake;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Table, string Id, FieldColumnType Type), FieldPlacement> _placed = [];
    private List<Entry>? _entries;

    /// <param name="lake">The lake.</param>
    /// <param name="holdLake">Takes the lake's lock and returns it, or null when the caller's transaction holds it throughout.</param>
    internal FieldColumnRegistry(LakeDirectory lake, Func<IDisposable?> holdLake)
    {
        _lake = lake;
        _holdLake = holdLake;
    }

    /// <summary>Told when a source's field goes to a column of its own because its type does not fit the lake's column.</summary>
    public Action<string>? Warning { get; set; }

    private string FilePath => Path.Combine(_lake.MetaPath, FileName);

    /// <summary>
    /// Places fields of one source in <paramref name="table"/>'s columns, registering new columns as needed (one hold
    /// of the lake's lock for all of them, none when every field has its column already).
    /// </summary>
    /// <param name="table">The table (<c>variants</c> for INFO fields, <c>calls</c> for FORMAT fields).</param>
    /// <param name="fields">The fields, each with the name it would get in a lake of its own.</param>
    /// <param name="reserved">The table's fixed column names, which no field column may take.</param>
    /// <param name="sourceFile">The source, for the warning.</param>
    /// <returns>Each field's column and how its values are written there, in the order of <paramref name="fields"/>.</returns>
    internal FieldPlacement[] Place(string table, IReadOnlyList<FieldRequest> fields, IReadOnlySet<string> reserved, string sourceFile)
    {
        lock (_gate)
        {
            var placements = new FieldPlacement[fields.Count];
            var open = new List<int>();
            _entries ??= ReadEntries(holdingLake: false);
            for (var i = 0; i < fields.Count; i++)
            {
                var key = (table, fields[i].Id, fields[i].Type);
                if (_placed.TryGetValue(key, out var known) || TryFit(table, fields[i], out known))
                {
                    placements[i] = _placed[key] = known;
                }
                else
                {
                    open.Add(i);
                }
            }

            if (open.Count == 0)
            {
                return placements;
            }

            using (_holdLake())
            {
                // Another run may have registered some of them since the file was read.
                _entries = ReadEntries(holdingLake: true);
                var added = new List<Entry>();
                foreach (var i in open)
                {
                    var field = fields[i];
                    if (!TryFit(table, field, out var placement))
                    {
                        var entry = new Entry(table, NewName(table, field, reserved), field.Id, field.Type);
                        _entries.Add(entry);
                        added.Add(entry);
                        placement = new FieldPlacement(entry.Column, entry.Type, Wrap: false, Widen: false);
                        if (entry.Column != field.Name && _entries.Find(e => e.Table == table && e.Id == field.Id && e != entry) is { } other)
                        {
                            Warning?.Invoke($"{sourceFile}: {Kind(table)}/{field.Id} is declared as {Describe(field.Type)} here, which the lake's column '{other.Column}' ({Describe(other.Type)}, from another source's header) cannot hold without loss; its values go to the column '{entry.Column}'.");
                        }
                    }

                    placements[i] = _placed[(table, field.Id, field.Type)] = placement;
                }

                if (added.Count > 0)
                {
                    Write(_entries);
                }
            }

            return placements;
        }
    }

    /// <summary>The Arrow type of a column of <paramref name="type"/>.</summary>
    internal static IArrowType ArrowType(FieldColumnType type) => type switch
    {
        FieldColumnType.Int32 => Int32Type.Default,
        FieldColumnType.Double => DoubleType.Default,
        FieldColumnType.Boolean => BooleanType.Default,
        FieldColumnType.String => StringType.Default,
        FieldColumnType.Int32List => new ListType(new Apache.Arrow.Field("element", Int32Type.Default, nullable: true)),
        FieldColumnType.DoubleList => new ListType(new Apache.Arrow.Field("element", DoubleType.Default, nullable: true)),
        _ => new ListType(new Apache.Arrow.Field("element", StringType.Default, nullable: true)),
    };

    /// <summary>The column type a field declared with <paramref name="type"/> and <paramref name="number"/> gets in a lake of its own.</summary>
    internal static FieldColumnType ColumnType(VcfValueType type, VcfNumber number)
    {
        var list = type != VcfValueType.Flag && !number.IsScalar;
        return type switch
        {
            VcfValueType.Integer => list ? FieldColumnType.Int32List : FieldColumnType.Int32,
            VcfValueType.Float => list ? FieldColumnType.DoubleList : FieldColumnType.Double,
            VcfValueType.Flag => FieldColumnType.Boolean,
            _ => list ? FieldColumnType.StringList : FieldColumnType.String,
        };
    }

    // The field's registered column of its own type, else one it fits without loss, in registration order.
    private bool TryFit(string table, FieldRequest field, out FieldPlacement placement)
    {
        Entry? fit = null;
        foreach (var entry in _entries!)
        {
            if (entry.Table != table || entry.Id != field.Id)
            {
                continue;
            }

            if (entry.Type == field.Type)
            {
                placement = new FieldPlacement(entry.Column, entry.Type, Wrap: false, Widen: false);
                return true;
            }

            if (fit is null && Fits(field.Type, entry.Type))
            {
                fit = entry;
            }
        }

        placement = fit is null
            ? default
            : new FieldPlacement(fit.Column, fit.Type, Wrap: !IsList(field.Type) && IsList(fit.Type), Widen: IsInteger(field.Type) && !IsInteger(fit.Type));
        return fit is not null;
    }

    // Whether values of type from are written into a column of type to without loss: a single value as a one-element
    // list, a 32-bit integer as a double (exact), or both.
    private static bool Fits(FieldColumnType from, FieldColumnType to) => (from, to) switch
    {
        (FieldColumnType.Int32, FieldColumnType.Double or FieldColumnType.Int32List or FieldColumnType.DoubleList) => true,
        (FieldColumnType.Double, FieldColumnType.DoubleList) => true,
        (FieldColumnType.String, FieldColumnType.StringList) => true,
        (FieldColumnType.Int32List, FieldColumnType.DoubleList) => true,
        _ => false,
    };

    private static bool IsList(FieldColumnType type) => type is FieldColumnType.Int32List or FieldColumnType.DoubleList or FieldColumnType.StringList;

    private static bool IsInteger(FieldColumnType type) => type is FieldColumnType.Int32 or FieldColumnType.Int32List;

    // The field's own name when free; after a column of another type took it for the same field, the name with its type
    // (info_af__float_list); else (another field's: an ID differing in case, say) a numeric suffix.
    private string NewName(string table, FieldRequest field, IReadOnlySet<string> reserved)
    {
        var taken = new HashSet<string>(_entries!.Where(e => e.Table == table).Select(e => e.Column), StringComparer.Ordinal);
        var name = field.Name;
        if (taken.Contains(name) && _entries!.Exists(e => e.Table == table && e.Column == name && e.Id == field.Id))
        {
            name += "__" + Suffix(field.Type);
        }

        var candidate = name;
        for (var n = 2; taken.Contains(candidate) || reserved.Contains(candidate); n++)
        {
            candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Kind(string table) => table == Tables.LakeColumns.CallsTable ? "FORMAT" : "INFO";

    private static string Describe(FieldColumnType type) => type switch
    {
        FieldColumnType.Int32 => "one Integer",
        FieldColumnType.Double => "one Float",
        FieldColumnType.Boolean => "a Flag",
        FieldColumnType.String => "one String",
        FieldColumnType.Int32List => "a list of Integers",
        FieldColumnType.DoubleList => "a list of Floats",
        _ => "a list of Strings",
    };

    private static string Suffix(FieldColumnType type) => type switch
    {
        FieldColumnType.Int32 => "int",
        FieldColumnType.Double => "float",
        FieldColumnType.Boolean => "flag",
        FieldColumnType.String => "str",
        FieldColumnType.Int32List => "int_list",
        FieldColumnType.DoubleList => "float_list",
        _ => "str_list",
    };

    private static string Code(FieldColumnType type) => type switch
    {
        FieldColumnType.Int32 => "int32",
        FieldColumnType.Double => "double",
        FieldColumnType.Boolean => "bool",
        FieldColumnType.String => "string",
        FieldColumnType.Int32List => "list<int32>",
        FieldColumnType.DoubleList => "list<double>",
        _ => "list<string>",
    };

    private List<Entry> ReadEntries(bool holdingLake)
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            if (_lake.CurrentSnapshot == 0)
            {
                return [];
            }

            // A lake written before the registry existed (or whose runs so far had no field columns): its columns as
            // its files have them, recorded once.
            using (holdingLake ? null : _holdLake())
            {
                if (!File.Exists(path))
                {
                    var found = FieldColumnScan.Read(_lake);
                    Write(found);
                    return found;
                }
            }
        }

        var entries = new List<Entry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (lineNumber == 1 && line == HeaderLine)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 4 || !TryParseCode(cells[3], out var type))
            {
                throw new HarmonyException($"The lake '{_lake.Path}' is damaged: '{path}' line {lineNumber} should be table, column, field and type separated by tabs, not '{line}'.");
            }

            entries.Add(new Entry(cells[0], cells[1], Unescape(cells[2]), type));
        }

        return entries;
    }

    private void Write(List<Entry> entries)
    {
        // Written aside and renamed over: a crash leaves the old registry or the new one, never a torn file.
        var path = FilePath;
        var tmp = path + ".tmp";
        var text = new StringBuilder(HeaderLine).Append('\n');
        foreach (var e in entries)
        {
            text.Append(e.Table).Append('\t').Append(e.Column).Append('\t').Append(Escape(e.Id)).Append('\t').Append(Code(e.Type)).Append('\n');
        }

        File.WriteAllText(tmp, text.ToString(), new UTF8Encoding(false));
        FileSync.Flush(tmp);
        FileSync.RenameOver(tmp, path);
    }

    private static bool TryParseCode(string code, out FieldColumnType type)
    {
        foreach (var candidate in Enum.GetValues<FieldColumnType>())
        {
            if (Code(candidate) == code)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    // Field IDs are kept exactly; the few characters that would break a line of the file are percent-escaped.
    private static string Escape(string id) => id.Replace("%", "%25", StringComparison.Ordinal).Replace("\t", "%09", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal);

    private static string Unescape(string id) => id.Replace("%09", "\t", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    /// <summary>One registered column: the table, its name, the field ID it holds (exact case) and its type.</summary>
    internal sealed record Entry(string Table, string Column, string Id, FieldColumnType Type);
}

/// <summary>The type of a field column: Int32, Double, Boolean (Flag) or String, alone or in a list.</summary>
internal enum FieldColumnType
{
    Int32,
    Double,
    Boolean,
    String,
    Int32List,
    DoubleList,
    StringList,
}

/// <summary>A field to place: its exact ID, the column type its declaration gives, and the name it would get alone.</summary>
internal readonly record struct FieldRequest(string Id, FieldColumnType Type, string Name);

/// <summary>Where a field's values go: the column, its type, and whether single values are wrapped in lists or integers widened.</summary>
internal readonly record struct FieldPlacement(string Column, FieldColumnType Type, bool Wrap, bool Widen);
