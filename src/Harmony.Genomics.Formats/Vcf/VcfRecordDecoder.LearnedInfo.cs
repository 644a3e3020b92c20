using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// for '=', no lookup of the key and no check against the record's other keys; values are decoded as the general path
    /// decodes them (DecodeValues). A column that differs anywhere is decoded again the general way, which also raises
    /// any error, so the record, its warnings and its errors are exactly the general path's.
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
            if (!key.Starts(info[pos..], line[(column.Start + pos)..]))
            {
                break;
            }

            var at = pos + key.Key.Length;
            var definition = key.Definition;
            FieldValues values;
            int end;
            if (definition.Type == VcfValueType.Integer && TryPlainIntegers(record, info, at, definition.Number.ExpectedCount(alts, 2), out values, out end))
            {
                // Plain integers, the usual INFO value (DP, AN, AC), added without the general checks.
                AddInfoEntry(record, definition, values, key.End);
            }
            else
            {
                if (definition.Type == VcfValueType.Flag)
                {
                    if (at < info.Length && info[at] != (byte)';')
                    {
                        break;
                    }

                    values = new FieldValues(0, 0);
                    end = at;
                }
                else if (!TryIntegersInPlace(record, info, at, definition, alts, out values, out end))
                {
                    var semicolon = info[at..].IndexOf((byte)';');
                    end = semicolon < 0 ? info.Length : at + semicolon;

                    // What DecodeInfoEntries does with the value, errors included: the entries before it were read alike.
                    values = DecodeValues(record, line, new ByteRange(column.Start + at, end - at), definition, "INFO/", alts, 2);
                }

                AddInfoEntry(record, definition, values, key.End);
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

    // An Integer value read where it stands, up to its ';', as DecodeValues reads it once cut out (saving the search for
    // the ';'). False, with nothing appended, for a value of another type, a whole '.' (missing) or anything
    // TryAppendIntegers does not take: DecodeValues then reads it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIntegersInPlace(VcfRecord record, ReadOnlySpan<byte> info, int at, VcfFieldDefinition definition, int alts, out FieldValues values, out int end)
    {
        values = default;
        var missing = at < info.Length && info[at] == (byte)'.' && (at + 1 == info.Length || info[at + 1] == (byte)';');
        var pos = at;
        var taken = definition.Type == VcfValueType.Integer && !missing
            && TryAppendIntegers(record, info, ref pos, definition.Number.ExpectedCount(alts, 2), out values);
        end = pos;
        return taken;
    }

    // An Integer value of plain decimals (no sign but '-', at most 9 digits each, so within the Integer range and never
    // the missing value), read where it stands up to its ';' or the column's end, with the count the header expects
    // (any when it expects none in particular): what TryAppendIntegers reads for it, in fewer steps. False, with nothing
    // appended, for anything else, which the general readers then take.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryPlainIntegers(VcfRecord record, ReadOnlySpan<byte> info, int at, int wanted, out FieldValues values, out int end)
    {
        var pool = record.IntegerPool;
        var first = record.IntegerCount;
        var used = first;
        while (true)
        {
            var negative = at < info.Length && info[at] == (byte)'-';
            var digits = negative ? at + 1 : at;
            var i = digits;
            var magnitude = 0;
            while (i < info.Length && (uint)(info[i] - (byte)'0') <= 9)
            {
                magnitude = (magnitude * 10) + (info[i] - (byte)'0');
                i++;
            }

            if (i == digits || i - digits > 9 || used == pool.Length)
            {
                break;
            }

            pool[used++] = negative ? -magnitude : magnitude;
            if (i == info.Length || info[i] == (byte)';')
            {
                if (wanted >= 0 && used - first != wanted)
                {
                    break;
                }

                record.IntegerCount = used;
                values = new FieldValues(first, used - first);
                end = i;
                return true;
            }

            if (info[i] != (byte)',')
            {
                break;
            }

            at = i + 1;
        }

        values = default;
        end = 0;
        return false;
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
            _learnedInfo[i] = LearnedInfoKey.Of(key, definition);
        }

        _learnedInfoCount = entries.Count;
    }

    // A key of up to 8 bytes (DP=, AF=, SOMATIC) is also kept as the low bytes of a word, compared in one load and mask
    // rather than a call to compare spans (issue #3).
    // End: the field is INFO/END, which also gives the record's span (AddInfoEntry), known without comparing its name.
    private readonly record struct LearnedInfoKey(byte[] Key, VcfFieldDefinition Definition, ulong Word, ulong Mask, bool End)
    {
        public static LearnedInfoKey Of(byte[] key, VcfFieldDefinition definition)
        {
            var end = IsInfoEnd(definition);
            if (key.Length is 0 or > 8)
            {
                return new(key, definition, 0, 0, end);
            }

            var padded = new byte[8];
            key.CopyTo(padded, 0);
            var mask = key.Length == 8 ? ulong.MaxValue : (1UL << (8 * key.Length)) - 1;
            return new(key, definition, MemoryMarshal.Read<ulong>(padded), mask, end);
        }

        /// <summary>
        /// Whether <paramref name="text"/> starts with the key; <paramref name="readable"/> starts where it does and may
        /// go on past its end (the rest of the line), so that a key near the end of the column is read as one word too.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Starts(ReadOnlySpan<byte> text, ReadOnlySpan<byte> readable) =>
            Mask != 0 && readable.Length >= 8 && text.Length >= Key.Length
                ? (Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(readable)) & Mask) == Word
                : text.StartsWith(Key);
    }
}
