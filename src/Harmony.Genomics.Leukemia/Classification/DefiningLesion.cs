namespace Harmony.Genomics.Leukemia.Classification;

/// <summary>A DNA-level lesion that defines a B-ALL entity, with its rank (lower wins when several are present).</summary>
/// <param name="Finding">The finding's name.</param>
/// <param name="Who">The WHO-HAEM5 entity.</param>
/// <param name="Icc">The ICC 2022 entity.</param>
/// <param name="Rank">Precedence: primary rearrangements before mutations, kinase lesions, ploidy and iAMP21.</param>
/// <param name="Kind"><c>rearrangement</c>, <c>mutation</c> or <c>copy number</c>.</param>
internal sealed record DefiningLesion(string Finding, string Who, string Icc, int Rank, string Kind);
