namespace Harmony.Genomics.Formats.Calls;

/// <summary>The fusion-caller tables this library reads, told apart by their header lines.</summary>
public enum FusionTableFormat
{
    /// <summary>Arriba <c>fusions.tsv</c> (header <c>#gene1 gene2 strand1(gene/fusion) …</c>).</summary>
    Arriba,

    /// <summary>STAR-Fusion <c>star-fusion.fusion_predictions.tsv</c> (with <c>JunctionReads</c>/<c>SpanningFrags</c>).</summary>
    StarFusion,

    /// <summary>STAR-Fusion <c>star-fusion.fusion_predictions.abridged.tsv</c> (read names left out).</summary>
    StarFusionAbridged,
}
