namespace Harmony.Genomics.Leukemia;

/// <summary>The estimated modal chromosome number and ploidy class of a specimen.</summary>
/// <param name="ModalNumber">Sum of whole-chromosome copy numbers, or null when too many chromosomes are not assessable.</param>
/// <param name="Class">The class under <paramref name="Definition"/>, or null.</param>
/// <param name="Definition">The definition applied (<see cref="PloidyDefinition.Describe"/>).</param>
/// <param name="Detail">Assumptions (chromosomes not assessable counted as 2, sex chromosomes) and masked-hypodiploidy notes.</param>
/// <param name="Certainty">The definition's certainty.</param>
public sealed record PloidyCall(int? ModalNumber, PloidyClass? Class, string Definition, string Detail, Certainty Certainty);
