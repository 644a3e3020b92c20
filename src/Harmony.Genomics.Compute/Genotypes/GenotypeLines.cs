namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// The input of the genotype-decoding kernel: a batch of VCF data lines already in memory, as one byte buffer
/// (<see cref="Text"/>) and, per record r, where its line starts and ends, where its sample columns start (the byte
/// after the tab that ends FORMAT), how many keys its FORMAT has, and the positions of GT, AD and DP among those keys
/// (-1 when absent). The caller has split the fixed columns and read FORMAT already; the kernel decodes only the
/// sample columns. Allele indexes are not checked against the ALT count and AD's length is not checked against
/// Number=R here: the caller knows ALT and checks both on the decoded columns.
/// </summary>
internal sealed class GenotypeLines
{
    /// <summary>Offsets of each per-record field in <see cref="Info"/> (record r's fields at r * <see cref="InfoStride"/>).</summary>
    public const int LineStartField = 0;
    public const int LineEndField = 1;
    public const int SamplesStartField = 2;
    public const int FormatKeysField = 3;
    public const int GtKeyField = 4;
    public const int AdKeyField = 5;
    public const int DpKeyField = 6;
    public const int InfoStride = 8;

    public GenotypeLines(byte[] text, int records, int samples)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        Text = text;
        Records = records;
        Samples = samples;
        Info = new int[checked(records * InfoStride)];
    }

    /// <summary>The bytes of every line (lines need not be adjacent; newlines are not read).</summary>
    public byte[] Text { get; }

    public int Records { get; }

    /// <summary>Sample columns every record must have (the header's sample count).</summary>
    public int Samples { get; }

    /// <summary>Per record, <see cref="InfoStride"/> ints: line start, line end (exclusive), samples start, FORMAT key count, GT, AD, DP key index (-1 absent).</summary>
    public int[] Info { get; }

    public int LineStart(int record) => Info[(record * InfoStride) + LineStartField];

    public int LineEnd(int record) => Info[(record * InfoStride) + LineEndField];

    public int SamplesStart(int record) => Info[(record * InfoStride) + SamplesStartField];

    public int FormatKeys(int record) => Info[(record * InfoStride) + FormatKeysField];

    public int GtKey(int record) => Info[(record * InfoStride) + GtKeyField];

    public int AdKey(int record) => Info[(record * InfoStride) + AdKeyField];

    public int DpKey(int record) => Info[(record * InfoStride) + DpKeyField];

    /// <summary>Sets one record's layout; lineStart ≤ samplesStart ≤ lineEnd, key indexes below formatKeys or -1, and distinct.</summary>
    public void SetRecord(int record, int lineStart, int lineEnd, int samplesStart, int formatKeys, int gtKey, int adKey, int dpKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(record);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(record, Records);
        if (lineStart < 0 || lineStart > samplesStart || samplesStart > lineEnd || lineEnd > Text.Length)
        {
            throw new ArgumentException($"record {record}: expected 0 <= line start ({lineStart}) <= samples start ({samplesStart}) <= line end ({lineEnd}) <= text length ({Text.Length})");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(formatKeys, 1);
        CheckKey(record, "GT", gtKey, formatKeys);
        CheckKey(record, "AD", adKey, formatKeys);
        CheckKey(record, "DP", dpKey, formatKeys);
        if ((gtKey >= 0 && (gtKey == adKey || gtKey == dpKey)) || (adKey >= 0 && adKey == dpKey))
        {
            throw new ArgumentException($"record {record}: GT, AD and DP must be different FORMAT keys");
        }

        var at = record * InfoStride;
        Info[at + LineStartField] = lineStart;
        Info[at + LineEndField] = lineEnd;
        Info[at + SamplesStartField] = samplesStart;
        Info[at + FormatKeysField] = formatKeys;
        Info[at + GtKeyField] = gtKey;
        Info[at + AdKeyField] = adKey;
        Info[at + DpKeyField] = dpKey;
    }

    private static void CheckKey(int record, string name, int key, int formatKeys)
    {
        if (key < -1 || key >= formatKeys)
        {
            throw new ArgumentException($"record {record}: the {name} key index must be -1 or below the FORMAT key count {formatKeys}, not {key}");
        }
    }
}
