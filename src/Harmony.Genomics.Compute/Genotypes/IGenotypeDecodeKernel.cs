namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// Decodes GT, AD and DP of every (record, sample) of a batch of VCF lines into flat columns; implementations give
/// identical results, errors included (the first failing sample of a record, in sample order, then byte order).
/// </summary>
internal interface IGenotypeDecodeKernel : IDisposable
{
    /// <summary>Writes every element of <paramref name="output"/> (sized for <paramref name="lines"/>).</summary>
    void Decode(GenotypeLines lines, GenotypeColumns output);
}
