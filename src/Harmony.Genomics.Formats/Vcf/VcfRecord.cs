using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// One decoded VCF data line. The object is reused by <see cref="VcfReader.Read(VcfRecord)"/>: every value
/// is a range into <see cref="Line"/> or an entry in a typed pool, so decoding allocates nothing per record.
/// Its contents are valid until the next call to Read, and <see cref="Line"/> only while the reader's buffer
/// holds the line, unless <see cref="KeepsLine"/> is set.
/// </summary>
public sealed class VcfRecord
{
    internal readonly List<ByteRange> AltRanges = [];
    internal readonly List<ByteRange> FilterRanges = [];
    internal readonly ReusedList<(VcfFieldDefinition Field, FieldValues Values), InfoEntrySlot> InfoEntries = new();
    internal readonly ReusedList<VcfFieldDefinition, DefinitionSlot> FormatFields = new();

    // A read-only view of AltRanges, made once per record object (records are reused): callers cannot change it.
    private System.Collections.ObjectModel.ReadOnlyCollection<ByteRange>? _altView;
    // Pools start small and grow (doubling) to what the widest record decoded into this object needed: an ingest keeps
    // about 2,500 records in flight (RecordPipeline), all made at its start, and 2 KiB of pools each had been 1,000 of
    // workload c's 11,300 page faults, for records that use a dozen values (c: GT:AD:AF:DP of one sample).
    internal int[] IntegerPool = new int[32];
    internal double[] FloatPool = new double[8];
    internal ByteRange[] TextPool = new ByteRange[8];
    internal int IntegerCount;
    internal int FloatCount;
    internal int TextCount;
    internal FieldValues[] SampleValues = [];
    internal int[] SampleEnds = [];
    internal int[] GenotypeAlleles = [];
    internal bool[] GenotypePhased = [];
    internal int[] GenotypeStart = [];
    internal int[] GenotypeLength = [];
    internal int GenotypeAlleleCount;

    // When every sample has this many alleles, sample s starts at s * UniformPloidy and the start/length arrays are unused.
    internal int UniformPloidy;

    // The record's own copy of its line when KeepsLine is set; for a record decoded from BCF, the bytes its ranges point into.
    internal byte[] LineBuffer = [];

    // A BCF record as read (l_shared then l_indiv bytes) and not yet decoded: VcfReader.ReadLine fills these in place of
    // the line, and the decoder that takes the record decodes them (VcfRecordDecoder.Bcf.cs).
    internal byte[] BcfBytes = [];
    internal int BcfShared;
    internal int BcfIndiv;
    internal bool HoldsBcf;

    // Warnings met while decoding this record on a decoder worker, reported when the record is handed over in file
    // order (VcfReader.HandOver), so they come once each and in the order one thread would have raised them. The list
    // is made at the first warning and touched again only by a record that raised one: records are reset line after
    // line, and reaching a list that is never used cost a cache miss per record (issue #3: ~2% of workload c's CPU).
    private List<(string Key, string Message)>? _warnings;
    private bool _warned;

    /// <summary>Whether decoding this record raised a warning (see <see cref="Warnings"/>).</summary>
    internal bool HasWarnings => _warned;

    /// <summary>The warnings decoding this record raised, in order; empty unless <see cref="HasWarnings"/>.</summary>
    internal IReadOnlyList<(string Key, string Message)> Warnings => _warned ? _warnings! : [];

    internal void AddWarning(string key, string message)
    {
        (_warnings ??= []).Add((key, message));
        _warned = true;
    }

    /// <summary>
    /// Whether the reader copies the line into a buffer this record owns before decoding it, so that the record
    /// (every range included) stays valid after later reads and may be handed to another thread. Off by default:
    /// <see cref="Line"/> is then a slice of the reader's buffer.
    /// </summary>
    public bool KeepsLine { get; set; }

    /// <summary>
    /// How many INFO definitions the header had once this record was decoded (fields first met in this record or
    /// earlier ones included). A consumer that reads records decoded ahead of it on another thread uses this,
    /// not the growing header's count, to see the header as it was for this record.
    /// </summary>
    public int InfoFieldCount { get; internal set; }

