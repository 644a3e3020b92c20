using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Harmony.Genomics.Formats;
using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// The fixed columns of the <c>calls</c> table, built straight into raw buffers: the hot half of the pivot, where
/// a cohort VCF yields millions of rows. <c>sample</c> and <c>gt</c> are dictionary-encoded (their values repeat),
/// which Parquet keeps as dictionary pages and every reader sees as plain strings.
/// </summary>
internal sealed class GenotypeColumns
{
    private static readonly DictionaryType StringDictionary = new(Int32Type.Default, StringType.Default, false);
    private static readonly ListType Int32List = new(new Field("element", Int32Type.Default, true));

    private readonly StringArray _sampleNames;
    private readonly ValueBuffer<long> _variantIds = new();
    private readonly ValueBuffer<int> _samples = new();
    private readonly ValueBuffer<int> _sampleIndexes = new();
    private readonly ValueBuffer<int> _gtCodes = new();
    private readonly ValueBuffer<int> _alleleOffsets = new();
    private readonly ValueBuffer<int> _alleles = new();
    private readonly ValidityBuffer _alleleValid = new();
    private readonly ValidityBuffer _listValid = new();
    private readonly ValidityBuffer _phased = new();
    private readonly ValueBuffer<int> _ploidy = new();
    private readonly Dictionary<ulong, int> _codeByKey = [];

    // Diploid calls of alleles below 15, by (a + 1) | (b + 1) << 4 | phased << 8 | leading phase << 9: code + 1, 0 unknown.
    private readonly int[] _diploidCodes = new int[1 << 10];
    private ulong _lastKey;
    private int _lastCode;
    private readonly Dictionary<string, int> _codeByText = new(StringComparer.Ordinal);
    private readonly List<string> _gtTexts = [];
    private readonly List<int> _rowSamples = [];
    private int[] _rowScratch = [];

    // As a fragment: this instance's genotype codes mapped to those of the builder it appends to (-1: not yet).
    private int[] _codeMap = [];

    public GenotypeColumns(IReadOnlyList<string> storedSampleNames)
    {
        var names = new StringArray.Builder();
        foreach (var name in storedSampleNames)
        {
            names.Append(name);
        }

        _sampleNames = names.Build();
        _alleleOffsets.Add(0);
    }

    public static IReadOnlyList<Field> Fields { get; } =
    [
        new Field("variant_id", Int64Type.Default, false),
        new Field("sample", StringDictionary, false),
        new Field("sample_index", Int32Type.Default, false),
        new Field("gt", StringDictionary, false),
        new Field("gt_alleles", Int32List, true),
        new Field("gt_phased", BooleanType.Default, true),
        new Field("ploidy", Int32Type.Default, true),
    ];

    public int Rows => _variantIds.Count;

    /// <summary>The elements of gt_alleles so far.</summary>
    public int AlleleCount => _alleles.Count;

    /// <summary>The samples of the rows the last <see cref="Append"/> added, in order (for the FORMAT columns).</summary>
    public List<int> LastRowSamples => _rowSamples;

    /// <summary>Adds one row per call that is not homozygous reference (every call with <paramref name="allCalls"/>).</summary>
    public void Append(VcfRecord record, long variantId, bool allCalls)
    {
        _rowSamples.Clear();
        if (!record.HasGenotypes)
        {
            // Without GT every call is missing: "." as bcftools prints it, no alleles.
            var code = Code(0, null);
            for (var s = 0; s < record.SampleCount; s++)
            {
                AddRow(variantId, s, code);
                _listValid.Add(false);
                _phased.Add(false);
                _ploidy.Add(0);
                _alleleOffsets.Add(_alleles.Count);
            }

            return;
        }

        if (record.UniformPloidy == 2)
        {
            AppendDiploid(record, variantId, allCalls);
            return;
        }

        for (var s = 0; s < record.SampleCount; s++)
        {
            var alleles = record.GetAlleles(s);
            if (!allCalls && IsHomozygousReference(alleles))
            {
                continue;
            }

            var phasing = record.GetPhasing(s);
            var key = Key(alleles, phasing);
            var code = key != 0 && _codeByKey.TryGetValue(key, out var known) ? known : NewCode(key, record, s);
            AddRow(variantId, s, code);
            foreach (var a in alleles)
            {
                _alleles.Add(a < 0 ? 0 : a);
                _alleleValid.Add(a >= 0);
            }

            _alleleOffsets.Add(_alleles.Count);
            _listValid.Add(true);

            // Phased when every separator is '|' (a haploid call only with a leading '|').
            var phased = alleles.Length == 1 ? phasing[0] : !phasing[1..].Contains(false);
            _phased.Add(phased);
            _ploidy.Add(alleles.Length);
        }
    }

