using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Harmony.Genomics.Formats.Bcf;

namespace Harmony.Genomics.Formats.Vcf;

// BCF records decoded straight into the record, without rendering them as VCF text first.
//
// The record must come out exactly as decoding the line `bcftools view` prints for it would make it (the lake from a
// BCF equals the lake from the same VCF). So the direct path takes only what it can decode to the same values; for
// anything else (a value the text decoder would reject or warn about, a string with a separator or a byte outside
// printable ASCII, a count that does not fit its Number, a type that does not fit the header) it gives up, and the
// record is rendered as text (BcfRecordRenderer) and decoded by the text path, which also reports any error.
// Floats go through the same %g text either way: rendered, then parsed.
internal sealed partial class VcfRecordDecoder
{
    // Error offsets of a BCF record are the record's offset in the decompressed BCF, whatever column the error is in.
    private bool _recordOffsetOnly;

    /// <summary>How many BCF records this decoder decoded directly (the others were rendered as text first).</summary>
    internal long BcfRecordsDecodedDirectly => _bcf?.RecordsDecodedDirectly ?? 0;

    /// <summary>
    /// The BCF side of one decoder: a type of its own, so that a VCF ingest's warm-up (HotPathWarmup) does not jit its
    /// loops; it reads the decoder's header and options and falls back on its text path.
    /// </summary>
    private sealed class BcfDecoding(VcfRecordDecoder owner, BcfHeaderDictionary bcfHeader, bool direct)
    {
        private const int BcfInt8 = BcfRecordRenderer.TypeInt8;
        private const int BcfChar = BcfRecordRenderer.TypeChar;
        private const int BcfFloat = BcfRecordRenderer.TypeFloat;

        private readonly VcfRecordDecoder _owner = owner;
        private readonly BcfHeaderDictionary _bcfHeader = bcfHeader;
        private readonly BcfRecordRenderer _bcfRenderer = new(bcfHeader, owner._source);
        private readonly bool _bcfDirect = direct;
        private readonly TextBuffer _bcfText = new();
        private BcfKey?[] _bcfKeys = [];
        private byte[]?[] _bcfContigs = [];
        private (VcfFieldDefinition Definition, int Start, int Count, int Type)[] _bcfFormat = new (VcfFieldDefinition, int, int, int)[8];

        // Rendered-and-parsed floats by bit pattern, direct-mapped: allele fractions and qualities repeat a great deal.
        private readonly uint[] _floatBits = new uint[4096];
        private readonly double[] _floatValues = new double[4096];

        // How much of the record's LineBuffer the direct path has filled with the bytes its ranges point into.
        private int _arenaLength;

        /// <summary>How many BCF records this decoder decoded directly (the others were rendered as text first).</summary>
        public long RecordsDecodedDirectly { get; private set; }

        /// <summary>What a string-dictionary index stands for, resolved once: its bytes and its FILTER, INFO and FORMAT meanings.</summary>
        private sealed record BcfKey(byte[] Name, bool Plain, bool IsFilter, VcfFieldDefinition? Info, VcfFieldDefinition? Format)
        {
            // What the text path would read back from the name where it stands, worked out once per key rather than
            // searched per record: a FILTER name without ';' that is not '.', an INFO key without '=' or ';', a FORMAT
            // key without ':'.
            public bool FilterReadsBack { get; } = Name.AsSpan().IndexOf((byte)';') < 0 && Name is not [(byte)'.'];

            public bool InfoReadsBack { get; } = Name.AsSpan().IndexOfAny((byte)'=', (byte)';') < 0;

