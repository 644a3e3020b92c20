namespace Harmony.Genomics.Formats.Vcf;

/// <summary>How a <see cref="VcfReader"/> reads its input.</summary>
public sealed class VcfReaderOptions
{
    /// <summary>Workers for BGZF inflation; by default the CPUs this process may use.</summary>
    public int Threads { get; init; } = Core.ProcessorBudget.DefaultThreads();

    /// <summary>
    /// Strict mode: INFO and FORMAT keys undefined in the header are errors. Otherwise each is typed, with a warning,
    /// where first met: a FORMAT key as a String (as bcftools does), an INFO key as a String when it has a value and as
    /// a Flag when it has none (bcftools assumes a String for both); a later use of the other kind is an error naming
    /// the line and the remedy (declare the key).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Which parts of each record to decode (default: all). Leaving out INFO or the sample columns skips their cost,
    /// as htslib's lazy unpack does; the parts left out are not validated.
    /// </summary>
    public VcfUnpack Unpack { get; init; } = VcfUnpack.All;

    /// <summary>Whether a BGZF file without its EOF marker is an error (the default) rather than a warning.</summary>
    public bool RequireBgzfEofMarker { get; init; } = true;

    /// <summary>Receives warnings (undefined fields, duplicate definitions, a missing EOF marker in lenient mode).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>The longest line accepted, in bytes.</summary>
    public int MaxLineLength { get; init; } = 256 << 20;

    /// <summary>
    /// INFO fields to assume when the header lacks them (as undeclared), e.g. found by an earlier pass over the same
    /// file, so the first record already sees the complete set of fields.
    /// </summary>
    public IReadOnlyList<VcfFieldDefinition> AssumedInfoFields { get; init; } = [];

    /// <summary>
    /// Whether BCF records are decoded directly where the result is certain to equal decoding the text bcftools view
    /// prints for them (the default), or always rendered as that text and decoded as VCF (tests compare the two).
    /// </summary>
    internal bool DecodeBcfDirectly { get; init; } = true;

    /// <summary>
    /// Whether decoders read INFO columns by the keys of the last one decoded in full (the default), or every entry the
    /// general way (tests compare the two; see <see cref="VcfRecordDecoder.LearnedInfoKeys"/>).
    /// </summary>
    internal bool LearnedInfoKeys { get; init; } = true;

    /// <summary>FORMAT fields to assume when the header lacks them.</summary>
    public IReadOnlyList<VcfFieldDefinition> AssumedFormatFields { get; init; } = [];
}