    // Every sample diploid: the alleles are pairs in one array, and a pair read as one 64-bit value is zero exactly for
    // 0/0. The samples that get a row are found first, several pairs per vector compare (most of a cohort's matrix is
    // hom-ref), then every fixed-width column grows once for all of them instead of once per row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendDiploid(VcfRecord record, long variantId, bool allCalls)
    {
        var n = record.SampleCount;
        if (_rowScratch.Length < n)
        {
            _rowScratch = new int[Math.Max(n, _rowScratch.Length * 2)];
        }

        var pairs = MemoryMarshal.Cast<int, long>(record.GenotypeAlleles.AsSpan(0, 2 * n));
        var rows = allCalls ? AllSamples(_rowScratch.AsSpan(0, n)) : NonReferenceSamples(pairs, _rowScratch);
        var selected = _rowScratch.AsSpan(0, rows);
        Fill(_variantIds.Extend(rows), variantId);
        ShortSpans.CopyInts(selected, _samples.Extend(rows));
        ShortSpans.CopyInts(selected, _sampleIndexes.Extend(rows));
        if (rows <= 4)
        {
            // List.AddRange of a span is a call and a copy, more than a few Adds.
            foreach (var s in selected)
            {
                _rowSamples.Add(s);
            }
        }
        else
        {
            _rowSamples.AddRange(selected);
        }

        Fill(_ploidy.Extend(rows), 2);
        _listValid.AddTrue(rows);

        // A sample's alleles read as one long (a in the low half) and its two phasing flags as one ushort (the leading
        // one low): one load and one bounds check each.
        var phasing = MemoryMarshal.Cast<bool, ushort>(record.GenotypePhased.AsSpan(0, 2 * n));
        var written = new DiploidRows(this, rows);
        for (var i = 0; i < selected.Length; i++)
        {
            var s = selected[i];
            var pair = pairs[s];
            var flags = phasing[s];
            var (a, b) = ((int)pair, (int)(pair >> 32));
            var phased = flags >> 8 != 0;
            written.Write(i, a, b, phased, DiploidCode(a, b, phased, (flags & 0xFF) != 0, record, s));
        }

        written.Finish();
    }

    // The code of a diploid call: the table's for alleles below 15 (nearly every call), else the last call's, else the
    // dictionary's (a new one for a genotype not seen before). The table comes first, as one load: the calls of a cohort
    // alternate 0|1, 1|0 and 1|1 at random, so comparing with the last call's key was a branch mispredicted about half
    // the time (workload a, issue #3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DiploidCode(int a, int b, bool phased, bool leadingPhase, VcfRecord record, int sample)
    {
        if ((uint)(a + 1) < 16 && (uint)(b + 1) < 16)
        {
            var slot = (a + 1) | ((b + 1) << 4) | (phased ? 1 << 8 : 0) | (leadingPhase ? 1 << 9 : 0);
            var known = _diploidCodes[slot] - 1;
            if (known >= 0)
            {
                return known;
            }

            var code = KeyedCode(DiploidKey(a, b, phased, leadingPhase), record, sample);
            _diploidCodes[slot] = code + 1;
            return code;
        }

        // Alleles of 255 or more do not fit the key: those calls always take the slow path and are never remembered.
        if (a >= 255 || b >= 255)
        {
            return NewCode(0, record, sample);
        }

        // Consecutive calls with a large allele mostly share a genotype: the last one answers before the dictionary.
        var key = DiploidKey(a, b, phased, leadingPhase);
        if (key != _lastKey)
        {
            (_lastKey, _lastCode) = (key, KeyedCode(key, record, sample));
        }

        return _lastCode;
    }

    private static ulong DiploidKey(int a, int b, bool phased, bool leadingPhase) =>
        2UL | ((ulong)(a + 1) << 8) | ((ulong)(b + 1) << 16) | (phased ? 1UL << 41 : 0) | (leadingPhase ? 1UL << 40 : 0);

    private int KeyedCode(ulong key, VcfRecord record, int sample) =>
        _codeByKey.TryGetValue(key, out var known) ? known : NewCode(key, record, sample);