            public bool FormatReadsBack { get; } = Name.AsSpan().IndexOf((byte)':') < 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Decode(VcfRecord record)
        {
            var shared = record.BcfBytes.AsSpan(0, record.BcfShared);
            var indiv = record.BcfBytes.AsSpan(record.BcfShared, record.BcfIndiv);
            bool decoded;
            try
            {
                decoded = _bcfDirect && _owner._unpack == VcfUnpack.All && TryDecodeBcf(record, shared, indiv);
            }
            catch (IndexOutOfRangeException)
            {
                // Values that run past the record's lengths: the renderer names the damage.
                decoded = false;
            }
            catch (ArgumentOutOfRangeException)
            {
                decoded = false;
            }

            if (decoded)
            {
                record.Line = record.LineBuffer.AsMemory(0, _arenaLength);
                RecordsDecodedDirectly++;
                return;
            }

            record.Reset();
            record.Line = default;
            _bcfText.Clear();
            _bcfRenderer.Render(shared, indiv, record.RecordIndex, record.ByteOffset, _bcfText);
            record.KeepLine(_bcfText.Array.AsMemory(0, _bcfText.Length - 1));
            _owner.DecodeColumns(record, record.Line.Span);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryDecodeBcf(VcfRecord record, ReadOnlySpan<byte> shared, ReadOnlySpan<byte> indiv)
        {
            if (shared.Length < 24)
            {
                return false;
            }

            var (chrom, pos, qualBits, nInfo, nAllele, nSample, nFmt) = BcfRecordRenderer.ReadFixedFields(shared);
            var sampleCount = _owner._sampleCount;

            // The text path rejects these (a negative position, no REF, a sample count unlike the header's), or the line
            // would lack the FORMAT column the header promises.
            if (pos < -1 || nAllele == 0 || nSample != sampleCount || (nSample == 0 && _owner._expectedColumns != 8))
            {
                return false;
            }

            _arenaLength = 0;
            record.SampleCount = sampleCount;
            if (ContigName(chrom) is not { } contig)
            {
                return false;
            }

            record.Chromosome = Store(record, contig);
            record.Position = pos + 1L;

            var p = 24;
            if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var idCount, out var idType))
            {
                return false;
            }

            if (idCount == 0)
            {
                record.Id = ByteRange.Missing;
            }
            else
            {
                var id = Chars(shared.Slice(p, idCount), out var missing);
                if (idType != BcfChar || missing || id.IsEmpty || !IsPlain(id))
                {
                    return false;
                }

                record.Id = id is [(byte)'.'] ? ByteRange.Missing : Store(record, id);
            }

            p += idCount * BcfRecordRenderer.Size(idType);

            for (var a = 0; a < nAllele; a++)
            {
                if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var count, out var type) || type != BcfChar)
                {
                    return false;
                }

                var allele = Chars(shared.Slice(p, count), out var missing);
                p += count;
                if (missing || allele.IsEmpty || !IsPlain(allele))
                {
                    return false;
                }

                if (a == 0)
                {
                    foreach (var b in allele)
                    {
                        if (!IsBase(b))
                        {
                            return false;
                        }
                    }

                    record.Reference = Store(record, allele);
                }
                else
                {
                    // A lone '.' ALT reads as no ALT in text; a comma would split the allele in two.
                    if ((nAllele == 2 && allele is [(byte)'.']) || allele.IndexOf((byte)',') >= 0 || AlternateProblem(allele) is not null)
                    {
                        return false;
                    }

                    record.AltRanges.Add(Store(record, allele));
                }
            }

            if (qualBits != BcfRecordRenderer.FloatMissing)
            {
                if (!TryBcfFloat(qualBits, out var quality))
                {
                    return false;
                }

                record.Quality = quality;
            }

            if (!BcfRecordRenderer.TryDescriptor(shared, ref p, out var nFilter, out var filterType) || (nFilter > 0 && !IsIntegerType(filterType)))
            {
                return false;
            }

            record.FilterMissing = nFilter == 0;
            for (var f = 0; f < nFilter; f++)
            {
                var key = Key((int)BcfRecordRenderer.ReadInt(shared, ref p, filterType));
                if (key is not { IsFilter: true, Plain: true, FilterReadsBack: true })
                {
                    return false;
                }

                record.FilterRanges.Add(Store(record, key.Name));
            }