    /// <summary>As <see cref="InfoFieldCount"/>, for the FORMAT definitions.</summary>
    public int FormatFieldCount { get; internal set; }

    internal (int Info, int Format) FieldCounts() => (InfoFieldCount, FormatFieldCount);

    /// <summary>
    /// The line's bytes, without the newline. For a record decoded directly from BCF it is not a VCF line but the bytes
    /// its ranges point into (the record's strings, run together); a BCF record that is rendered as text (see
    /// <see cref="VariantInput"/>), as a rejected one is, has its VCF line here.
    /// </summary>
    public ReadOnlyMemory<byte> Line
    {
        get => _line;
        internal set
        {
            _line = value;

            // The array behind the line, when there is one (always, for lines the reader hands out): Bytes is called for
            // every range the pivot reads, and a span of an array is cheaper to make than a span of a Memory.
            _lineArray = MemoryMarshal.TryGetArray(value, out var segment) ? segment.Array : null;
            _lineStart = segment.Offset;
        }
    }

    private ReadOnlyMemory<byte> _line;
    private byte[]? _lineArray;
    private int _lineStart;

    /// <summary>Sets <see cref="Line"/> to a slice of an array, without asking the memory for its array back.</summary>
    internal void SetLine(byte[] array, int start, int length)
    {
        _line = new ReadOnlyMemory<byte>(array, start, length);
        _lineArray = array;
        _lineStart = start;
    }

    /// <summary>The 1-based line number in the decompressed text.</summary>
    public long LineNumber { get; internal set; }

    /// <summary>The 0-based byte offset of the line in the decompressed text.</summary>
    public long ByteOffset { get; internal set; }

    /// <summary>The 0-based index of this record among the records of its source.</summary>
    public long RecordIndex { get; internal set; }

    /// <summary>CHROM as written.</summary>
    public ByteRange Chromosome { get; internal set; }

    /// <summary>POS (1-based; 0 for telomeric breakends).</summary>
    public long Position { get; internal set; }

    /// <summary>The last reference base covered: INFO/END when given, else POS + len(REF) - 1.</summary>
    public long EndPosition { get; internal set; }

    /// <summary>ID as written, missing when <c>.</c>.</summary>
    public ByteRange Id { get; internal set; }

    /// <summary>REF.</summary>
    public ByteRange Reference { get; internal set; }

    /// <summary>ALT alleles; empty when ALT is <c>.</c>.</summary>
    public IReadOnlyList<ByteRange> AlternateAlleles => _altView ??= AltRanges.AsReadOnly();

    /// <summary>QUAL, or null when <c>.</c>.</summary>
    public double? Quality { get; internal set; }

    /// <summary>Whether FILTER is <c>.</c> (not applied); otherwise see <see cref="Filters"/>.</summary>
    public bool FilterMissing { get; internal set; }

    /// <summary>FILTER entries (<c>PASS</c> or the failed filters).</summary>
    public IReadOnlyList<ByteRange> Filters => FilterRanges;

    /// <summary>The INFO fields present in the record, in record order, with their values.</summary>
    public IReadOnlyList<(VcfFieldDefinition Field, FieldValues Values)> Info => InfoEntries;

    /// <summary>The FORMAT keys of this record, in record order.</summary>
    public IReadOnlyList<VcfFieldDefinition> Format => FormatFields;

    /// <summary>The number of samples.</summary>
    public int SampleCount { get; internal set; }

    /// <summary>Whether this record's FORMAT carries GT.</summary>
    public bool HasGenotypes { get; internal set; }

    /// <summary>The integer pool (missing elements are <see cref="VcfMissing.Integer"/>).</summary>
    public ReadOnlySpan<int> Integers => IntegerPool.AsSpan(0, IntegerCount);

    /// <summary>The float pool (missing elements satisfy <see cref="VcfMissing.IsMissing(double)"/>).</summary>
    public ReadOnlySpan<double> Floats => FloatPool.AsSpan(0, FloatCount);

    /// <summary>The text pool for String and Character values.</summary>
    public ReadOnlySpan<ByteRange> Texts => TextPool.AsSpan(0, TextCount);

