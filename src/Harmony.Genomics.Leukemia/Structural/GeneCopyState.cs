namespace Harmony.Genomics.Leukemia;

/// <summary>The copy state of a gene or region; "not assessable" is never folded into "not deleted".</summary>
public enum GeneCopyState
{
    /// <summary>Covered by segments and not deleted (or the deletion misses every exon).</summary>
    NotDeleted,

    /// <summary>One copy lost.</summary>
    HeterozygousDeletion,

    /// <summary>Both copies lost (at least in part of the gene).</summary>
    HomozygousDeletion,

    /// <summary>No call possible: no or too little segment coverage, or male chrX/PAR handling.</summary>
    NotAssessable,
}
