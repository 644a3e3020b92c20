namespace Harmony.Genomics.Formats.Calls;

/// <summary>The copy-number segment formats this library reads.</summary>
public enum SegmentFormat
{
    /// <summary>SEG (DNAcopy/IGV): sample, chromosome, start, end, [markers,] mean log2 ratio; 1-based.</summary>
    Seg,

    /// <summary>CNVkit <c>.cns</c>/<c>.cnr</c>/<c>.call.cns</c>: 0-based start, <c>log2</c>, optional <c>cn</c>, <c>cn1</c>, <c>cn2</c>, <c>baf</c>.</summary>
    Cnvkit,

    /// <summary>GATK ModelSegments <c>.modelFinal.seg</c>: posterior log2 copy ratio and minor-allele fraction (deciles).</summary>
    GatkModelFinal,

    /// <summary>GATK CallCopyRatioSegments <c>.called.seg</c>: mean log2 copy ratio and CALL (+, -, 0).</summary>
    GatkCalled,

    /// <summary>A CNV VCF: SVTYPE DEL/DUP (or &lt;DEL&gt;/&lt;DUP&gt;/&lt;CNV&gt;) with END and CN in INFO or FORMAT.</summary>
    CnvVcf,

    /// <summary>ASCAT segments (<c>sample chr startpos endpos nMajor nMinor</c>): allele-specific absolute copy numbers.</summary>
    Ascat,

    /// <summary>FACETS <c>cncf</c> (<c>ID chrom loc.start loc.end seg num.mark … cnlr.median … tcn.em lcn.em</c>): total and minor copy numbers.</summary>
    Facets,
}
