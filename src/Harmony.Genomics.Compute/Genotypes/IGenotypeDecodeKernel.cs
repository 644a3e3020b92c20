namespace Harmony.Genomics.Compute.Genotypes;

/// <summary>
/// Decodes GT, AD and DP of every (record, sample) of a batch of VCF lines into flat columns; implementations give
/// identical results, errors included (the first failing sample of a record, in sample order, then byte order).
/// </summary>
/// <remarks>
/// Not wired into ingest yet. The intended use: the reader decodes a record's fixed columns and FORMAT as today but
/// leaves the sample columns undecoded, adds the line to a <see cref="GenotypeLinesBuilder"/>, and every few thousand
/// records runs the kernel that <c>--device</c> picks; the caller then checks allele indexes against each record's
/// ALT count (and AD's length against Number=R), and turns a failed record into the usual error (file, line from the
/// record's number, <see cref="GenotypeColumns.Describe"/>) or, in lenient mode, a rejected record. The allele planes
/// have the layout of <c>GenotypeMatrix</c>, so cohort statistics can read them without a reshuffle.
/// </remarks>
internal interface IGenotypeDecodeKernel : IDisposable
{
    /// <summary>Writes every element of <paramref name="output"/> (sized for <paramref name="lines"/>).</summary>
    void Decode(GenotypeLines lines, GenotypeColumns output);
}
