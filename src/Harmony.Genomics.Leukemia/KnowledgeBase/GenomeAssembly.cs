namespace Harmony.Genomics.Leukemia;

/// <summary>The reference assemblies the knowledge base carries coordinates for.</summary>
public enum GenomeAssembly
{
    /// <summary>GRCh37 / hg19 / b37.</summary>
    GRCh37,

    /// <summary>GRCh38 / hg38.</summary>
    GRCh38,
}
