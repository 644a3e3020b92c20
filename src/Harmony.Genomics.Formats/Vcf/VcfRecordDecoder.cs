using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using Harmony.Genomics.Compute.Text;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// Decodes and validates one data line against its header (VCF 4.4 §1.6). A line is either decoded completely
/// or rejected with an <see cref="InputFormatException"/> naming the line, byte offset, column and what was expected.
/// </summary>
internal sealed partial class VcfRecordDecoder
{
    private const byte Tab = (byte)'\t';

    private readonly VcfHeader _header;
    private readonly string _source;
    private readonly bool _strict;
    private readonly Action<string>? _warning;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly int _expectedColumns;

    // The header's sample count, read once: through IReadOnlyList it was an interface call per record, twice.
    private readonly int _sampleCount;
    private readonly VcfUnpack _unpack;
    private readonly VcfFieldDefinition? _gtDefinition;
    private readonly List<(byte[] Key, VcfFieldDefinition Definition)> _infoKeyCache = [];

    // FILTER names already checked against the header (see CheckFilter), at most MaxCheckedFilters.
    private const int MaxCheckedFilters = 64;
    private readonly List<byte[]> _checkedFilters = [];
    private readonly List<VcfFieldDefinition> _lastFormatFields = [];
    private byte[] _lastFormat = [];

    // Where GT is among _lastFormatFields (-1: absent).
    private int _lastGtIndex = -1;

    private readonly BcfDecoding? _bcf;
    private readonly Action? _awaitEarlierRecords;
    private readonly bool _defersWarnings;

    private long _lineNumber;
    private long _lineOffset;
    private VcfRecord? _record;

    /// <param name="header">The header; fields met in records but not declared are added to it.</param>
    /// <param name="source">The source name used in errors.</param>
    /// <param name="strict">Whether undeclared fields are errors.</param>
    /// <param name="warning">Receives warnings, each once.</param>
    /// <param name="unpack">Which parts of each record to decode.</param>
    /// <param name="awaitEarlierRecords">
    /// For one of several decoders of a source: called before a field met in a record is added to the header, and
    /// returns once every earlier record is decoded, so fields are defined in file order whichever decoder meets them first.
    /// </param>
    /// <param name="defersWarnings">Whether warnings go to <see cref="VcfRecord.Warnings"/> instead of <paramref name="warning"/>.</param>
    /// <param name="bcfHeader">For a BCF source: its dictionaries, for records read as BCF (<see cref="VcfRecord.HoldsBcf"/>).</param>
    /// <param name="bcfDirect">Whether BCF records are decoded directly where possible, rather than always rendered as text first (tests compare the two).</param>
    public VcfRecordDecoder(VcfHeader header, string source, bool strict, Action<string>? warning, VcfUnpack unpack = VcfUnpack.All, Action? awaitEarlierRecords = null, bool defersWarnings = false, Bcf.BcfHeaderDictionary? bcfHeader = null, bool bcfDirect = true)
    {
        _awaitEarlierRecords = awaitEarlierRecords;
        _defersWarnings = defersWarnings;
        _unpack = unpack;
        _header = header;
        _source = source;
        _strict = strict;
        _warning = warning;
        _sampleCount = header.SampleNames.Count;
        _expectedColumns = _sampleCount > 0 ? 9 + _sampleCount : (header.HasFormatColumn ? 9 : 8);
        header.Format.TryGet("GT", out var gt);
        _gtDefinition = gt;
        _bcf = bcfHeader is null ? null : new BcfDecoding(this, bcfHeader, bcfDirect);
    }

    /// <summary>Whether the one-pass sample reader may be used (tests turn it off to compare it with the general path).</summary>
    internal bool OnePassSamples { get; init; } = true;

    /// <summary>Whether plain integer samples may be read by their shape (tests turn it off to compare it with the scalar loop).</summary>
    internal bool ShapedSamples { get; init; } = true;

    /// <summary>Whether GT-only lines are read 8 samples per vector (tests turn it off to compare it with the scalar loop).</summary>
    internal bool VectorGenotypes { get; init; } = true;

    public void Decode(VcfRecord record, ReadOnlyMemory<byte> lineMemory, long lineNumber, long lineOffset)
    {
        if (record.KeepsLine)
        {
            // The record owns a copy, so it outlives the reader's buffer (see VcfRecord.KeepsLine).
            record.KeepLine(lineMemory);
        }
        else
        {
            record.Line = lineMemory;
        }

        record.LineNumber = lineNumber;
        record.ByteOffset = lineOffset;
        record.HoldsBcf = false;
        DecodeKeptLine(record);
    }