            record.EndPosition = record.Position + Math.Max(record.Reference.Length, 1) - 1;
            var alts = record.AltRanges.Count;
            for (var i = 0; i < nInfo; i++)
            {
                if (!BcfRecordRenderer.TryTypedInt(shared, ref p, out var keyIndex) || Key(keyIndex) is not { Plain: true, InfoReadsBack: true, Info: { } definition }
                    || !BcfRecordRenderer.TryDescriptor(shared, ref p, out var count, out var type))
                {
                    return false;
                }

                // By index, not a List enumerator (a call per entry in this precompiled code).
                foreach (var (existing, _) in record.InfoEntries.AsSpan())
                {
                    if (ReferenceEquals(existing, definition))
                    {
                        return false;
                    }
                }

                var values = shared.Slice(p, count * BcfRecordRenderer.Size(type));
                p += values.Length;
                FieldValues decoded;
                if (count == 0 || definition.Type == VcfValueType.Flag)
                {
                    // A Flag is its key alone; a key alone is a Flag.
                    if (count != 0 || definition.Type != VcfValueType.Flag)
                    {
                        return false;
                    }

                    decoded = new FieldValues(0, 0);
                }
                else if (!TryBcfValues(record, values, count, type, definition, alts, 2, (byte)';', single: count == 1, out decoded))
                {
                    return false;
                }

                _owner.AddInfoEntry(record, definition, decoded);
            }

            return nSample == 0 || TryDecodeBcfSamples(record, indiv, nFmt, nSample, alts);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryDecodeBcfSamples(VcfRecord record, ReadOnlySpan<byte> indiv, int nFmt, int nSample, int alts)
        {
            if (_bcfFormat.Length < nFmt)
            {
                _bcfFormat = new (VcfFieldDefinition, int, int, int)[Math.Max(nFmt, _bcfFormat.Length * 2)];
            }

            var p = 0;
            for (var f = 0; f < nFmt; f++)
            {
                if (!BcfRecordRenderer.TryTypedInt(indiv, ref p, out var keyIndex) || Key(keyIndex) is not { Plain: true, FormatReadsBack: true, Format: { } definition }
                    || !BcfRecordRenderer.TryDescriptor(indiv, ref p, out var count, out var type))
                {
                    return false;
                }

                // By reference: a definition is a record, whose equality compares every member.
                foreach (var existing in record.FormatFields.AsSpan())
                {
                    if (ReferenceEquals(existing, definition))
                    {
                        return false;
                    }
                }

                record.FormatFields.Add(definition);
                _bcfFormat[f] = (definition, p, count, type);
                p += count * BcfRecordRenderer.Size(type) * nSample;
                if (p > indiv.Length)
                {
                    return false;
                }
            }

            // GT first when present (the text path rejects it elsewhere).
            for (var f = 1; f < nFmt; f++)
            {
                if (ReferenceEquals(record.FormatFields[f], _owner._gtDefinition))
                {
                    return false;
                }
            }

            record.HasGenotypes = nFmt > 0 && ReferenceEquals(record.FormatFields[0], _owner._gtDefinition) && _owner._gtDefinition is not null;
            var fields = nFmt;
            if (record.SampleValues.Length < nSample * fields)
            {
                record.SampleValues = new FieldValues[Math.Max(nSample * fields, record.SampleValues.Length * 2)];
            }

            var diploid = true;
            if (record.HasGenotypes)
            {
                var (_, start, count, type) = _bcfFormat[0];
                if (!IsIntegerType(type) && count > 0)
                {
                    return false;
                }

                if (record.GenotypeStart.Length < nSample)
                {
                    record.GenotypeStart = new int[nSample];
                    record.GenotypeLength = new int[nSample];
                }

                EnsureAlleleCapacity(record, nSample * 2);
                var size = count * BcfRecordRenderer.Size(type);
                if (type == BcfInt8 && count == 2 && TryBcfDiploidGenotypes(record, indiv.Slice(start, 2 * nSample), alts))
                {
                    record.UniformPloidy = 2;
                }
                else
                {
                    for (var s = 0; s < nSample; s++)
                    {
                        var n = TryBcfGenotype(record, s, indiv.Slice(start + (s * size), size), count, type, alts);
                        if (n < 0)
                        {
                            return false;
                        }

                        diploid &= n == 2;
                    }
                }
            }

            // Field by field, as BCF lays the values out (where each sample's values sit in the pools does not matter).
            for (var f = record.HasGenotypes ? 1 : 0; f < fields; f++)
            {
                var (definition, start, count, type) = _bcfFormat[f];
                var size = count * BcfRecordRenderer.Size(type);
                if (count == 0)
                {
                    // Printed as '.'.
                    for (var s = 0; s < nSample; s++)
                    {
                        record.SampleValues[(s * fields) + f] = FieldValues.Missing;
                    }

                    continue;
                }

                if (definition.Type == VcfValueType.Integer && IsIntegerType(type))
                {
                    if (!TryBcfIntegerSamples(record, indiv.Slice(start, size * nSample), nSample, fields, f, count, type, definition, alts))
                    {
                        return false;
                    }

                    continue;
                }

                for (var s = 0; s < nSample; s++)
                {
                    if (!TryBcfValues(record, indiv.Slice(start + (s * size), size), count, type, definition, alts, Ploidy(record, s), (byte)':', single: false, out var values))
                    {
                        return false;
                    }

                    record.SampleValues[(s * fields) + f] = values;
                }
            }

            if (record.HasGenotypes)
            {
                for (var s = 0; s < nSample; s++)
                {
                    record.SampleValues[s * fields] = FieldValues.Missing;
                }
            }

            if (record.HasGenotypes && diploid)
            {
                record.UniformPloidy = 2;
            }

            return true;
        }

