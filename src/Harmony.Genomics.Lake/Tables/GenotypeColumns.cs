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
    private StringArray? _gtDictionary;
    private readonly List<int> _rowSamples = [];
    private int[] _rowScratch = [];
    private byte[] _phasedScratch = [];

    // As a fragment: this instance's genotype codes mapped to those of the builder it appends to (-1: not yet).
    private int[] _codeMap = [];

    public GenotypeColumns(IReadOnlyList<string> storedSampleNames)
    {
        _sampleNames = ManagedBuffers.Strings(storedSampleNames);
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
        // one low): one load and one bounds check each. Copied as they are; the missing ones are made 0 after.
        var phasing = MemoryMarshal.Cast<bool, ushort>(record.GenotypePhased.AsSpan(0, 2 * n));
        var firstAllele = _alleles.Count;
        var values = _alleles.Extend(2 * rows);
        var pairsOut = MemoryMarshal.Cast<int, long>(values);
        var codes = _gtCodes.Extend(rows);
        var phased = PhasedScratch(rows);
        for (var i = 0; i < selected.Length; i++)
        {
            var s = selected[i];
            var pair = pairs[s];
            var flags = phasing[s];
            pairsOut[i] = pair;
            phased[i] = (byte)(flags >> 8);
            codes[i] = DiploidCode((int)pair, (int)(pair >> 32), flags, record, s);
        }

        FinishDiploidRows(values, phased, firstAllele);
    }

    // The code of a diploid call: the table's for alleles below 15 (nearly every call), else the last call's, else the
    // dictionary's (a new one for a genotype not seen before). The table comes first, as one load: the calls of a cohort
    // alternate 0|1, 1|0 and 1|1 at random, so comparing with the last call's key was a branch mispredicted about half
    // the time (workload a, issue #3). flags: the call's phasing as DiploidSlot reads it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DiploidCode(int a, int b, int flags, VcfRecord record, int sample)
    {
        var slot = DiploidSlot(a, b, flags);
        if (slot >= 0)
        {
            var known = _diploidCodes[slot] - 1;
            if (known >= 0)
            {
                return known;
            }

            var code = KeyedCode(DiploidKey(a, b, flags), record, sample);
            _diploidCodes[slot] = code + 1;
            return code;
        }

        // Alleles of 255 or more do not fit the key: those calls always take the slow path and are never remembered.
        if (a >= 255 || b >= 255)
        {
            return NewCode(0, record, sample);
        }

        // Consecutive calls with a large allele mostly share a genotype: the last one answers before the dictionary.
        var key = DiploidKey(a, b, flags);
        if (key != _lastKey)
        {
            (_lastKey, _lastCode) = (key, KeyedCode(key, record, sample));
        }

        return _lastCode;
    }

    // A diploid call's phasing as two bytes, as a sample's two flags of VcfRecord.GenotypePhased read as one ushort:
    // the leading phase (a '|' before the first allele) in the low byte, the phase between the alleles in the high.
    private static int DiploidFlags(bool leadingPhase, bool phased) => (leadingPhase ? 1 : 0) | (phased ? 0x100 : 0);

    // The call's entry in the codes table, for alleles below 15 (-1 missing), else -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DiploidSlot(int a, int b, int flags) =>
        ((uint)(a + 1) | (uint)(b + 1)) < 16 ? (a + 1) | ((b + 1) << 4) | (flags & 0x100) | ((flags & 1) << 9) : -1;

    private static ulong DiploidKey(int a, int b, int flags) =>
        2UL | ((ulong)(a + 1) << 8) | ((ulong)(b + 1) << 16) | ((flags & 0x100) != 0 ? 1UL << 41 : 0) | ((flags & 1) != 0 ? 1UL << 40 : 0);

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
        var firstAllele = _alleles.Count;
        var values = _alleles.Extend(2 * rows);
        var codes = _gtCodes.Extend(rows);
        var phasedRows = PhasedScratch(rows);
        for (var i = 0; i < rows; i++)
        {
            var record = records[rowRecords[i]];
            var alleles = record.GetAlleles(0);
            var phasing = record.GetPhasing(0);
            var (a, b, phased) = (alleles[0], alleles[1], phasing[1]);
            ids[i] = variantIds[rowRecords[i]];
            (values[2 * i], values[(2 * i) + 1]) = (a, b);
            phasedRows[i] = phased ? (byte)1 : (byte)0;
            codes[i] = DiploidCode(a, b, DiploidFlags(phasing[0], phased), record, 0);
        }

        FinishDiploidRows(values, phasedRows, firstAllele);
        return rows;
    }

    private Span<byte> PhasedScratch(int rows)
    {
        if (_phasedScratch.Length < rows)
        {
            _phasedScratch = new byte[Math.Max(rows, 2 * _phasedScratch.Length)];
        }

        return _phasedScratch.AsSpan(0, rows);
    }

    // The rest of diploid rows whose alleles (-1 missing) and phase flags (0 or 1) are written: each row's list offset,
    // its alleles' validity (two bits a row, set unless missing) with the missing ones made 0, and its phase bit. Sixteen
    // rows at a time where vectors are accelerated: eight alleles' sign bits are their eight (inverted) validity bits in
    // row order, and sixteen flags compare to sixteen phase bits. Appending each row's bits on its own was a quarter of
    // AppendDiploid on workload a (issue #3).
    private void FinishDiploidRows(Span<int> alleles, ReadOnlySpan<byte> phased, int firstAllele)
    {
        var rows = phased.Length;
        var offsets = _alleleOffsets.Extend(rows);
        for (var i = 0; i < rows; i++)
        {
            offsets[i] = firstAllele + (2 * (i + 1));
        }

        var row = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var allele = ref MemoryMarshal.GetReference(alleles);
            ref var flag = ref MemoryMarshal.GetReference(phased);
            for (; row + 16 <= rows; row += 16)
            {
                ulong missing = 0;
                for (var k = 0; k < 4; k++)
                {
                    var at = (nuint)((2 * row) + (8 * k));
                    var values = Vector256.LoadUnsafe(ref allele, at);
                    missing |= (ulong)values.ExtractMostSignificantBits() << (8 * k);
                    Vector256.Max(values, Vector256<int>.Zero).StoreUnsafe(ref allele, at);
                }

                _alleleValid.AddBits(~missing & 0xFFFF_FFFFUL, 32);
                _phased.AddBits(~Vector128.Equals(Vector128.LoadUnsafe(ref flag, (nuint)row), Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFFUL, 16);
            }
        }

        for (; row < rows; row++)
        {
            var (a, b) = (alleles[2 * row], alleles[(2 * row) + 1]);
            (alleles[2 * row], alleles[(2 * row) + 1]) = (Math.Max(a, 0), Math.Max(b, 0));
            _alleleValid.AddBits((a >= 0 ? 1UL : 0) | (b >= 0 ? 2UL : 0), 2);
            _phased.AddBits(phased[row], 1);
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
            count = StorePositions(ref row, count, s, mask, positions);
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
            count = StorePositions(ref row, count, s, (int)(low | (high << 4)), positions);
        }

        return NonReferenceSamplesScalar(pairs, rows, s, count);
    }

    // Stores s plus the positions of the 8-bit mask's set bits at rows[count..] (eight values, whatever their number)
    // and returns the count past the set ones.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StorePositions(ref int row, int count, int s, int mask, ulong[] positions)
    {
        var places = Vector256.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(positions[mask]).AsByte()).ToVector256Unsafe());
        (places.AsInt32() + Vector256.Create(s)).StoreUnsafe(ref row, (nuint)count);
        return count + BitOperations.PopCount((uint)mask);
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
        // The texts only grow: batch after batch shares one dictionary until a new text comes (the Parquet encoder
        // then also keeps its map of the dictionary's entries).
        if (_gtDictionary is null || _gtDictionary.Length != _gtTexts.Count)
        {
            _gtDictionary = ManagedBuffers.Strings(_gtTexts);
        }

        var gtDictionary = _gtDictionary;
        var nulls = _listValid.FalseCount;
        var phasedValidity = _listValid.Build(elideWhenAllSet: true, owners);
        var alleleCount = _alleles.Count;
        var alleleNulls = _alleleValid.FalseCount;
        var alleleValues = new Int32Array(_alleles.Build(owners), _alleleValid.Build(elideWhenAllSet: true, owners), alleleCount, alleleNulls, 0);
        var offsets = _alleleOffsets.Build(owners);
        _alleleOffsets.Add(0);
        var arrays = new IArrowArray[]
        {
            new Int64Array(_variantIds.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            new DictionaryArray(StringDictionary, new Int32Array(_samples.Build(owners), ArrowBuffer.Empty, rows, 0, 0), _sampleNames),
            new Int32Array(_sampleIndexes.Build(owners), ArrowBuffer.Empty, rows, 0, 0),
            new DictionaryArray(StringDictionary, new Int32Array(_gtCodes.Build(owners), ArrowBuffer.Empty, rows, 0, 0), gtDictionary),
            new ListArray(Int32List, rows, offsets, alleleValues, phasedValidity, nulls, 0),
            new BooleanArray(_phased.Build(elideWhenAllSet: false, owners), phasedValidity, rows, nulls, 0),
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