    /// <summary>Decodes a record whose <see cref="VcfRecord.Line"/>, line number and offset are already set (its line its own).</summary>
    public void DecodeKeptLine(VcfRecord record)
    {
        _lineNumber = record.LineNumber;
        _lineOffset = record.ByteOffset;
        _record = record;
        _recordOffsetOnly = record.HoldsBcf;
        record.Reset();
        try
        {
            if (record.HoldsBcf)
            {
                (_bcf ?? throw new InvalidOperationException("a BCF record for a decoder without the BCF's dictionaries")).Decode(record);
            }
            else
            {
                DecodeColumns(record, record.Line.Span);
            }
        }
        finally
        {
            // Also for a rejected record: a field it defined before its error counts for the records after it.
            record.InfoFieldCount = _header.Info.Count;
            record.FormatFieldCount = _header.Format.Count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeColumns(VcfRecord record, ReadOnlySpan<byte> line)
    {
        record.SampleCount = _sampleCount;

        CheckText(line);

        // Split the fixed columns, their nine tabs found in one vector sweep (it stops at a tenth); the remainder is FORMAT
        // and the samples.
        Span<ByteRange> columns = stackalloc ByteRange[9];
        Span<int> tabs = stackalloc int[9];
        var found = Math.Min(DelimiterIndex.FindAll(line, Tab, tabs), tabs.Length);
        var position = 0;
        var count = 0;
        foreach (var tab in tabs[..found])
        {
            columns[count++] = new ByteRange(position, tab - position);
            position = tab + 1;
        }

        if (count < 9)
        {
            columns[count++] = new ByteRange(position, line.Length - position);
            position = line.Length + 1;
        }

        var remainderStart = position;
        if (count < 8 || (count < _expectedColumns && count < 9))
        {
            var hint = !line.IsEmpty && line[0] == (byte)'#' ? " (a '#' line among the records: header and comment lines come before the first record; two files joined?)"
                : count == 1 && line.IndexOf((byte)' ') >= 0 ? " (columns must be separated by tabs, not spaces)"
                : string.Empty;
            throw Error(line.Length, null, $"{_expectedColumns} tab-separated columns, found {count}{hint}");
        }

        if (count == 9 && _expectedColumns == 8)
        {
            throw Error(columns[8].Start, null, "8 columns (the header declares no FORMAT or samples), found more");
        }

        record.Chromosome = DecodeChromosome(line, columns[0]);
        record.Position = DecodePosition(line, columns[1]);
        record.Id = DecodeId(line, columns[2]);
        record.Reference = DecodeReference(line, columns[3]);
        DecodeAlternates(record, line, columns[4]);
        record.Quality = DecodeQuality(line, columns[5]);
        DecodeFilters(record, line, columns[6]);
        record.EndPosition = record.Position + Math.Max(record.Reference.Length, 1) - 1;
        if ((_unpack & VcfUnpack.Info) != 0)
        {
            DecodeInfo(record, line, columns[7]);
        }
        else if (FindEnd(line.Slice(columns[7].Start, columns[7].Length)) is long end && end is >= VcfMissing.MinimumInteger and <= int.MaxValue)
        {
            // Lazy INFO still gives the record its span, as htslib sets rlen from END at parse time.
            TakeEnd(record, end);
        }

        if (count == 9 && (_unpack & VcfUnpack.Genotypes) != 0)
        {
            DecodeSamples(record, line, columns[8], remainderStart);
        }
    }

    // One INFO entry of the record, from any of the readers (text, learned keys, BCF): INFO/END, an Integer with one value
    // that is not missing, also gives the record's span.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddInfoEntry(VcfRecord record, VcfFieldDefinition definition, FieldValues values) =>
        AddInfoEntry(record, definition, values, IsInfoEnd(definition));

    // AddInfoEntry for a caller that knows already whether the field is INFO/END (the learned keys know it by key).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddInfoEntry(VcfRecord record, VcfFieldDefinition definition, FieldValues values, bool isEnd)
    {
        record.InfoEntries.Add((definition, values));
        if (isEnd && values.Count == 1 && record.IntegerPool[values.Start] != VcfMissing.Integer)
        {
            TakeEnd(record, record.IntegerPool[values.Start]);
        }
    }

    // INFO/END: the Integer field whose value is the record's end (VCF 4.4 section 1.6.1).
    private static bool IsInfoEnd(VcfFieldDefinition definition) => definition.Id == "END" && definition.Type == VcfValueType.Integer;

    // INFO/END gives the record's span (end_pos, region overlap) only when it does not fall before POS; otherwise, as
    // htslib's vcf_parse does, a warning and the span of REF. The INFO value itself is kept as written.
    private void TakeEnd(VcfRecord record, long end)
    {
        if (end >= record.Position)
        {
            record.EndPosition = end;
            return;
        }

        WarnOnce("END before POS", $"INFO/END={end} is smaller than POS={record.Position}; the record's span (end_pos) is taken from REF, as bcftools does (reported once per file)");
    }

    private void CheckText(ReadOnlySpan<byte> line)
    {
        if (ByteScanner.IndexOfNulOrNonAscii(line) < 0)
        {
            // Plain ASCII, as nearly every line is: neither NUL nor invalid UTF-8 can be in it.
            return;
        }

        var nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Error(nul, null, "text, found a NUL byte");
        }

        if (!Utf8.IsValid(line))
        {
            var bad = FirstInvalidUtf8(line);
            throw Error(bad, null, "valid UTF-8 text, found an invalid byte sequence");
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> line)
    {
        var status = Utf8.ToUtf16(line, new char[line.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? 0 : read;
    }

    // The fixed columns' decoders below are inlined into DecodeColumns (jitted at full optimisation, see HotPathWarmup)
    // for the values nearly every record has, and call their checked forms, out of line, for anything else: each was a
    // call into precompiled code per record, and their error messages' code kept them from being inlined (issue #3).
    // QUAL stays a call: its float parser, inlined too, made DecodeColumns slower to jit (a small file's ingest 10-20 ms
    // later) and workload c no faster.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ByteRange DecodeChromosome(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        return !value.IsEmpty && !HasByte(value, (byte)' ', (byte)'\r') ? column : DecodeChromosomeChecked(line, column);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ByteRange DecodeChromosomeChecked(ReadOnlySpan<byte> line, ByteRange column)
    {
        if (column.Length == 0)
        {
            throw Error(column.Start, "CHROM", "a chromosome name, found an empty column");
        }

        var value = line.Slice(column.Start, column.Length);
        var space = value.IndexOfAny((byte)' ', (byte)'\r');
        if (space >= 0)
        {
            throw Error(column.Start + space, "CHROM", "a chromosome name without white space (columns must be separated by tabs)");
        }

        return column;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long DecodePosition(ReadOnlySpan<byte> line, ByteRange column)
    {
        // Up to 16 digits, with 16 bytes of the line from POS on (ID and the columns after it follow), are read a word
        // of 8 digits at a time (CombineDigits): the byte loop below mispredicted its exit at nearly every record.
        var length = column.Length;
        if (length is > 0 and <= 16 && (uint)column.Start + 16UL <= (uint)line.Length)
        {
            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(line), column.Start);
            var high = Unsafe.ReadUnaligned<ulong>(ref at) - 0x3030303030303030UL;
            var highCount = Math.Min(length, 8);
            if (DigitBytes(high) >= highCount)
            {
                var pos = CombineDigits(high, highCount);
                if (length <= 8)
                {
                    return pos;
                }

                var low = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, 8)) - 0x3030303030303030UL;
                if (DigitBytes(low) >= length - 8)
                {
                    return (pos * IntegerPowersOfTen[length - 8]) + CombineDigits(low, length - 8);
                }
            }
        }

        // Up to 18 digits cannot overflow a long.
        var value = line.Slice(column.Start, column.Length);
        if (value.Length is > 0 and <= 18)
        {
            long pos = 0;
            foreach (var b in value)
            {
                var digit = (uint)(b - (byte)'0');
                if (digit > 9)
                {
                    return DecodePositionChecked(line, column);
                }

                pos = (pos * 10) + digit;
            }

            return pos;
        }

        return DecodePositionChecked(line, column);
    }

    private static ReadOnlySpan<long> IntegerPowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long DecodePositionChecked(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "POS", "a position (a non-negative integer), found an empty column");
        }

        // VCF 4.4 §1.3: an Integer may carry a '+'.
        if (!Utf8Parser.TryParse(value, out long pos, out var consumed) || consumed != value.Length || value[0] == (byte)'-')
        {
            var overflow = value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
            var what = value[0] == (byte)'-' ? "a negative number" : overflow ? "overflow" : consumed > 0 && consumed < value.Length ? "trailing characters" : "not a number";
            throw Error(column.Start, "POS", $"a position (a non-negative integer), found '{Show(value)}' ({what})");
        }

        // VCF text allows 64-bit positions (htslib reads them; only BCF is limited to 32 bits).
        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ByteRange DecodeId(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        return value is [(byte)'.'] ? ByteRange.Missing
            : !value.IsEmpty && !HasByte(value, (byte)' ') ? column
            : DecodeIdChecked(line, column);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ByteRange DecodeIdChecked(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "ID", "'.' or identifiers, found an empty column");
        }

        var space = value.IndexOf((byte)' ');
        if (space >= 0)
        {
            throw Error(column.Start + space, "ID", "identifiers without white space");
        }

        return value is [(byte)'.'] ? ByteRange.Missing : column;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ByteRange DecodeReference(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            return DecodeReferenceChecked(line, column);
        }

        foreach (var b in value)
        {
            if (!IsBase(b))
            {
                return DecodeReferenceChecked(line, column);
            }
        }

        return column;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ByteRange DecodeReferenceChecked(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "REF", "reference bases, found an empty column");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!IsBase(value[i]))
            {
                throw Error(column.Start + i, "REF", $"reference bases (A, C, G, T, N or IUPAC codes), found '{Show(value)}'");
            }
        }

        return column;
    }

    private void DecodeAlternates(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "ALT", "'.' or alternate alleles, found an empty column");
        }

        if (value is [(byte)'.'])
        {
            return;
        }

        var start = 0;
        while (true)
        {
            var comma = value[start..].IndexOf((byte)',');
            var end = comma < 0 ? value.Length : start + comma;
            var allele = value[start..end];
            ValidateAlternate(allele, column.Start + start);
            record.AltRanges.Add(new ByteRange(column.Start + start, end - start));
            if (comma < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    private void ValidateAlternate(ReadOnlySpan<byte> allele, int offset)
    {
        if (AlternateProblem(allele) is { } expected)
        {
            throw Error(offset, "ALT", expected);
        }
    }

    // VCF 4.4 §1.6.1 item 5: bases, '*', a symbolic allele <ID>, or a breakend (t[p[, t]p], ]p]t, [p[t, .t, t.).
    // Null for a valid allele, else what was expected.
    private static string? AlternateProblem(ReadOnlySpan<byte> allele)
    {
        // A single base, most SNV records' ALT: valid without the checks below.
        if (allele.Length == 1 && IsBase(allele[0]))
        {
            return null;
        }

        if (allele.IsEmpty)
        {
            return "an alternate allele, found an empty allele between commas";
        }

        if (allele is [(byte)'*'] || (allele[0] == (byte)'<' && allele[^1] == (byte)'>' && allele.Length > 2))
        {
            return null;
        }

        if (allele.IndexOfAny((byte)'[', (byte)']') >= 0)
        {
            return allele.Count((byte)'[') + allele.Count((byte)']') != 2 || allele.IndexOf((byte)':') < 0
                ? $"a breakend such as 'G]17:198982]', found '{Show(allele)}'"
                : null;
        }

        var bases = allele;
        if (bases[0] == (byte)'.' && bases.Length > 1)
        {
            bases = bases[1..];
        }
        else if (bases[^1] == (byte)'.' && bases.Length > 1)
        {
            bases = bases[..^1];
        }

        foreach (var b in bases)
        {
            if (!IsBase(b))
            {
                return $"an alternate allele (bases, '*', <ID> or a breakend), found '{Show(allele)}'";
            }
        }

        return null;
    }

    private double? DecodeQuality(ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value is [(byte)'.'])
        {
            return null;
        }

        // Read where it stands in the line, so the word holding it can be read whole (a QUAL is shorter than a word); a
        // value that is not a short decimal there is not one cut out either, so only the general parser is left to try.
        if (ShortDecimalEnd(line, column.Start, out var q) == column.Start + column.Length)
        {
            return q;
        }

        if (!TryParseFloatGeneral(value, out q))
        {
            throw Error(column.Start, "QUAL", $"'.' or a number, found '{Show(value)}'");
        }

        return q;
    }

    private void DecodeFilters(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "FILTER", "'.', PASS or filter names, found an empty column");
        }

        if (value is [(byte)'.'])
        {
            record.FilterMissing = true;
            return;
        }

        if (value.SequenceEqual("PASS"u8))
        {
            record.FilterRanges.Add(column);
            return;
        }

        var start = 0;
        while (true)
        {
            var semicolon = value[start..].IndexOf((byte)';');
            var end = semicolon < 0 ? value.Length : start + semicolon;
            if (end == start)
            {
                throw Error(column.Start + start, "FILTER", "a filter name, found an empty name between ';'");
            }

            var range = new ByteRange(column.Start + start, end - start);
            CheckFilter(value[start..end]);

            record.FilterRanges.Add(range);
            if (semicolon < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    // A filter name not defined in the header is reported once. Names checked before are compared as bytes: a file
    // repeats a handful, and making a string of each record's filter to look it up cost an allocation per record.
    private void CheckFilter(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("PASS"u8))
        {
            return;
        }

        foreach (var known in _checkedFilters)
        {
            if (name.SequenceEqual(known))
            {
                return;
            }
        }

        var text = Encoding.UTF8.GetString(name);
        if (!_header.Filters.ContainsKey(text))
        {
            WarnOnce("FILTER/" + text, $"FILTER '{text}' is not defined in the header");
        }

        if (_checkedFilters.Count < MaxCheckedFilters)
        {
            _checkedFilters.Add(name.ToArray());
        }
    }

    // Whether a short value holds a byte (or either of two): a loop, not a call into the vectorised search, for the few
    // bytes of a CHROM or an ID.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasByte(ReadOnlySpan<byte> value, byte target) => HasByte(value, target, target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasByte(ReadOnlySpan<byte> value, byte first, byte second)
    {
        if (value.Length > 32)
        {
            return value.IndexOfAny(first, second) >= 0;
        }

        foreach (var b in value)
        {
            if (b == first || b == second)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeInfo(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "INFO", "'.' or INFO entries, found an empty column");
        }

        if (value is [(byte)'.'])
        {
            return;
        }

        if (_learnedInfoCount > 0 && TryDecodeInfoByLearnedKeys(record, line, column))
        {
            return;
        }

        DecodeInfoEntries(record, line, column);
        if (LearnedInfoKeys)
        {
            LearnInfoKeys(record);
        }
    }

    // The general INFO reader: each entry split at '=', its key looked up (CachedInfoDefinition), checked against the
    // record's other keys, and its values decoded.
    private void DecodeInfoEntries(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column)
    {
        var value = line.Slice(column.Start, column.Length);
        var start = 0;
        while (start <= value.Length)
        {
            var semicolon = value[start..].IndexOf((byte)';');
            var end = semicolon < 0 ? value.Length : start + semicolon;
            var entry = value[start..end];
            var entryOffset = column.Start + start;
            if (entry.IsEmpty)
            {
                // A trailing ';' is common in the wild and unambiguous; an empty entry elsewhere is not.
                if (semicolon < 0 && start > 0)
                {
                    return;
                }

                throw Error(entryOffset, "INFO", "an INFO entry 'KEY' or 'KEY=VALUE', found an empty entry");
            }

            var equals = entry.IndexOf((byte)'=');
            var key = equals < 0 ? entry : entry[..equals];
            if (key.IsEmpty)
            {
                throw Error(entryOffset, "INFO", "an INFO key before '='");
            }

            var definition = CachedInfoDefinition(record.InfoEntries.Count, key, equals >= 0, entryOffset);
            foreach (var (existing, _) in record.InfoEntries.AsSpan())
            {
                if (ReferenceEquals(existing, definition))
                {
                    throw Error(entryOffset, "INFO/" + definition.Id, "each INFO key at most once per record, found it again");
                }
            }

            FieldValues values;
            if (definition.Type == VcfValueType.Flag)
            {
                if (equals >= 0)
                {
                    throw Error(entryOffset, "INFO/" + definition.Id, $"a Flag without a value, found '{Show(entry)}'{Undeclared(definition)}");
                }

                values = new FieldValues(0, 0);
            }
            else
            {
                if (equals < 0)
                {
                    throw Error(entryOffset, "INFO/" + definition.Id, $"a value for the {definition.Type} field (KEY=VALUE), found the key alone{Undeclared(definition)}");
                }

                var valueStart = column.Start + start + equals + 1;
                values = DecodeValues(record, line, new ByteRange(valueStart, end - start - equals - 1), definition, "INFO/", record.AltRanges.Count, 2);
            }

            AddInfoEntry(record, definition, values);

            if (semicolon < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    // Records of one file repeat the same INFO keys in the same order: the key at each position is compared with the
    // previous record's before the dictionary is consulted.
    private VcfFieldDefinition CachedInfoDefinition(int position, ReadOnlySpan<byte> key, bool hasValue, int offset)
    {
        if (position < _infoKeyCache.Count && key.SequenceEqual(_infoKeyCache[position].Key) && (hasValue || _infoKeyCache[position].Definition.Type == VcfValueType.Flag || _infoKeyCache[position].Definition.IsDeclared))
        {
            return _infoKeyCache[position].Definition;
        }

        var definition = InfoDefinition(key, hasValue, offset);
        var entry = (key.ToArray(), definition);
        if (position < _infoKeyCache.Count)
        {
            _infoKeyCache[position] = entry;
        }
        else if (position == _infoKeyCache.Count)
        {
            _infoKeyCache.Add(entry);
        }

        return definition;
    }

    private VcfFieldDefinition InfoDefinition(ReadOnlySpan<byte> key, bool hasValue, int offset)
    {
        if (_header.Info.TryGet(key, out var definition))
        {
            return definition;
        }

        var id = Encoding.UTF8.GetString(key);
        if (_strict)
        {
            throw Error(offset, "INFO/" + id, "an INFO key defined in the header (strict mode)");
        }

        if (_awaitEarlierRecords is not null)
        {
            // An earlier record, decoded by another decoder meanwhile, may have defined it (perhaps as a Flag).
            _awaitEarlierRecords();
            if (_header.Info.TryGet(key, out definition))
            {
                return definition;
            }
        }

        // bcftools assumes a String for an undefined key, with a warning; here a key first met without a value is a Flag
        // (an undeclared SOMATIC or DB stays a usable true/false column), one with a value a String.
        definition = hasValue
            ? new VcfFieldDefinition(id, VcfNumber.One, VcfValueType.String, "Not defined in the header; assumed Type=String", IsDeclared: false)
            : new VcfFieldDefinition(id, VcfNumber.Zero, VcfValueType.Flag, "Not defined in the header; assumed Type=Flag", IsDeclared: false);
        _header.Info.TryAdd(definition, notify: true);
        WarnOnce("INFO/" + id, $"INFO/{id} is not defined in the header; assuming Type={definition.Type}");
        return definition;
    }

    // An undefined key is typed where it is first met, as a Flag when it has no value and a String when it has one;
    // a later record using it the other way cannot be stored in that column.
    private static string Undeclared(VcfFieldDefinition definition) => definition.IsDeclared ? string.Empty
        : $" (INFO/{definition.Id} is not defined in the header and was taken as a {definition.Type} where first met; declare it with an ##INFO line)";

    private VcfFieldDefinition FormatDefinition(ReadOnlySpan<byte> key, int offset)
    {
        if (_header.Format.TryGet(key, out var definition))
        {
            return definition;
        }

        var id = Encoding.UTF8.GetString(key);
        if (_strict)
        {
            throw Error(offset, "FORMAT/" + id, "a FORMAT key defined in the header (strict mode)");
        }

        if (_awaitEarlierRecords is not null)
        {
            _awaitEarlierRecords();
            if (_header.Format.TryGet(key, out definition))
            {
                return definition;
            }
        }

        definition = new VcfFieldDefinition(id, VcfNumber.One, VcfValueType.String, "Not defined in the header; assumed Type=String", IsDeclared: false);
        _header.Format.TryAdd(definition, notify: true);
        WarnOnce("FORMAT/" + id, $"FORMAT/{id} is not defined in the header; assuming Type=String");
        return definition;
    }

    private void DecodeSamples(VcfRecord record, ReadOnlySpan<byte> line, ByteRange formatColumn, int samplesStart)
    {
        var format = line.Slice(formatColumn.Start, formatColumn.Length);
        var sampleCount = _sampleCount;
        if (format.IsEmpty)
        {
            throw Error(formatColumn.Start, "FORMAT", "FORMAT keys, found an empty column");
        }

        var sameFormat = ShortSpans.EqualBytes(format, _lastFormat);
        if (sameFormat)
        {
            // The same FORMAT as the previous record (the usual case): its keys were already resolved and checked.
            record.FormatFields.AddRange(CollectionsMarshal.AsSpan(_lastFormatFields));
        }
        else if (!(format is [(byte)'.']))
        {
            var start = 0;
            while (true)
            {
                var colon = format[start..].IndexOf((byte)':');
                var end = colon < 0 ? format.Length : start + colon;
                var key = format[start..end];
                if (key.IsEmpty)
                {
                    throw Error(formatColumn.Start + start, "FORMAT", "a FORMAT key, found an empty key");
                }

                var definition = FormatDefinition(key, formatColumn.Start + start);
                if (record.FormatFields.AsSpan().Contains(definition))
                {
                    throw Error(formatColumn.Start + start, "FORMAT/" + definition.Id, "each FORMAT key at most once, found it again");
                }

                record.FormatFields.Add(definition);
                if (colon < 0)
                {
                    break;
                }

                start = end + 1;
            }
        }

        if (!sameFormat)
        {
            _lastFormat = format.ToArray();
            _lastFormatFields.Clear();
            _lastFormatFields.AddRange(record.FormatFields.AsSpan());
            _lastGtIndex = _gtDefinition is null ? -1 : record.FormatFields.AsSpan().IndexOf(_gtDefinition);
            _onePassKnown = 0;
            _manyAlts = -1;
        }

        var fields = record.FormatFields.Count;
        var gtIndex = _lastGtIndex;
        if (gtIndex > 0)
        {
            throw Error(formatColumn.Start, "FORMAT", "GT as the first FORMAT key when present (VCF 4.4 §1.6.2)");
        }

        record.HasGenotypes = gtIndex == 0;
        if (sampleCount == 0)
        {
            if (samplesStart <= line.Length)
            {
                throw Error(samplesStart, null, "no sample columns (the header names no samples), found more");
            }

            return;
        }

        if (samplesStart > line.Length)
        {
            throw Error(line.Length, null, $"{_expectedColumns} tab-separated columns, found 9");
        }

        var alts = record.AltRanges.Count;
        if (record.HasGenotypes)
        {
            EnsureAlleleCapacity(record, sampleCount * 2);
        }

        // The commonest cohort layout, GT alone with every call a diploid of single-digit alleles, has a fixed width
        // of 4 bytes per sample: decoded in one pass without a structural scan.
        var region = line[samplesStart..];
        if (fields == 1 && record.HasGenotypes && region.Length == (4 * sampleCount) - 1 && record.GenotypeAlleles.Length >= 2 * sampleCount && TryDecodeUniformDiploid(record, region, sampleCount, alts, VectorGenotypes))
        {
            return;
        }

        // Made only for the paths below: the GT-only line above needs neither (its ploidy is uniform, and GT has no value
        // slot). On workload a (2,504 samples, GT only) they were 40 KB per record in flight, about 3 MiB zeroed and
        // faulted in for nothing.
        if (record.SampleValues.Length < sampleCount * fields)
        {
            record.SampleValues = new FieldValues[Math.Max(sampleCount * fields, record.SampleValues.Length * 2)];
        }

        if (record.HasGenotypes && record.GenotypeStart.Length < sampleCount)
        {
            record.GenotypeStart = new int[sampleCount];
            record.GenotypeLength = new int[sampleCount];
        }

        // GT with Integer, Float or single String fields (GT:AD:DP:GQ, GT:AD:AF:DP ...): the leading samples that fit
        // that layout are read in one pass.
        var firstGeneral = 0;
        if (OnePassSamples && fields > 1 && record.HasGenotypes && (_unpack & VcfUnpack.Samples) == VcfUnpack.Samples)
        {
            firstGeneral = DecodeSamplesOnePass(record, region, samplesStart, sampleCount, fields, alts);
            if (firstGeneral == sampleCount)
            {
                record.UniformPloidy = 2;
                return;
            }
        }

        // Otherwise one vectorised sweep finds every sample boundary (htslib's structural scan), instead of a search per sample.
        if (record.SampleEnds.Length < sampleCount)
        {
            record.SampleEnds = new int[sampleCount];
        }

        var tabs = DelimiterIndex.FindAll(region, Tab, record.SampleEnds.AsSpan(0, sampleCount - 1));
        if (tabs != sampleCount - 1)
        {
            throw tabs < sampleCount - 1
                ? Error(line.Length, null, $"{_expectedColumns} tab-separated columns, found {10 + tabs}")
                : Error(samplesStart + ExtraTab(region, record.SampleEnds, sampleCount), null, $"{_expectedColumns} tab-separated columns, found more");
        }

        record.SampleEnds[sampleCount - 1] = region.Length;

        var from = firstGeneral == 0 ? 0 : record.SampleEnds[firstGeneral - 1] + 1;
        for (var s = firstGeneral; s < sampleCount; s++)
        {
            var to = record.SampleEnds[s];
            var value = region[from..to];
            var start = samplesStart + from;
            from = to + 1;
            if (fields == 0)
            {
                if (!(value is [(byte)'.']))
                {
                    throw Error(start, "sample " + (s + 1), "'.' (FORMAT is '.'), found a value");
                }

                continue;
            }

            // Fast path for the commonest genotype, a diploid call of single-digit alleles (0/1, 1|0 ...).
            if (fields == 1 && record.HasGenotypes && value.Length == 3 && TryFastDiploid(record, s, value, alts))
            {
                record.SampleValues[s] = FieldValues.Missing;
                continue;
            }

            DecodeSample(record, line, new ByteRange(start, value.Length), s, fields);
        }
    }

    // The position of the first tab past the last expected sample column.
    private static int ExtraTab(ReadOnlySpan<byte> region, int[] sampleEnds, int sampleCount)
    {
        var from = sampleCount > 1 ? sampleEnds[sampleCount - 2] + 1 : 0;
        return from + region[from..].IndexOf(Tab);
    }

    private const uint MissingAllele = uint.MaxValue;

    // A single-digit allele index, MissingAllele (-1 as int) for '.', or a value above any allele count otherwise.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AlleleDigit(byte b) => b == (byte)'.' ? MissingAllele : (uint)(b - (byte)'0') <= 9 ? (uint)(b - (byte)'0') : 1000;

    // A diploid call of single-digit alleles: 'a', '/' or '|', 'b', each allele at most maxAllele or '.' (MissingAllele).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDiploidDigits(byte first, byte separator, byte second, uint maxAllele, out uint a, out uint b)
    {
        a = AlleleDigit(first);
        b = AlleleDigit(second);
        return (a <= maxAllele || a == MissingAllele) && (b <= maxAllele || b == MissingAllele) && (separator == (byte)'|' || separator == (byte)'/');
    }

    // Each sample is 'a', '/' or '|', 'b' and a tab (none after the last); any deviation hands the whole line to the
    // general path, which also produces the error messages.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDecodeUniformDiploid(VcfRecord record, ReadOnlySpan<byte> region, int sampleCount, int alts, bool vectors)
    {
        ref var bytes = ref MemoryMarshal.GetReference(region);
        ref var alleles = ref MemoryMarshal.GetArrayDataReference(record.GenotypeAlleles);
        ref var phased = ref MemoryMarshal.GetArrayDataReference(record.GenotypePhased);
        var maxAllele = (uint)alts;
        var s = 0;
        if (vectors && Vector256.IsHardwareAccelerated)
        {
            // Eight samples (32 bytes) at a time, each group followed by a tab, so the last sample is left to the loop below.
            s = UniformDiploidVectors(ref bytes, ref alleles, ref phased, (sampleCount - 1) & ~7, (byte)Math.Min(alts, 9));
        }

        for (; s < sampleCount; s++)
        {
            // Bounds: region.Length == 4 * sampleCount - 1 and the allele arrays hold 2 * sampleCount (checked by the caller).
            var at = s * 4;
            var separator = Unsafe.Add(ref bytes, at + 1);
            if (!TryDiploidDigits(Unsafe.Add(ref bytes, at), separator, Unsafe.Add(ref bytes, at + 2), maxAllele, out var a, out var b) || (s < sampleCount - 1 && Unsafe.Add(ref bytes, at + 3) != Tab))
            {
                return false;
            }

            Unsafe.Add(ref alleles, 2 * s) = (int)a;
            Unsafe.Add(ref alleles, (2 * s) + 1) = (int)b;
            Unsafe.Add(ref phased, 2 * s) = false;
            Unsafe.Add(ref phased, (2 * s) + 1) = separator == (byte)'|';
        }

        record.GenotypeAlleleCount = sampleCount * 2;
        record.UniformPloidy = 2;
        return true;
    }

    /// <summary>
    /// The first <paramref name="samples"/> (a multiple of 8) samples of a GT-only line of 4-byte samples, 8 per 256-bit
    /// vector: every byte is checked against its place ('a', '/' or '|', 'b', tab), and the alleles (-1 for '.') and
    /// phasing written as the scalar loop writes them. Returns how many samples it took: all, or those before the first
    /// group with anything else in it, which the scalar loop then looks at.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UniformDiploidVectors(ref byte bytes, ref int alleles, ref bool phased, int samples, byte maxDigit)
    {
        // Per 4-byte sample: which bytes are alleles, which the separator, which the tab.
        var alleleBytes = Vector256.Create(0x00FF00FFu).AsByte();
        var separatorBytes = Vector256.Create(0x0000FF00u).AsByte();
        var tabBytes = Vector256.Create(0xFF000000u).AsByte();
        var zero = Vector256.Create((byte)'0');
        var dot = Vector256.Create((byte)'.');
        var slash = Vector256.Create((byte)'/');
        var pipe = Vector256.Create((byte)'|');
        var tab = Vector256.Create(Tab);
        var limit = Vector256.Create(maxDigit);
        var s = 0;
        for (; s < samples; s += 8)
        {
            var text = Vector256.LoadUnsafe(ref bytes, (nuint)(s * 4));
            var digits = text - zero;
            var missing = Vector256.Equals(text, dot);
            var isPipe = Vector256.Equals(text, pipe);
            var valid = (alleleBytes & (Vector256.LessThanOrEqual(digits, limit) | missing))
                | (separatorBytes & (Vector256.Equals(text, slash) | isPipe))
                | (tabBytes & Vector256.Equals(text, tab));
            if (valid != Vector256<byte>.AllBitsSet)
            {
                break;
            }

            // Per sample as one int: allele a in byte 0, b in byte 2 (0xFF, -1 as a signed byte, for '.'); sign-extended
            // out, then paired as (a, b) in one long per sample, which is the scalar loop's int layout.
            var calls = Vector256.ConditionalSelect(missing, missing, digits).AsInt32();
            var first = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(calls, 24), 24);
            var second = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(calls, 8), 24);
            var (firstLow, firstHigh) = Vector256.Widen(first);
            var (secondLow, secondHigh) = Vector256.Widen(second);
            var mask = Vector256.Create(0xFFFFFFFFL);
            ref var pairs = ref Unsafe.As<int, long>(ref Unsafe.Add(ref alleles, 2 * s));
            ((firstLow & mask) | Vector256.ShiftLeft(secondLow, 32)).StoreUnsafe(ref pairs);
            ((firstHigh & mask) | Vector256.ShiftLeft(secondHigh, 32)).StoreUnsafe(ref pairs, 4);

            // Phasing per sample as two bools, (false, b joined by '|'): 0x0100 in a 16-bit pair.
            var joined = Vector256.ShiftLeft(Vector256.ShiftRightLogical(isPipe.AsInt32(), 8) & Vector256.Create(1), 8);
            Vector256.Narrow(joined, Vector256<int>.Zero).GetLower().AsByte().StoreUnsafe(ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref phased, 2 * s)));
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFastDiploid(VcfRecord record, int sample, ReadOnlySpan<byte> value, int alts)
    {
        var a = value[0] - (byte)'0';
        var b = value[2] - (byte)'0';
        var separator = value[1];
        if ((uint)a > (uint)alts || (uint)b > (uint)alts || (separator != (byte)'/' && separator != (byte)'|'))
        {
            // Anything else, errors included, takes the general path, which explains what is wrong.
            return false;
        }

        var k = record.GenotypeAlleleCount;
        EnsureAlleleCapacity(record, k + 2);
        StoreDiploid(record, sample, k, a, b, separator);
        record.GenotypeAlleleCount = k + 2;
        return true;
    }

    /// <summary>
    /// A sample's diploid call at allele slot <paramref name="at"/>, as the general path stores it: alleles a and b
    /// (-1 for '.'), no leading phase, b joined by '|' or '/'. The caller advances <see cref="VcfRecord.GenotypeAlleleCount"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDiploid(VcfRecord record, int sample, int at, int a, int b, byte separator)
    {
        record.GenotypeAlleles[at] = a;
        record.GenotypeAlleles[at + 1] = b;
        record.GenotypePhased[at] = false;
        record.GenotypePhased[at + 1] = separator == (byte)'|';
        record.GenotypeStart[sample] = at;
        record.GenotypeLength[sample] = 2;
    }

    private static void EnsureAlleleCapacity(VcfRecord record, int size)
    {
        if (record.GenotypeAlleles.Length < size)
        {
            var capacity = Math.Max(size, record.GenotypeAlleles.Length * 2);
            Array.Resize(ref record.GenotypeAlleles, capacity);
            Array.Resize(ref record.GenotypePhased, capacity);
        }
    }

    private void DecodeSample(VcfRecord record, ReadOnlySpan<byte> line, ByteRange column, int sample, int fields)
    {
        var baseIndex = sample * fields;
        var value = line.Slice(column.Start, column.Length);
        if (value.IsEmpty)
        {
            throw Error(column.Start, "sample " + (sample + 1), "a sample value ('.' when missing), found an empty column");
        }

        var start = 0;
        var field = 0;
        var ploidy = record.HasGenotypes ? 2 : 0;
        while (field < fields)
        {
            if (start > value.Length)
            {
                // VCF 4.4 §1.6.2: trailing fields may be dropped.
                for (; field < fields; field++)
                {
                    record.SampleValues[baseIndex + field] = FieldValues.Missing;
                    if (field == 0 && record.HasGenotypes)
                    {
                        SetGenotype(record, sample, ReadOnlySpan<byte>.Empty, column.Start, dropped: true);
                    }
                }

                break;
            }

            var colon = value[start..].IndexOf((byte)':');
            var end = colon < 0 ? value.Length : start + colon;
            var sub = new ByteRange(column.Start + start, end - start);
            var definition = record.FormatFields[field];
            if (field == 0 && record.HasGenotypes)
            {
                ploidy = SetGenotype(record, sample, line.Slice(sub.Start, sub.Length), sub.Start, dropped: false);
                record.SampleValues[baseIndex] = FieldValues.Missing;
            }
            else
            {
                record.SampleValues[baseIndex + field] = (_unpack & VcfUnpack.Samples) == VcfUnpack.Samples
                    ? DecodeValues(record, line, sub, definition, "FORMAT/", record.AltRanges.Count, ploidy)
                    : FieldValues.Missing;
            }

            field++;
            start = end + 1;
            if (colon < 0)
            {
                start = value.Length + 1;
            }
        }

        if (start <= value.Length && fields > 0)
        {
            throw Error(column.Start + start - 1, "sample " + (sample + 1), $"at most {fields} ':'-separated values as FORMAT declares, found more");
        }

        if (fields == 0 && record.HasGenotypes)
        {
            SetGenotype(record, sample, ReadOnlySpan<byte>.Empty, column.Start, dropped: true);
        }
    }

    // VCF 4.4 §1.6.2: GT is allele indexes separated by '/' or '|', '.' for a missing allele; 4.4 allows a leading phase.
    private int SetGenotype(VcfRecord record, int sample, ReadOnlySpan<byte> gt, int offset, bool dropped)
    {
        var start = record.GenotypeAlleleCount;
        record.GenotypeStart[sample] = start;
        if (gt.IsEmpty || gt is [(byte)'.'])
        {
            if (gt.IsEmpty && !dropped)
            {
                throw Error(offset, "FORMAT/GT", "a genotype ('.' when missing), found an empty value");
            }

            Append(record, start, -1, false);
            record.GenotypeLength[sample] = 1;
            record.GenotypeAlleleCount = start + 1;
            return 1;
        }

        var i = 0;
        var phased = false;
        if (gt[0] is (byte)'|' or (byte)'/')
        {
            phased = gt[0] == (byte)'|';
            i = 1;
        }

        var n = 0;
        var alts = record.AltRanges.Count;
        while (true)
        {
            if (i >= gt.Length)
            {
                throw Error(offset + i, "FORMAT/GT", $"an allele index or '.', found '{Show(gt)}'");
            }

            int allele;
            if (gt[i] == (byte)'.')
            {
                allele = -1;
                i++;
            }
            else
            {
                var digits = i;
                long v = 0;
                while (i < gt.Length && gt[i] >= (byte)'0' && gt[i] <= (byte)'9')
                {
                    v = (v * 10) + (gt[i] - (byte)'0');
                    if (v > int.MaxValue)
                    {
                        break;
                    }

                    i++;
                }

                if (i == digits)
                {
                    throw Error(offset + i, "FORMAT/GT", $"an allele index or '.', found '{Show(gt)}'");
                }

                if (v > alts)
                {
                    // The index as written: one too large for the counter stopped it early.
                    var end = digits;
                    while (end < gt.Length && (uint)(gt[end] - (byte)'0') <= 9)
                    {
                        end++;
                    }

                    throw Error(offset + digits, "FORMAT/GT", $"allele indexes from 0 to {alts} (the record has {alts} ALT allele{(alts == 1 ? string.Empty : "s")}), found {Show(gt[digits..end])}");
                }

                allele = (int)v;
            }

            Append(record, start + n, allele, phased);
            n++;
            if (i == gt.Length)
            {
                break;
            }

            if (gt[i] is not ((byte)'/' or (byte)'|'))
            {
                throw Error(offset + i, "FORMAT/GT", $"'/' or '|' between alleles, found '{Show(gt)}'");
            }

            phased = gt[i] == (byte)'|';
            i++;
        }

        record.GenotypeLength[sample] = n;
        record.GenotypeAlleleCount = start + n;
        return n;
    }

    private static void Append(VcfRecord record, int index, int allele, bool phased)
    {
        if (index >= record.GenotypeAlleles.Length)
        {
            var size = Math.Max(64, record.GenotypeAlleles.Length * 2);
            Array.Resize(ref record.GenotypeAlleles, size);
            Array.Resize(ref record.GenotypePhased, size);
        }

        record.GenotypeAlleles[index] = allele;
        record.GenotypePhased[index] = phased;
    }

    // Integer values (DP, AC, AD, PL ...), the commonest, are split, parsed and counted here in one pass, inlined into
    // the callers (DecodeInfo, jitted; DecodeSample, the general per-sample path); anything else, and anything unusual,
    // goes to the general form out of line (issue #3: the calls into its precompiled code, and from it into the
    // parsers', cost more than the parsing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FieldValues DecodeValues(VcfRecord record, ReadOnlySpan<byte> line, ByteRange range, VcfFieldDefinition definition, string prefix, int alts, int ploidy)
    {
        if (definition.Type == VcfValueType.Integer && !(ploidy == 0 && definition.Number.Kind == VcfNumberKind.PerGenotype) && range.Length > 0)
        {
            var value = line.Slice(range.Start, range.Length);
            var end = 0;
            if (!(value is [(byte)'.']) && TryAppendIntegers(record, value, ref end, definition.Number.ExpectedCount(alts, ploidy == 0 ? 2 : ploidy), out var integers))
            {
                if (end == value.Length)
                {
                    return integers;
                }

                // A ';' inside the value: the general path reads it.
                record.IntegerCount = integers.Start;
            }
        }

        return DecodeValuesGeneral(record, line, range, definition, prefix, alts, ploidy);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private FieldValues DecodeValuesGeneral(VcfRecord record, ReadOnlySpan<byte> line, ByteRange range, VcfFieldDefinition definition, string prefix, int alts, int ploidy)
    {
        var value = line.Slice(range.Start, range.Length);
        if (value is [(byte)'.'])
        {
            return FieldValues.Missing;
        }

        if (value.IsEmpty && prefix == "FORMAT/")
        {
            throw Error(range.Start, prefix + definition.Id, "a value ('.' when missing), found an empty value");
        }

        // Integer lists that DecodeValues's one pass (split, parse, count) rolled back, errors included, come here too:
        // the element-by-element path below explains what is wrong.
        // A String with Number=1 is one value even when it holds commas, as in htslib.
        var single = definition.Type == VcfValueType.String && definition.Number.IsScalar;
        var count = single ? 1 : value.Count((byte)',') + 1;
        var expected = ExpectedValueCount(definition, alts, ploidy, count);
        if (expected >= 0 && count != expected)
        {
            throw Error(range.Start, prefix + definition.Id, $"{expected} value{(expected == 1 ? string.Empty : "s")} (Number={definition.Number}), found {count}");
        }

        var start = definition.Type switch
        {
            VcfValueType.Integer => record.IntegerCount,
            VcfValueType.Float => record.FloatCount,
            _ => record.TextCount,
        };
        if (single)
        {
            AppendText(record, range);
            return new FieldValues(start, 1);
        }

        var position = 0;
        for (var k = 0; k < count; k++)
        {
            var comma = value[position..].IndexOf((byte)',');
            var end = comma < 0 ? value.Length : position + comma;
            var element = value[position..end];
            var elementOffset = range.Start + position;
            var missing = element is [(byte)'.'];
            switch (definition.Type)
            {
                case VcfValueType.Integer:
                    AppendInteger(record, missing ? VcfMissing.Integer : ParseInteger(element, elementOffset, prefix, definition));
                    break;
                case VcfValueType.Float:
                    var f = 0.0;
                    if (!missing && !TryParseFloat(element, out f))
                    {
                        throw Error(elementOffset, prefix + definition.Id, $"a Float, found '{Show(element)}'");
                    }

                    AppendFloat(record, missing ? VcfMissing.Float : f);
                    break;
                case VcfValueType.Character:
                    if (!missing && Encoding.UTF8.GetCharCount(element) != 1 && !IsPercentEncodedCharacter(element))
                    {
                        throw Error(elementOffset, prefix + definition.Id, $"a single Character, found '{Show(element)}'");
                    }

                    AppendText(record, missing ? ByteRange.Missing : new ByteRange(elementOffset, element.Length));
                    break;
                default:
                    AppendText(record, missing ? ByteRange.Missing : new ByteRange(elementOffset, element.Length));
                    break;
            }

            position = end + 1;
        }

        return new FieldValues(start, count);
    }

    /// <summary>
    /// How many values a field must have (-1: any number), for the record's ALTs and the sample's ploidy (0 without GT,
    /// counted as diploid). Without GT the ploidy is unknown, so a Number=G field of <paramref name="count"/> values may
    /// also be haploid. The one rule of the text path and of BCF records decoded directly.
    /// </summary>
    private static int ExpectedValueCount(VcfFieldDefinition definition, int alts, int ploidy, int count) =>
        ploidy == 0 && definition.Number.Kind == VcfNumberKind.PerGenotype && count == definition.Number.ExpectedCount(alts, 1)
            ? count
            : definition.Number.ExpectedCount(alts, ploidy == 0 ? 2 : ploidy);

    // Comma-separated Integer elements ('.' for a missing one) at text[pos..], appended to the pool, up to the end of the
    // text or a ';' (an INFO value read in place, VcfRecordDecoder.LearnedInfo.cs), where pos is left: true when there
    // are as many as wanted (-1: any). False, with nothing appended, at the first byte that is not plain [-+]digits (at
    // most 10, within the Integer range), '.' or a single comma between elements, or for another count: the general path
    // then reads the value and says what is wrong.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAppendIntegers(VcfRecord record, ReadOnlySpan<byte> text, ref int pos, int wanted, out FieldValues values)
    {
        // The position, the pool and its count in locals, written back once: through the ref and the record's fields
        // they were loaded and stored per element (issue #3: about 170 instructions per INFO integer, counted with callgrind).
        var first = record.IntegerCount;
        var pool = record.IntegerPool;
        var used = first;
        var at = pos;
        while (TryParseIntegerElement(text, ref at, out var parsed))
        {
            if (used == pool.Length)
            {
                record.IntegerCount = used;
                GrowIntegers(record);
                pool = record.IntegerPool;
            }

            pool[used++] = parsed;
            if (at == text.Length || text[at] == (byte)';')
            {
                if (wanted < 0 || used - first == wanted)
                {
                    record.IntegerCount = used;
                    pos = at;
                    values = new FieldValues(first, used - first);
                    return true;
                }

                break;
            }

            if (text[at++] != (byte)',')
            {
                break;
            }
        }

        pos = at;
        record.IntegerCount = first;
        values = default;
        return false;
    }

    // One Integer element at text[pos..]: '.' (missing) when a separator (',', ':', tab) or the end follows it, else
    // [-+]digits (at most 10) within the Integer range. False at anything else; pos then points nowhere useful.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseIntegerElement(ReadOnlySpan<byte> text, ref int pos, out int value)
    {
        if (pos < text.Length && text[pos] == (byte)'.' && (pos + 1 == text.Length || text[pos + 1] is (byte)',' or (byte)':' or Tab))
        {
            value = VcfMissing.Integer;
            pos++;
            return true;
        }

        var negative = pos < text.Length && text[pos] == (byte)'-';
        if (pos < text.Length && text[pos] is (byte)'-' or (byte)'+')
        {
            pos++;
        }

        var digits = pos;
        long magnitude = 0;
        while (pos < text.Length && (uint)(text[pos] - (byte)'0') <= 9)
        {
            magnitude = (magnitude * 10) + (text[pos] - (byte)'0');
            if (++pos - digits > 10)
            {
                value = 0;
                return false;
            }
        }

        var number = negative ? -magnitude : magnitude;
        value = (int)number;
        return pos != digits && number >= VcfMissing.MinimumInteger && number <= int.MaxValue;
    }

    // The value of an END=<integer> entry of an INFO column, or null (lazy INFO and the region filter read the span from it).
    internal static long? FindEnd(ReadOnlySpan<byte> info)
    {
        while (!info.IsEmpty)
        {
            var semicolon = info.IndexOf((byte)';');
            var entry = semicolon < 0 ? info : info[..semicolon];
            if (entry.StartsWith("END="u8) && Utf8Parser.TryParse(entry[4..], out long value, out var used) && used == entry.Length - 4)
            {
                return value;
            }

            info = semicolon < 0 ? default : info[(semicolon + 1)..];
        }

        return null;
    }

    // VCF 4.4 §1.2: a character with special meaning (':', ';', '=', '%', ',', CR, LF, TAB) is written percent-encoded,
    // so a Character value may be '%3B'. It is kept as written, as String values are (and as bcftools prints it).
    private static bool IsPercentEncodedCharacter(ReadOnlySpan<byte> element)
    {
        // One character is at most 4 UTF-8 bytes, 12 escaped: a longer value is refused before anything is decoded (a
        // stack buffer sized by the input overflowed a decoder thread's stack on a 30 MB value).
        if (element.Length == 0 || element.Length % 3 != 0 || element.Length > 12)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[4];
        decoded = decoded[..(element.Length / 3)];
        for (var i = 0; i < decoded.Length; i++)
        {
            var escape = element.Slice(3 * i, 3);
            if (escape[0] != (byte)'%' || !byte.TryParse(escape[1..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out decoded[i]))
            {
                return false;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(decoded) && Encoding.UTF8.GetCharCount(decoded) == 1;
    }

    private int ParseInteger(ReadOnlySpan<byte> element, int offset, string prefix, VcfFieldDefinition definition)
    {
        // Utf8Parser takes exactly the VCF 4.4 §1.3 pattern ^[-+]?[0-9]+$ (no blanks).
        if (!Utf8Parser.TryParse(element, out long v, out var consumed) || consumed != element.Length || element.IsEmpty)
        {
            throw Error(offset, prefix + definition.Id, $"an Integer, found '{Show(element)}'");
        }

        if (v < VcfMissing.MinimumInteger || v > int.MaxValue)
        {
            throw Error(offset, prefix + definition.Id, $"an Integer from {VcfMissing.MinimumInteger} to {int.MaxValue}, found '{Show(element)}' (overflow)");
        }

        return (int)v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendInteger(VcfRecord record, int value)
    {
        if (record.IntegerCount == record.IntegerPool.Length)
        {
            GrowIntegers(record);
        }

        record.IntegerPool[record.IntegerCount++] = value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GrowIntegers(VcfRecord record) => Array.Resize(ref record.IntegerPool, record.IntegerPool.Length * 2);

    private static void AppendFloat(VcfRecord record, double value)
    {
        if (record.FloatCount == record.FloatPool.Length)
        {
            Array.Resize(ref record.FloatPool, record.FloatPool.Length * 2);
        }

        record.FloatPool[record.FloatCount++] = value;
    }

    private static void AppendText(VcfRecord record, ByteRange value)
    {
        if (record.TextCount == record.TextPool.Length)
        {
            Array.Resize(ref record.TextPool, record.TextPool.Length * 2);
        }

        record.TextPool[record.TextCount++] = value;
    }

    /// <summary>10^0 to 10^15, every one exactly representable as a double (the BCF float renderer uses them too).</summary>
    internal static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    // The shape nearly every QUAL and allele fraction has, [-]digits[.digits] with at most 15 digits in all, without
    // the general parser: the digits as an integer below 2^53 divided by an exact power of ten is the correctly
    // rounded double (Clinger's fast path), so the result is bit for bit the general parser's. Anything else: false.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> value, out double result)
    {
        if (ShortDecimalEnd(value, 0, out result) == value.Length)
        {
            return true;
        }

        result = 0;
        return false;
    }

    // The short decimal at text[start..], read up to the first byte that is neither one of its digits nor its point:
    // where it ends, with its value, or -1 when what stands there is not one (TryParseShortDecimal's rules). A sample's
    // Float is read by it where it stands, its end found in the same pass (FloatElementLength).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ShortDecimalEnd(ReadOnlySpan<byte> text, int start, out double result)
    {
        // Seven bytes or fewer of digits and point, then a byte that ends them (QUAL 127.5, AF 0.315, both nearly always),
        // are read from one word without a branch per byte; a digit loop mispredicts where the point and the end fall.
        if (TryReadWord(text, start, out var word))
        {
            var end = ShortDecimalInWord(word, out result);
            if (end > 0)
            {
                return start + end;
            }
        }

        return ShortDecimalEndByBytes(text, start, out result);
    }

    /// <summary>
    /// The short decimal (digits, or digits, a point and digits; no sign) that the word's first bytes hold and a byte
    /// that is neither a digit nor its point ends within the word, with its length, or 0 when the word does not hold one
    /// ending there (for <see cref="ShortDecimalEndByBytes"/> to read): a value of 1 to 7 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ShortDecimalInWord(ulong word, out double result)
    {
        // Per byte: a digit becomes its value, and its flag (the high bit) stays clear; no carry or borrow crosses bytes,
        // so what follows a point is judged as it stands.
        var values = word ^ 0x3030303030303030UL;
        var notDigits = (((values & 0x7F7F7F7F7F7F7F7FUL) + 0x7676767676767676UL) | values) & 0x8080808080808080UL;
        var whole = BitOperations.TrailingZeroCount(notDigits) >> 3;
        result = 0;
        if (whole is 0 or 8)
        {
            return 0;
        }

        var end = whole;
        var fractionDigits = 0;
        if ((byte)(word >> (whole * 8)) == (byte)'.')
        {
            end = BitOperations.TrailingZeroCount(notDigits & ~(0x80UL << (whole * 8))) >> 3;
            fractionDigits = end - whole - 1;
            if (fractionDigits == 0 || end == 8)
            {
                return 0;
            }

            // The point squeezed out: the fraction's digits move down one byte, next to the whole part's.
            var below = (1UL << (whole * 8)) - 1;
            values = (values & below) | ((values >> 8) & ~below);
        }

        result = CombineDigits(values, whole + fractionDigits) / PowersOfTen[fractionDigits];
        return end;
    }

    // The 8 bytes of text from pos, zeros standing for those past its end (a zero byte is neither a digit nor a point,
    // so it ends a number as the end of the text does); false when the text is shorter than 8 bytes or pos is at its end.
    // The last bytes of a line (the last sample's last value) are read from the word that ends with them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryReadWord(ReadOnlySpan<byte> text, int pos, out ulong word)
    {
        ref var bytes = ref MemoryMarshal.GetReference(text);
        if ((uint)pos + (ulong)sizeof(ulong) <= (uint)text.Length)
        {
            word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, pos));
            return true;
        }

        if (text.Length >= sizeof(ulong) && (uint)pos < (uint)text.Length)
        {
            word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, text.Length - sizeof(ulong))) >> ((pos + sizeof(ulong) - text.Length) * 8);
            return true;
        }

        word = 0;
        return false;
    }

    // ShortDecimalEnd a byte at a time: signs, values of 8 bytes or more, texts shorter than a word.
    internal static int ShortDecimalEndByBytes(ReadOnlySpan<byte> text, int start, out double result)
    {
        var i = start;
        var negative = i < text.Length && text[i] == (byte)'-';
        i += negative ? 1 : 0;
        long digits = 0;
        var count = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var d = (uint)(c - (byte)'0');
            if (d <= 9)
            {
                digits = (digits * 10) + d;
                count++;
            }
            else if (c == (byte)'.' && fraction < 0 && count > 0)
            {
                fraction = count;
            }
            else
            {
                break;
            }
        }

        // At least one digit on each side of a point; "-0" keeps its sign only through the general parser.
        if (count == 0 || count > 15 || fraction == count || (negative && digits == 0))
        {
            result = 0;
            return -1;
        }

        var quotient = digits / PowersOfTen[fraction < 0 ? 0 : count - fraction];
        result = negative ? -quotient : quotient;
        return i;
    }

    // The short decimals nearly every Float is (AF=0.315, QUAL 127.5) inline in the caller; the rest out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseFloat(ReadOnlySpan<byte> value, out double result) =>
        TryParseShortDecimal(value, out result) || TryParseFloatGeneral(value, out result);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseFloatGeneral(ReadOnlySpan<byte> value, out double result)
    {
        if (value.IsEmpty)
        {
            result = 0;
            return false;
        }

        // Utf8Parser takes exactly the VCF 4.4 §1.3 pattern ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$: no
        // blanks, no hexadecimal, nothing after the number. (TryParseFloat tried the short decimals already.)
        if (Utf8Parser.TryParse(value, out result, out var consumed) && consumed == value.Length)
        {
            return true;
        }

        return TryParseSpecialFloat(value, out result);
    }

    // VCF 4.4 §1.3: the special values are ^[-+]?(INF|INFINITY|NAN)$, in any case.
    private static bool TryParseSpecialFloat(ReadOnlySpan<byte> value, out double result)
    {
        var negative = value[0] == (byte)'-';
        var word = value[0] is (byte)'-' or (byte)'+' ? value[1..] : value;
        result = Ascii.EqualsIgnoreCase(word, "inf"u8) || Ascii.EqualsIgnoreCase(word, "infinity"u8) ? (negative ? double.NegativeInfinity : double.PositiveInfinity)
            : Ascii.EqualsIgnoreCase(word, "nan"u8) ? double.NaN
            : 0;
        return result != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBase(byte b) => (b | 0x20) switch
    {
        (byte)'a' or (byte)'c' or (byte)'g' or (byte)'t' or (byte)'n' => true,
        // IUPAC ambiguity codes occur in reference genomes (GRCh38 has some), so they are accepted in REF and ALT.
        (byte)'r' or (byte)'y' or (byte)'s' or (byte)'w' or (byte)'k' or (byte)'m' or (byte)'b' or (byte)'d' or (byte)'h' or (byte)'v' => true,
        _ => false,
    };

    private void WarnOnce(string key, string message)
    {
        if (_warning is null || !_warned.Add(key))
        {
            return;
        }

        message = $"{_source}: line {_lineNumber}: {message}";
        if (_defersWarnings)
        {
            // Another decoder may meet the same key in an earlier record; VcfReader.HandOver reports the first.
            _record!.AddWarning(key, message);
        }
        else
        {
            _warning(message);
        }
    }

    private InputFormatException Error(int offsetInLine, string? column, string expected) =>
        new(_source, _lineNumber, _recordOffsetOnly ? _lineOffset : _lineOffset + offsetInLine, column, expected);

    private static string Show(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value.Length > 60 ? value[..57] : value);
        return value.Length > 60 ? text + "..." : text;
    }
}
