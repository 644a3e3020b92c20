namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// A VCF header (VCF 4.4 §1.4–1.5): the meta-information lines, the typed INFO and FORMAT definitions,
/// FILTER, ALT and contig lines, and the sample names of the <c>#CHROM</c> line.
/// </summary>
public sealed class VcfHeader
{
    internal VcfHeader(string fileFormat, IReadOnlyList<VcfMetaLine> metaLines, IReadOnlyList<string> sampleNames)
    {
        FileFormat = fileFormat;
        MetaLines = Array.AsReadOnly(metaLines.ToArray());
        // Read-only copies: a caller cannot cast them back to a list or array and change the header others read.
        SampleNames = Array.AsReadOnly(sampleNames.ToArray());
    }

    /// <summary>The <c>##fileformat</c> value, e.g. <c>VCFv4.2</c>.</summary>
    public string FileFormat { get; }

    /// <summary>Every meta line in file order (the <c>##fileformat</c> line included).</summary>
    public IReadOnlyList<VcfMetaLine> MetaLines { get; }

    /// <summary>The INFO definitions.</summary>
    public VcfFieldDictionary Info { get; } = new();

    /// <summary>The FORMAT definitions.</summary>
    public VcfFieldDictionary Format { get; } = new();

    /// <summary>FILTER IDs with their descriptions.</summary>
    public IReadOnlyDictionary<string, string> Filters => _filters;

    /// <summary>The contigs in header order.</summary>
    public IReadOnlyList<VcfContig> Contigs => _contigs;

    /// <summary>The sample names in column order.</summary>
    public IReadOnlyList<string> SampleNames { get; }

    /// <summary>Whether the <c>#CHROM</c> line has a FORMAT column.</summary>
    public bool HasFormatColumn { get; internal set; }

    internal Dictionary<string, string> FilterMap => _filters;

    internal List<VcfContig> ContigList => _contigs;

    private readonly Dictionary<string, string> _filters = new(StringComparer.Ordinal);
    private readonly List<VcfContig> _contigs = [];

    /// <summary>The header as text lines, without newlines: the meta lines then the <c>#CHROM</c> line.</summary>
    public IEnumerable<string> ToLines()
    {
        foreach (var line in MetaLines)
        {
            yield return "##" + line.Text;
        }

        var columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";
        yield return SampleNames.Count > 0 || HasFormatColumn ? columns + "\tFORMAT" + string.Concat(SampleNames.Select(s => "\t" + s)) : columns;
    }
}