        // The ploidy the text path counts a sample's FORMAT values with: its GT's allele count, or 0 without GT.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Ploidy(VcfRecord record, int sample) =>
            !record.HasGenotypes ? 0 : record.UniformPloidy == 2 ? 2 : record.GenotypeLength[sample];

        // An Integer FORMAT field stored as integers, every sample at once: TryBcfValues's rules in one tight loop per integer
        // width (the common AD, DP, GQ, PL of a cohort).
        private static bool TryBcfIntegerSamples(VcfRecord record, ReadOnlySpan<byte> column, int nSample, int fields, int f, int count, int type, VcfFieldDefinition definition, int alts)
        {
            if (record.IntegerPool.Length < record.IntegerCount + (nSample * count))
            {
                Array.Resize(ref record.IntegerPool, Math.Max(record.IntegerCount + (nSample * count), record.IntegerPool.Length * 2));
            }

            // BCF is little-endian, as is every platform .NET runs on in practice; anything else takes the general path.
            if (!BitConverter.IsLittleEndian)
            {
                return false;
            }

            var missing = (int)BcfRecordRenderer.MissingOf(type);
            var vectorEnd = (int)BcfRecordRenderer.VectorEndOf(type);
            return type switch
            {
                BcfInt8 => TryBcfIntegerSamples(record, MemoryMarshal.Cast<byte, sbyte>(column), nSample, fields, f, count, definition, alts, missing, vectorEnd),
                BcfRecordRenderer.TypeInt16 => TryBcfIntegerSamples(record, MemoryMarshal.Cast<byte, short>(column), nSample, fields, f, count, definition, alts, missing, vectorEnd),
                _ => TryBcfIntegerSamples(record, MemoryMarshal.Cast<byte, int>(column), nSample, fields, f, count, definition, alts, missing, vectorEnd),
            };
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool TryBcfIntegerSamples<T>(VcfRecord record, ReadOnlySpan<T> column, int nSample, int fields, int f, int count, VcfFieldDefinition definition, int alts, int missing, int vectorEnd)
            where T : unmanaged, System.Numerics.IBinaryInteger<T>
        {
            // Loop invariants kept in locals: the pool's fill level is written back once, at the end.
            var diploidExpected = definition.Number.ExpectedCount(alts, 2);
            var diploid = record.HasGenotypes && record.UniformPloidy == 2;
            var pool = record.IntegerPool;
            var sampleValues = record.SampleValues;
            var next = record.IntegerCount;
            for (var s = 0; s < nSample; s++)
            {
                var values = column.Slice(s * count, count);
                var start = next;
                var n = 0;
                var firstMissing = false;
                for (; n < values.Length; n++)
                {
                    var v = int.CreateTruncating(values[n]);
                    if (v == vectorEnd)
                    {
                        break;
                    }

                    if (v == missing)
                    {
                        firstMissing |= n == 0;
                        v = VcfMissing.Integer;
                    }
                    else if (v < VcfMissing.MinimumInteger)
                    {
                        // Reserved values print as numbers the text path refuses.
                        return false;
                    }

                    pool[start + n] = v;
                }

                if (n == 0)
                {
                    // Printed as an empty value, which the text path rejects.
                    return false;
                }

                if (n == 1 && firstMissing)
                {
                    sampleValues[(s * fields) + f] = FieldValues.Missing;
                    continue;
                }

                var expected = diploid ? diploidExpected : ExpectedValueCount(definition, alts, Ploidy(record, s), n);

                if (expected >= 0 && n != expected)
                {
                    return false;
                }

                next = start + n;
                sampleValues[(s * fields) + f] = new FieldValues(start, n);
            }

            record.IntegerCount = next;
            return true;
        }

        // A cohort's genotype matrix, GT as two int8 per sample with every allele from 0 to the ALT count or missing (no
        // end of vector): alleles (v >> 1) - 1 and the second allele's phase bit, 32 values per vector, laid out as the text
        // path lays out uniform diploid calls. False, with nothing decided, for any other matrix.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool TryBcfDiploidGenotypes(VcfRecord record, ReadOnlySpan<byte> values, int alts)
        {
            // (alts + 1) << 1 | 1 is the largest code of a valid allele; a negative int8 (missing, end of vector) is above it
            // as a byte.
            if (alts > 62 || values.IndexOfAnyInRange((byte)((((alts + 1) << 1) | 1) + 1), byte.MaxValue) >= 0)
            {
                return false;
            }

            var alleles = record.GenotypeAlleles.AsSpan(0, values.Length);
            var phased = MemoryMarshal.Cast<bool, byte>(record.GenotypePhased.AsSpan(0, values.Length));
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var secondAllele = Vector256.Create((ushort)0x0100).AsByte();
                for (; i + 32 <= values.Length; i += 32)
                {
                    var codes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i);
                    (codes & secondAllele & Vector256<byte>.One).StoreUnsafe(ref MemoryMarshal.GetReference(phased), (nuint)i);
                    var (low, high) = Vector256.Widen(Vector256.ShiftRightLogical(codes, 1));
                    var (a, b) = Vector256.Widen(low);
                    var (c, d) = Vector256.Widen(high);
                    ref var target = ref MemoryMarshal.GetReference(alleles);
                    (a.AsInt32() - Vector256<int>.One).StoreUnsafe(ref target, (nuint)i);
                    (b.AsInt32() - Vector256<int>.One).StoreUnsafe(ref target, (nuint)(i + 8));
                    (c.AsInt32() - Vector256<int>.One).StoreUnsafe(ref target, (nuint)(i + 16));
                    (d.AsInt32() - Vector256<int>.One).StoreUnsafe(ref target, (nuint)(i + 24));
                }
            }