    /// <summary>The bytes of a range of the line.</summary>
    // Inlined: the pivot calls it for every text value (CHROM, REF, each ALT ...), 1.4% of workload c's CPU as a call.
    // A missing range (length -1) fails the bounds test and is answered by the slow path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Bytes(ByteRange range) =>
        _lineArray is { } array && (uint)range.Start + (ulong)(uint)range.Length <= (uint)_line.Length
            ? new ReadOnlySpan<byte>(array, _lineStart + range.Start, range.Length)
            : BytesOutsideArray(range);

    private ReadOnlySpan<byte> BytesOutsideArray(ByteRange range) => range.IsMissing ? default : _line.Span.Slice(range.Start, range.Length);

    /// <summary>A range of the line as a string, or null when missing.</summary>
    public string? GetString(ByteRange range) => range.IsMissing ? null : Encoding.UTF8.GetString(Line.Span.Slice(range.Start, range.Length));

    /// <summary>The values of FORMAT field number <paramref name="formatIndex"/> (in <see cref="Format"/>) for a sample.</summary>
    public FieldValues GetSampleValues(int sample, int formatIndex) =>
        HasGenotypes && formatIndex == 0 ? FieldValues.Missing : SampleValues[(sample * FormatFields.Count) + formatIndex];

    /// <summary>A sample's allele indexes (-1 for a missing allele); empty when the record has no GT.</summary>
    public ReadOnlySpan<int> GetAlleles(int sample) =>
        !HasGenotypes ? default
        : UniformPloidy > 0 ? GenotypeAlleles.AsSpan(sample * UniformPloidy, UniformPloidy)
        : GenotypeAlleles.AsSpan(GenotypeStart[sample], GenotypeLength[sample]);

    /// <summary>Per allele, whether it is joined to the previous one by <c>|</c> (the first entry is the VCF 4.4 leading phase, false when absent).</summary>
    public ReadOnlySpan<bool> GetPhasing(int sample) =>
        !HasGenotypes ? default
        : UniformPloidy > 0 ? GenotypePhased.AsSpan(sample * UniformPloidy, UniformPloidy)
        : GenotypePhased.AsSpan(GenotypeStart[sample], GenotypeLength[sample]);

    /// <summary>Whether a sample's genotype is homozygous reference (every allele 0, at least one allele).</summary>
    public bool IsHomozygousReference(int sample)
    {
        var alleles = GetAlleles(sample);
        if (alleles.IsEmpty)
        {
            return false;
        }

        foreach (var a in alleles)
        {
            if (a != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the genotype as <c>bcftools query -f '%GT'</c> prints it (e.g. <c>0/1</c>, <c>1|0</c>, <c>./.</c>, <c>.</c>).</summary>
    public string FormatGenotype(int sample)
    {
        var alleles = GetAlleles(sample);
        if (alleles.IsEmpty)
        {
            return ".";
        }

        var phased = GetPhasing(sample);
        var builder = new StringBuilder(alleles.Length * 2);
        for (var i = 0; i < alleles.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(phased[i] ? '|' : '/');
            }

            if (alleles[i] < 0)
            {
                builder.Append('.');
            }
            else
            {
                builder.Append(alleles[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Copies <paramref name="line"/> into the record's own buffer and makes it <see cref="Line"/>.</summary>
    internal void KeepLine(ReadOnlyMemory<byte> line)
    {
        if (LineBuffer.Length < line.Length)
        {
            LineBuffer = new byte[Math.Max(line.Length, LineBuffer.Length * 2)];
        }

        line.Span.CopyTo(LineBuffer);
        Line = LineBuffer.AsMemory(0, line.Length);
    }

    internal void Reset()
    {
        if (_warned)
        {
            _warnings!.Clear();
            _warned = false;
        }

        AltRanges.Clear();
        FilterRanges.Clear();
        InfoEntries.Clear();
        FormatFields.Clear();
        IntegerCount = 0;
        FloatCount = 0;
        TextCount = 0;
        GenotypeAlleleCount = 0;
        UniformPloidy = 0;
        HasGenotypes = false;
        Quality = null;
        FilterMissing = false;
    }
}