    /// <summary>
    /// Adds the rows of consecutive records of one diploid sample each (a somatic or single-sample file), every column
    /// grown once for all of them: the per-record path's fixed costs were larger than its one row (issue #3). The records
    /// that got a row (all, with <paramref name="allCalls"/>; else those not 0/0) are written to
    /// <paramref name="rowRecords"/>, whose length is the count returned.
    /// </summary>
    /// <param name="records">Records with <see cref="VcfRecord.SampleCount"/> 1 and a genotype of two alleles.</param>
    /// <param name="variantIds">Each record's variant ID.</param>
    /// <param name="allCalls">Whether 0/0 calls get a row too.</param>
    /// <param name="rowRecords">Receives the indexes (into <paramref name="records"/>) of the records given a row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AppendOneDiploidSample(ReadOnlySpan<VcfRecord> records, ReadOnlySpan<long> variantIds, bool allCalls, Span<int> rowRecords)
    {
        _rowSamples.Clear();
        var rows = 0;
        for (var r = 0; r < records.Length; r++)
        {
            var alleles = records[r].GetAlleles(0);
            if (allCalls || alleles[0] != 0 || alleles[1] != 0)
            {
                rowRecords[rows++] = r;
            }
        }

        var ids = _variantIds.Extend(rows);
        _samples.Extend(rows).Clear();
        _sampleIndexes.Extend(rows).Clear();
        Fill(_ploidy.Extend(rows), 2);
        _listValid.AddTrue(rows);
        var written = new DiploidRows(this, rows);
        for (var i = 0; i < rows; i++)
        {
            var record = records[rowRecords[i]];
            var alleles = record.GetAlleles(0);
            var phasing = record.GetPhasing(0);
            var (a, b, phased) = (alleles[0], alleles[1], phasing[1]);
            ids[i] = variantIds[rowRecords[i]];
            written.Write(i, a, b, phased, DiploidCode(a, b, phased, phasing[0], record, 0));
        }

        written.Finish();
        return rows;
    }

    // Diploid rows being written: their codes, alleles and offsets into spans reserved for all of them at once; the
    // alleles' validity (two bits a row) and the phase (one) gathered in words and appended 28 rows at a time (three
    // bitmap appends per row were a quarter of AppendDiploid on workload a: 119 instructions a row, callgrind).
    private ref struct DiploidRows
    {
        private const int RowsPerWord = 28;
        private readonly GenotypeColumns _columns;
        private readonly Span<int> _codes;
        private readonly Span<int> _values;
        private readonly Span<int> _offsets;
        private readonly int _firstAllele;
        private ulong _alleleBits;
        private ulong _phasedBits;
        private int _pending;

        public DiploidRows(GenotypeColumns columns, int rows)
        {
            _columns = columns;
            _codes = columns._gtCodes.Extend(rows);
            _firstAllele = columns._alleles.Count;
            _values = columns._alleles.Extend(2 * rows);
            _offsets = columns._alleleOffsets.Extend(rows);
        }

        /// <summary>Writes row <paramref name="i"/>: alleles a and b (-1 missing), whether phased, its genotype code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int i, int a, int b, bool phased, int code)
        {
            _codes[i] = code;
            _values[2 * i] = a < 0 ? 0 : a;
            _values[(2 * i) + 1] = b < 0 ? 0 : b;
            _offsets[i] = _firstAllele + (2 * (i + 1));
            _alleleBits |= ((a >= 0 ? 1UL : 0) | (b >= 0 ? 2UL : 0)) << (2 * _pending);
            _phasedBits |= (phased ? 1UL : 0) << _pending;
            if (++_pending == RowsPerWord)
            {
                _columns._alleleValid.AddBits(_alleleBits, 2 * RowsPerWord);
                _columns._phased.AddBits(_phasedBits, RowsPerWord);
                (_alleleBits, _phasedBits, _pending) = (0, 0, 0);
            }
        }

        /// <summary>Appends the bits of the rows since the last full word.</summary>
        public void Finish()
        {
            if (_pending > 0)
            {
                _columns._alleleValid.AddBits(_alleleBits, 2 * _pending);
                _columns._phased.AddBits(_phasedBits, _pending);
            }
        }
    }

    // Span.Fill is a call; a narrow file's record has a row or two.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill<T>(Span<T> span, T value)
    {
        if (span.Length > 4)
        {
            span.Fill(value);
            return;
        }

        for (var i = 0; i < span.Length; i++)
        {
            span[i] = value;
        }
    }

    private static int AllSamples(Span<int> rows)
    {
        for (var s = 0; s < rows.Length; s++)
        {
            rows[s] = s;
        }

        return rows.Length;
    }

