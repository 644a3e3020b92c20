using System.Runtime.CompilerServices;
using System.Text;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>The INFO reader for records whose keys come in the order of the last INFO decoded in full.</summary>
internal sealed partial class VcfRecordDecoder
{
    // The keys of the last INFO column decoded in full, in its order: the key's bytes (with '=' for a field that takes
    // a value) and its definition. Records of one file nearly always repeat them (issue #3).
    private LearnedInfoKey[] _learnedInfo = [];
    private int _learnedInfoCount;

    /// <summary>
    /// Whether INFO columns whose keys start as the last one decoded in full did are read by those keys (on by default;
    /// tests turn it off to compare): each entry is then matched against the key expected at its place, with no search
    /// for '=', no lookup of the key and no check against the record's other keys, and an Integer value is parsed up to
    /// the ';' that ends it. A column that differs anywhere is decoded again the general way, which also raises any error,
    /// so the record, its warnings and its errors are exactly the general path's.
    /// </summary>
    internal bool LearnedInfoKeys { get; init; } = true;

    /// <summary>How many INFO columns were read by the learned keys (tests check that the comparison means something).</summary>
    internal long InfoReadByLearnedKeys { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryDecodeInfoByLearnedKeys(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column)
    {
        var info = line.Slice(column.Start, column.Length);
        var learned = _learnedInfo.AsSpan(0, _learnedInfoCount);
        var (integers, floats, texts) = (record.IntegerCount, record.FloatCount, record.TextCount);
        var alts = record.AltRanges.Count;
        var pos = 0;
        foreach (ref readonly var key in learned)
        {
            if (!info[pos..].StartsWith(key.Key))
            {
                break;
            }

            var at = pos + key.Key.Length;
            var definition = key.Definition;
            FieldValues values;
            int end;
            if (definition.Type == VcfValueType.Flag)
            {
                if (at < info.Length && info[at] != (byte)';')
                {
                    break;
                }

                values = new FieldValues(0, 0);
                end = at;
            }
            else if (definition.Type != VcfValueType.Integer || !TryIntegers(record, info, at, definition.Number.ExpectedCount(alts, 2), out values, out end))
            {
                var semicolon = info[at..].IndexOf((byte)';');
                end = semicolon < 0 ? info.Length : at + semicolon;

                // What DecodeInfoEntries does with the value, errors included: the entries before it were read alike.
                values = DecodeValues(record, line, new ByteRange(column.Start + at, end - at), definition, "INFO/", alts, 2);
            }

            record.InfoEntries.Add((definition, values));
            if (key.IsEnd && values.Count == 1 && record.IntegerPool[values.Start] != VcfMissing.Integer)
            {
                TakeEnd(record, record.IntegerPool[values.Start]);
            }

            // Every branch above leaves end at the ';' after the entry or at the column's end: the column ends here, or
            // after a trailing ';', which the general path accepts too.
            if (end >= info.Length - 1)
            {
                InfoReadByLearnedKeys++;
                return true;
            }

            pos = end + 1;
        }

        // More entries than the learned keys, or a key that differs: decoded again the general way.
        record.InfoEntries.Clear();
        (record.IntegerCount, record.FloatCount, record.TextCount) = (integers, floats, texts);
        return false;
    }

    // An Integer value at info[at..], up to the ';' or the end of the column, appended to the pool as DecodeValues would
    // append it: comma-separated [-+]digits (at most 10, within the Integer range) or '.' elements, their count the one the
    // field's Number wants. False for anything else (a whole '.' value, an empty one, another separator, a wrong count),
    // with nothing appended: DecodeValues then reads it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIntegers(VcfRecord record, ReadOnlySpan<byte> info, int at, int wanted, out FieldValues values, out int end)
    {
        values = default;
        end = at;
        var first = record.IntegerCount;
        if (at >= info.Length || (info[at] == (byte)'.' && (at + 1 == info.Length || info[at + 1] == (byte)';')))
        {
            return false;
        }

        var pos = at;
        var count = 0;
        while (true)
        {
            // '.' before a ';' is a missing element here; TryParseIntegerElement knows only ',', ':', tab and the end.
            int value;
            if (info[pos] == (byte)'.' && (pos + 1 == info.Length || info[pos + 1] is (byte)',' or (byte)';'))
            {
                value = VcfMissing.Integer;
                pos++;
            }
            else if (!TryParseIntegerElement(info, ref pos, out value))
            {
                record.IntegerCount = first;
                return false;
            }

            AppendInteger(record, value);
            count++;
            if (pos == info.Length || info[pos] == (byte)';')
            {
                break;
            }

            if (info[pos] != (byte)',' || ++pos == info.Length)
            {
                record.IntegerCount = first;
                return false;
            }
        }

        if (wanted >= 0 && count != wanted)
        {
            record.IntegerCount = first;
            return false;
        }

        values = new FieldValues(first, count);
        end = pos;
        return true;
    }

    // After an INFO column decoded the general way: its keys become the learned ones, unless they already are.
    private void LearnInfoKeys(VcfRecord record)
    {
        var entries = record.InfoEntries;
        if (entries.Count == _learnedInfoCount)
        {
            var same = true;
            for (var i = 0; i < entries.Count && same; i++)
            {
                same = ReferenceEquals(entries[i].Field, _learnedInfo[i].Definition);
            }

            if (same)
            {
                return;
            }
        }

        if (_learnedInfo.Length < entries.Count)
        {
            _learnedInfo = new LearnedInfoKey[Math.Max(entries.Count, _learnedInfo.Length * 2)];
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var definition = entries[i].Field;
            var key = Encoding.UTF8.GetBytes(definition.Type == VcfValueType.Flag ? definition.Id : definition.Id + "=");
            _learnedInfo[i] = new LearnedInfoKey(key, definition, definition.Id == "END" && definition.Type == VcfValueType.Integer);
        }

        _learnedInfoCount = entries.Count;
    }

    private readonly record struct LearnedInfoKey(byte[] Key, VcfFieldDefinition Definition, bool IsEnd);
}