            for (; i < values.Length; i++)
            {
                alleles[i] = (values[i] >> 1) - 1;
                phased[i] = (byte)(i & values[i] & 1);
            }

            record.GenotypeAlleleCount = values.Length;
            return true;
        }

        // A sample's GT as the text path stores the genotype htslib prints for it: alleles up to the end of the vector,
        // (v >> 1) - 1 each ('.' for 0), each after the first joined by '|' when its low bit is set. Returns the allele
        // count, or -1 where the printed genotype would be rejected (an allele index past the ALTs, a negative code).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int TryBcfGenotype(VcfRecord record, int sample, ReadOnlySpan<byte> values, int count, int type, int alts)
        {
            var at = record.GenotypeAlleleCount;
            record.GenotypeStart[sample] = at;
            var vectorEnd = BcfRecordRenderer.VectorEndOf(type);
            var n = 0;
            var p = 0;
            for (; n < count; n++)
            {
                var v = type == BcfInt8 ? (sbyte)values[p++] : BcfRecordRenderer.ReadInt(values, ref p, type);
                if (v == vectorEnd)
                {
                    break;
                }

                var code = v >> 1;
                if (code < 0 || code - 1 > alts)
                {
                    return -1;
                }

                if (at + n >= record.GenotypeAlleles.Length)
                {
                    EnsureAlleleCapacity(record, at + n + 1);
                }

                record.GenotypeAlleles[at + n] = (int)code - 1;
                record.GenotypePhased[at + n] = n > 0 && (v & 1) != 0;
            }

            if (n == 0)
            {
                // Printed as '.': one missing allele.
                EnsureAlleleCapacity(record, at + 1);
                record.GenotypeAlleles[at] = -1;
                record.GenotypePhased[at] = false;
                n = 1;
            }

            record.GenotypeLength[sample] = n;
            record.GenotypeAlleleCount = at + n;
            return n;
        }

        // The values of one INFO field, or of one FORMAT field for one sample, as the text path decodes what htslib prints
        // for them (bcf_fmt_array: ',' between values, '.' for missing, up to the end-of-vector sentinel; a single INFO
        // value printed without that check). False where the text path would decode them otherwise or reject them.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryBcfValues(VcfRecord record, ReadOnlySpan<byte> values, int count, int type, VcfFieldDefinition definition, int alts, int ploidy, byte separator, bool single, out FieldValues result)
        {
            result = FieldValues.Missing;
            if (type == BcfChar)
            {
                var missingString = false;
                var text = single ? values[..1] : Chars(values, out missingString);
                if (missingString || text.IsEmpty || !IsPlain(text) || text.IndexOf(separator) >= 0
                    || definition.Type is not (VcfValueType.String or VcfValueType.Character))
                {
                    return false;
                }

                return TryBcfText(record, text, definition, alts, ploidy, out result);
            }

            var wanted = definition.Type switch
            {
                VcfValueType.Integer => IsIntegerType(type),
                VcfValueType.Float => type == BcfFloat,
                _ => false,
            };
            if (!wanted)
            {
                return false;
            }

            // First pass: how many values before the end of the vector, and whether the only one is missing (printed '.').
            var n = 0;
            var p = 0;
            var firstMissing = false;
            for (; n < count; n++)
            {
                if (type == BcfFloat)
                {
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(values[p..]);
                    p += 4;
                    if (bits == BcfRecordRenderer.FloatVectorEnd && !single)
                    {
                        break;
                    }

                    firstMissing |= n == 0 && bits == BcfRecordRenderer.FloatMissing;
                }
                else
                {
                    var v = BcfRecordRenderer.ReadInt(values, ref p, type);
                    if (v == BcfRecordRenderer.VectorEndOf(type) && !single)
                    {
                        break;
                    }

                    firstMissing |= n == 0 && v == BcfRecordRenderer.MissingOf(type);
                }
            }

            if (n == 0)
            {
                // Printed as an empty value, which the text path rejects.
                return false;
            }

            if (n == 1 && firstMissing)
            {
                return true;
            }

            var expected = ExpectedValueCount(definition, alts, ploidy, n);
            if (expected >= 0 && n != expected)
            {
                return false;
            }

            p = 0;
            if (type == BcfFloat)
            {
                var start = record.FloatCount;
                for (var k = 0; k < n; k++)
                {
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(values[p..]);
                    p += 4;
                    var value = VcfMissing.Float;
                    if (bits != BcfRecordRenderer.FloatMissing && !TryBcfFloat(bits, out value))
                    {
                        return false;
                    }

                    AppendFloat(record, value);
                }

                result = new FieldValues(start, n);
            }
            else
            {
                var start = record.IntegerCount;
                var missing = BcfRecordRenderer.MissingOf(type);
                for (var k = 0; k < n; k++)
                {
                    var v = type == BcfInt8 ? (sbyte)values[p++] : BcfRecordRenderer.ReadInt(values, ref p, type);
                    if (v == missing)
                    {
                        AppendInteger(record, VcfMissing.Integer);
                    }
                    else if (v < VcfMissing.MinimumInteger)
                    {
                        // Reserved values print as numbers the text path refuses.
                        return false;
                    }
                    else
                    {
                        AppendInteger(record, (int)v);
                    }
                }

                result = new FieldValues(start, n);
            }

            return true;
        }

        // A String or Character value as the text path splits it: one value for a String of Number=1, else one per comma.
        private bool TryBcfText(VcfRecord record, ReadOnlySpan<byte> text, VcfFieldDefinition definition, int alts, int ploidy, out FieldValues result)
        {
            result = FieldValues.Missing;
            if (text is [(byte)'.'])
            {
                return true;
            }

            var start = record.TextCount;
            if (definition.Type == VcfValueType.String && definition.Number.IsScalar)
            {
                AppendText(record, Store(record, text));
                result = new FieldValues(start, 1);
                return true;
            }

            var count = text.Count((byte)',') + 1;
            var expected = ExpectedValueCount(definition, alts, ploidy, count);
            if (expected >= 0 && count != expected)
            {
                return false;
            }

            var stored = Store(record, text);
            var position = 0;
            for (var k = 0; k < count; k++)
            {
                var comma = text[position..].IndexOf((byte)',');
                var end = comma < 0 ? text.Length : position + comma;
                var element = text[position..end];
                if (definition.Type == VcfValueType.Character && !(element is [(byte)'.']) && element.Length != 1)
                {
                    return false;
                }

                AppendText(record, element is [(byte)'.'] ? ByteRange.Missing : new ByteRange(stored.Start + position, element.Length));
                position = end + 1;
            }

            result = new FieldValues(start, count);
            return true;
        }

        // A float as the text path would read it back from the %g text htslib prints for it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool TryBcfFloat(uint bits, out double value)
        {
            var slot = (int)((bits * 2654435761u) >> 20);
            if (_floatBits[slot] == bits && bits != 0)
            {
                value = _floatValues[slot];
                return true;
            }

            _bcfText.Clear();
            _bcfText.AppendFloat(BitConverter.UInt32BitsToSingle(bits));
            if (!TryParseFloat(_bcfText.Span, out value))
            {
                return false;
            }

            _floatBits[slot] = bits;
            _floatValues[slot] = value;
            return true;
        }

        // The characters of a typed string up to the first NUL (its padding); missing when it holds 0x07, which htslib
        // prints as '.', or nothing at all.
        private static ReadOnlySpan<byte> Chars(ReadOnlySpan<byte> bytes, out bool missing)
        {
            if (bytes.Length <= 16)
            {
                // An ID, an allele, a short string: one loop, where two vectorised searches were two calls.
                missing = false;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] == 0)
                    {
                        return bytes[..i];
                    }

                    missing |= bytes[i] == 0x07;
                }

                return bytes;
            }

            var nul = bytes.IndexOf((byte)0);
            var text = nul < 0 ? bytes : bytes[..nul];
            missing = text.IndexOf((byte)0x07) >= 0;
            return text;
        }

        // Printable ASCII without space: no byte that the text path would take as a separator of columns or lines, or
        // check as UTF-8. Anything else goes through the text path.
        private static bool IsPlain(ReadOnlySpan<byte> text)
        {
            if (text.Length > 16)
            {
                return text.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) < 0;
            }

            // An allele or an ID: a loop, not a call into the vectorised search.
            foreach (var b in text)
            {
                if ((uint)(b - 0x21) > 0x7E - 0x21)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIntegerType(int type) => type is BcfRecordRenderer.TypeInt8 or BcfRecordRenderer.TypeInt16 or BcfRecordRenderer.TypeInt32;

        // Copies bytes into the record's buffer, which becomes its Line: the ranges of a BCF record point there.
        private ByteRange Store(VcfRecord record, ReadOnlySpan<byte> bytes)
        {
            if (record.LineBuffer.Length < _arenaLength + bytes.Length)
            {
                Array.Resize(ref record.LineBuffer, Math.Max(_arenaLength + bytes.Length, Math.Max(256, record.LineBuffer.Length * 2)));
            }

            ShortSpans.CopyBytes(bytes, record.LineBuffer.AsSpan(_arenaLength));
            var range = new ByteRange(_arenaLength, bytes.Length);
            _arenaLength += bytes.Length;
            return range;
        }

        // A contig's name by index, resolved once; null when the header has none or it is not plain (the text path decides).
        // A name met before is read from the cache inline, as in Key.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte[]? ContigName(int index) =>
            (uint)index < (uint)_bcfContigs.Length && _bcfContigs[index] is { } known ? (ReferenceEquals(known, NoContig) ? null : known) : ResolveContigName(index);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte[]? ResolveContigName(int index) =>
            Resolved(ref _bcfContigs, index, NoContig, static (self, i) =>
                self._bcfHeader.ContigAt(i) is { } text && System.Text.Encoding.UTF8.GetBytes(text) is { Length: > 0 } bytes && IsPlain(bytes) ? bytes : null);

        // What a string-dictionary index stands for, resolved once; null when the header has no such index. A key met
        // before is read from the cache here, inline: through the generic Resolved it cost about 70 instructions, eight
        // times a record of a one-sample file.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private BcfKey? Key(int index) =>
            (uint)index < (uint)_bcfKeys.Length && _bcfKeys[index] is { } known ? (ReferenceEquals(known, NoKey) ? null : known) : ResolveKey(index);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private BcfKey? ResolveKey(int index) =>
            Resolved(ref _bcfKeys, index, NoKey, static (self, i) =>
            {
                if (self._bcfHeader.StringAt(i) is not { Length: > 0 } name)
                {
                    return null;
                }

                var bytes = System.Text.Encoding.UTF8.GetBytes(name);
                var header = self._owner._header;
                return new BcfKey(bytes, IsPlain(bytes), name == "PASS" || header.Filters.ContainsKey(name), header.Info.TryGet(bytes, out var info) ? info : null, header.Format.TryGet(bytes, out var format) ? format : null);
            });

        // An index's meaning from the cache, resolving and caching it on first use; an index the header does not define
        // is cached as `absent` and read as null. Indexes past a million are not cached: no header has that many.
        private T? Resolved<T>(ref T?[] cache, int index, T absent, Func<BcfDecoding, int, T?> resolve)
            where T : class
        {
            if ((uint)index < (uint)cache.Length && cache[index] is { } known)
            {
                return ReferenceEquals(known, absent) ? null : known;
            }

            if (index < 0 || index > (1 << 20))
            {
                return null;
            }

            var value = resolve(this, index) ?? absent;
            if (cache.Length <= index)
            {
                Array.Resize(ref cache, Math.Max(index + 1, cache.Length * 2));
            }

            cache[index] = value;
            return ReferenceEquals(value, absent) ? null : value;
        }

        // Indexes the header does not define.
        private static readonly byte[] NoContig = [];
        private static readonly BcfKey NoKey = new([], false, false, null, null);
    }
}
