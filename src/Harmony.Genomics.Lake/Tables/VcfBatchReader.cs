using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Reads a VCF (plain, gzip, BGZF or BCF) as columnar Arrow batches: the same pivot the lake uses, for .NET programs
/// that want columns rather than records. Sample names are kept as they are in the file.
/// </summary>
/// <example>
/// <code>
/// using var reader = VcfBatchReader.Open("cohort.vcf.gz", new VcfReaderOptions(), batchSize: 10_000);
/// while (reader.TryReadBatch(out var batch))
/// {
///     using (batch)
///     {
///         Console.WriteLine($"{batch.Variants.Length} records, {batch.Calls.Length} calls");
///     }
/// }
/// </code>
/// </example>
public sealed class VcfBatchReader : IDisposable
{
    // The batches' schemas hold no metadata; one empty dictionary lets the builder reuse a schema from batch to batch.
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private readonly VcfReader _reader;
    private readonly VariantBatchBuilder _builder;
    private readonly int _batchSize;
    private readonly VcfRecord _record = new();
    private bool _ended;

    private VcfBatchReader(VcfReader reader, int batchSize, bool allCalls)
    {
        _reader = reader;
        _batchSize = batchSize;
        _builder = new VariantBatchBuilder(reader.Header, reader.SourceName, 0, reader.Header.SampleNames, allCalls, text => text);
    }

    /// <summary>The file's header.</summary>
    public VcfHeader Header => _reader.Header;

    /// <summary>Opens a file (<c>-</c> for standard input) and reads its header.</summary>
    /// <param name="path">The VCF or BCF file.</param>
    /// <param name="options">Reading options (threads, strictness, warnings).</param>
    /// <param name="batchSize">Records per batch.</param>
    /// <param name="allCalls">Whether homozygous-reference calls are kept too.</param>
    public static VcfBatchReader Open(string path, VcfReaderOptions options, int batchSize = 64 * 1024, bool allCalls = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Unpack != VcfUnpack.All)
        {
            // The batches hold every column of the lake's tables, the calls' FORMAT values included: a record decoded in
            // part would give wrong rows, not fewer columns.
            throw new ArgumentException($"VcfBatchReader needs every part of a record decoded (Unpack = All), not {options.Unpack}; read with VcfReader for less.", nameof(options));
        }

        return new VcfBatchReader(VcfReader.Open(path, options), batchSize, allCalls);
    }

    /// <summary>Reads up to the batch size of records; false at the end of the file.</summary>
    /// <exception cref="Core.InputFormatException">A malformed record.</exception>
    public bool TryReadBatch(out VcfBatch batch)
    {
        batch = null!;
        if (_ended)
        {
            return false;
        }

        var rows = 0;
        while (rows < _batchSize && _reader.Read(_record))
        {
            _builder.Append(_record);
            rows++;
        }

        if (rows < _batchSize)
        {
            _ended = true;
        }

        if (rows == 0)
        {
            return false;
        }

        var owners = new List<IDisposable>();
        batch = new VcfBatch(_builder.BuildVariants(NoMetadata, owners), _builder.BuildCalls(NoMetadata, owners), owners);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