    // Writes the indexes of the non-zero pairs (calls other than 0/0) to rows (as long as pairs) and returns how many
    // there are. A vector of pairs gives a mask of the non-zero ones; the mask's set-bit positions come from a table and
    // are stored whole, whatever their number, then the count moves on by the mask's population: no branch per
    // non-reference call, whose places in a cohort are random and mispredicted (workload a: ~170 in a record of 2,504).
    // The store may write past the count but never past the pairs read so far, so rows need no slack.
    internal static int NonReferenceSamples(ReadOnlySpan<long> pairs, int[] rows) =>
        Vector512.IsHardwareAccelerated ? NonReferenceSamplesVector512(pairs, rows)
        : Vector256.IsHardwareAccelerated ? NonReferenceSamplesVector256(pairs, rows)
        : NonReferenceSamplesScalar(pairs, rows, 0, 0);

    // Each path is internal so that tests run it whatever the CPU: the native build targets AVX2 (x86-64-v3) and takes
    // the 256-bit path even where the tests' JIT would take the 512-bit one.
    internal static int NonReferenceSamplesVector512(ReadOnlySpan<long> pairs, int[] rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, pairs.Length);
        var count = 0;
        var s = 0;
        ref var first = ref MemoryMarshal.GetReference(pairs);
        ref var row = ref MemoryMarshal.GetArrayDataReference(rows);
        var positions = SetBitPositions;
        for (; s + Vector512<long>.Count <= pairs.Length; s += Vector512<long>.Count)
        {
            var mask = (int)(~Vector512.Equals(Vector512.LoadUnsafe(ref first, (nuint)s), Vector512<long>.Zero).ExtractMostSignificantBits() & 0xFF);
            var places = Vector256.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(positions[mask]).AsByte()).ToVector256Unsafe());
            (places.AsInt32() + Vector256.Create(s)).StoreUnsafe(ref row, (nuint)count);
            count += BitOperations.PopCount((uint)mask);
        }

        return NonReferenceSamplesScalar(pairs, rows, s, count);
    }

    // Two vectors of four pairs make one 8-bit mask: one step of the count (popcnt, add: the loop's chain) per eight
    // pairs rather than four.
    internal static int NonReferenceSamplesVector256(ReadOnlySpan<long> pairs, int[] rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, pairs.Length);
        var count = 0;
        var s = 0;
        ref var first = ref MemoryMarshal.GetReference(pairs);
        ref var row = ref MemoryMarshal.GetArrayDataReference(rows);
        var positions = SetBitPositions;
        for (; s + (2 * Vector256<long>.Count) <= pairs.Length; s += 2 * Vector256<long>.Count)
        {
            var low = ~Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)s), Vector256<long>.Zero).ExtractMostSignificantBits() & 0xF;
            var high = ~Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)(s + Vector256<long>.Count)), Vector256<long>.Zero).ExtractMostSignificantBits() & 0xF;
            var mask = (int)(low | (high << 4));
            var places = Vector256.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(positions[mask]).AsByte()).ToVector256Unsafe());
            (places.AsInt32() + Vector256.Create(s)).StoreUnsafe(ref row, (nuint)count);
            count += BitOperations.PopCount((uint)mask);
        }

        return NonReferenceSamplesScalar(pairs, rows, s, count);
    }

    internal static int NonReferenceSamplesScalar(ReadOnlySpan<long> pairs, int[] rows, int from, int count)
    {
        for (var s = from; s < pairs.Length; s++)
        {
            if (pairs[s] != 0)
            {
                rows[count++] = s;
            }
        }

        return count;
    }

    // Per 8-bit mask, the positions of its set bits in order, a byte each from the lowest.
    private static readonly ulong[] SetBitPositions = PositionsOfSetBits();

    private static ulong[] PositionsOfSetBits()
    {
        var table = new ulong[256];
        for (var mask = 0; mask < 256; mask++)
        {
            var shift = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    table[mask] |= (ulong)bit << shift;
                    shift += 8;
                }
            }
        }

        return table;
    }

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="rows"/> of another instance
    /// (a decoder worker's fragment) in block copies. Its genotype codes are its own: each is mapped to this instance's
    /// code for the same text, new texts numbered in row order, as appending the calls one by one would have.
    /// </summary>
    public void AppendRange(GenotypeColumns source, int start, int rows)
    {
        if (rows == 0)
        {
            return;
        }

        _variantIds.Append(source._variantIds.Span.Slice(start, rows));
        _samples.Append(source._samples.Span.Slice(start, rows));
        _sampleIndexes.Append(source._sampleIndexes.Span.Slice(start, rows));
        _ploidy.Append(source._ploidy.Span.Slice(start, rows));
        _listValid.AppendRange(source._listValid, start, rows);
        _phased.AppendRange(source._phased, start, rows);

        // The map is kept from one range to the next: a fragment appends to the builder it was made for, and only to it.
        var map = source._codeMap;
        if (map.Length < source._gtTexts.Count)
        {
            var larger = new int[Math.Max(16, source._gtTexts.Count * 2)];
            larger.AsSpan().Fill(-1);
            map.CopyTo(larger, 0);
            map = source._codeMap = larger;
        }

        var codes = _gtCodes.Extend(rows);
        var from = source._gtCodes.Span.Slice(start, rows);
        for (var i = 0; i < from.Length; i++)
        {
            var code = map[from[i]];
            if (code < 0)
            {
                code = map[from[i]] = Code(0, source._gtTexts[from[i]]);
            }

            codes[i] = code;
        }

        var offsets = source._alleleOffsets.Span;
        var first = offsets[start];
        var end = offsets[start + rows];
        // Row ends: this instance's offsets start with the leading 0 already.
        _alleleOffsets.AppendShifted(offsets.Slice(start + 1, rows), _alleles.Count - first);
        _alleles.Append(source._alleles.Span[first..end]);
        _alleleValid.AppendRange(source._alleleValid, first, end - first);
    }

    /// <summary>Empties the columns, keeping their buffers and the genotype codes (a fragment reused chunk after chunk).</summary>
    public void Clear()
    {
        _variantIds.Clear();
        _samples.Clear();
        _sampleIndexes.Clear();
        _gtCodes.Clear();
        _alleleOffsets.Clear();
        _alleleOffsets.Add(0);
        _alleles.Clear();
        _alleleValid.Clear();
        _listValid.Clear();
        _phased.Clear();
        _ploidy.Clear();
        _rowSamples.Clear();
    }

    public IArrowArray[] Build(List<IDisposable> owners)
    {
        var rows = Rows;
        var gtDictionary = new StringArray.Builder().AppendRange(_gtTexts).Build();
        var nulls = _listValid.FalseCount;
        var phasedValidity = _listValid.Build(elideWhenAllSet: true);
        var alleleCount = _alleles.Count;
        var alleleNulls = _alleleValid.FalseCount;
        var alleleValues = new Int32Array(_alleles.Build(owners), _alleleValid.Build(elideWhenAllSet: true), alleleCount, alleleNulls, 0);
        var offsets = _alleleOffsets.Build(owners);
        _alleleOffsets.Add(0);
        var arrays = new IArrowArray[]
        {
            new Int64Array(_variantIds.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            new DictionaryArray(StringDictionary, new Int32Array(_samples.Build(owners), ArrowBuffer.Empty, rows, 0, 0), _sampleNames),
            new Int32Array(_sampleIndexes.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            new DictionaryArray(StringDictionary, new Int32Array(_gtCodes.Build(owners), ArrowBuffer.Empty, rows, 0, 0), gtDictionary),
            new ListArray(Int32List, rows, offsets, alleleValues, phasedValidity, nulls, 0),
            new BooleanArray(_phased.Build(elideWhenAllSet: false), phasedValidity, rows, nulls, 0),
            new Int32Array(_ploidy.Build(owners), phasedValidity, rows, nulls, 0),
        };
        return arrays;
    }

    private void AddRow(long variantId, int sample, int code)
    {
        _variantIds.Add(variantId);
        _samples.Add(sample);
        _sampleIndexes.Add(sample);
        _gtCodes.Add(code);
        _rowSamples.Add(sample);
    }

    private static bool IsHomozygousReference(ReadOnlySpan<int> alleles)
    {
        foreach (var a in alleles)
        {
            if (a != 0)
            {
                return false;
            }
        }

        return !alleles.IsEmpty;
    }

    // A genotype of up to 4 alleles below 255 packs into 64 bits: ploidy, then each allele + 1, then phase bits.
    private static ulong Key(ReadOnlySpan<int> alleles, ReadOnlySpan<bool> phasing)
    {
        if (alleles.Length is 0 or > 4)
        {
            return 0;
        }

        var key = (ulong)alleles.Length;
        for (var i = 0; i < alleles.Length; i++)
        {
            var a = alleles[i] + 1;
            if (a > 255)
            {
                return 0;
            }

            key |= (ulong)a << (8 + (8 * i));
            if (phasing[i])
            {
                key |= 1UL << (40 + i);
            }
        }

        return key;
    }

    private int NewCode(ulong key, VcfRecord record, int sample) => Code(key, record.FormatGenotype(sample));

    private int Code(ulong key, string? text)
    {
        text ??= ".";
        if (!_codeByText.TryGetValue(text, out var code))
        {
            code = _gtTexts.Count;
            _gtTexts.Add(text);
            _codeByText.Add(text, code);
        }

        if (key != 0)
        {
            _codeByKey[key] = code;
        }

        return code;
    }
}
